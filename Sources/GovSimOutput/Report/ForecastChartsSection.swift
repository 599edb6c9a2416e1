/// Fan charts of the main yearly results over the whole horizon: productivity gain and index,
/// spending, net savings, cumulative net savings and satisfaction, with the counterfactual median dashed
/// where the metric has one, each captioned with the final year's median, mean and 90% interval;
/// then the stacked decomposition of the mean net savings per year
/// (``decompositionChart(_:identifier:)``).
package struct ForecastChartsSection: ReportSection {
    /// One fan chart: the metric drawn, its optional counterfactual, and its labels.
    package struct Chart: Sendable {
        package var metric: Metric
        package var counterfactual: Metric?
        package var title: String
        package var unit: String
        package var includeZero: Bool

        package init(metric: Metric, counterfactual: Metric? = nil, title: String, unit: String, includeZero: Bool = false) {
            self.metric = metric
            self.counterfactual = counterfactual
            self.title = title
            self.unit = unit
            self.includeZero = includeZero
        }
    }

    package let result: SimulationResult
    package var charts: [Chart]
    /// Observed values drawn over the fans, by metric (see ``HTMLReport/overlaying(_:)``).
    package var outturn: [Metric: [(year: Int, value: Double)]] = [:]
    package var anchor: String { "forecast" }
    package var heading: String { "Forecast, year by year" }

    /// The section with ``standardCharts(for:)``.
    package init(result: SimulationResult) {
        self.init(result: result, charts: ForecastChartsSection.standardCharts(for: result.scenario))
    }

    package init(result: SimulationResult, charts: [Chart]) {
        self.result = result
        self.charts = charts
    }

    /// Productivity gain, productivity index, spending, net savings, cumulative net savings and
    /// satisfaction.
    package static func standardCharts(for s: Scenario) -> [Chart] {
        [
            Chart(
                metric: .productivityGainPct, title: "Productivity gain",
                unit: "% over the same organisation without the programme", includeZero: true),
            Chart(
                metric: .productivityIndex, counterfactual: .productivityIndexCounterfactual, title: "Productivity",
                unit: "index, \(s.startYear) = 100"),
            Chart(
                metric: .spending, counterfactual: .spendingCounterfactual, title: "Spending",
                unit: "\(s.currency) per year, nominal, investment and run costs included"),
            Chart(metric: .netSavings, title: "Net savings", unit: "\(s.currency) per year; above 0 = saving", includeZero: true),
            Chart(
                metric: .cumulativeNetSavings, title: "Cumulative net savings",
                unit: "\(s.currency), summed from \(s.startYear + 1)", includeZero: true),
            Chart(
                metric: .satisfaction, counterfactual: .satisfactionCounterfactual, title: "Citizen satisfaction",
                unit: "points, 0–100"),
        ]
    }

    package func write(into html: inout MarkupWriter) {
        let years = (0...result.scenario.horizon).map(result.calendarYear)
        html.element(
            "p", [("class", "how-to-read")],
            text:
                "Each chart shows the spread of the simulated futures: the line is the median run, the darker band holds the middle 50% of runs and the lighter band the middle 90%. The dashed line is the median of the same organisation without the programme."
        )
        if !outturn.isEmpty {
            html.element("p", [("class", "how-to-read")], text: "Black points: the observed values (outturn).")
        }
        html.open("div", [("class", "charts")])
        for chart in charts {
            let summary = result.summary[chart.metric]!
            var fan = FanChart(
                identifier: "\(anchor)-\(chart.metric.rawValue)", title: chart.title, unit: chart.unit,
                years: years, summary: summary,
                reference: chart.counterfactual.map { .init(label: "No programme (median)", values: result.summary[$0]!.map(\.p50)) },
                includeZero: chart.includeZero, dataMetric: chart.metric.rawValue)
            fan.observed = outturn[chart.metric] ?? []
            html.open("figure", [("class", "chart-figure")])
            html.raw(fan.svg())
            let q = summary[summary.count - 1]
            let d = ReportFormat.decimals(q)
            html.element(
                "figcaption", [],
                text:
                    "\(years.last!): median \(ChartNumberFormat.fixed(q.p50, decimals: d)), mean \(ChartNumberFormat.fixed(q.mean, decimals: d)), 90% interval \(ReportFormat.interval(q, decimals: d))."
            )
            html.close()
        }
        html.open("figure", [("class", "chart-figure")])
        html.raw(ForecastChartsSection.decompositionChart(result, identifier: "\(anchor)-decomposition").svg())
        html.element(
            "figcaption", [],
            text:
                "Means add up: operating savings − investment − run cost − transition loss = mean net saving of the year (the medians of the parts do not add up)."
        )
        html.close()
        html.close()
    }
}
