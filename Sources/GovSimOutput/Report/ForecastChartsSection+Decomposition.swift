/// The stacked decomposition of the mean net savings per year: operating savings above zero,
/// investment, run cost and the transition (J-curve) loss below it.
extension ForecastChartsSection {
    /// The mean yearly parts of net savings, nominal, for years 1 … horizon. Means add up, so
    /// `operatingSavings + transitionLoss − investment − runCost` is the mean net saving of the
    /// year. The operating saving of a year is counterfactual minus operating spending
    /// (net saving + investment + run cost); a negative mean operating saving (productivity below
    /// the counterfactual while the J-curve lasts) is reported as the transition loss, so the
    /// two never both differ from 0 in one year.
    package struct YearParts: Sendable, Equatable {
        /// The calendar year (`2026`) or financial year (`2026-27`, ``FinancialYears``).
        package let period: String
        package let operatingSavings, investment, runCost, transitionLoss, netSavings: Double
    }

    /// The decomposition from the run's yearly summaries (means over runs), per calendar year
    /// 1 … horizon or per financial year (`appraisal.financial_year_start_month`, the means split
    /// pro rata).
    package static func decomposition(_ result: SimulationResult) -> [YearParts] {
        guard let net = result.summary[.netSavings], let inv = result.summary[.investment], let run = result.summary[.runCost] else {
            return []
        }
        let years = result.scenario.financialYears
        let h = result.scenario.horizon
        return years.periods(firstYear: result.scenario.startYear, first: 1, last: h).map { p in
            let n = years.value(p, of: net.map(\.mean)), i = years.value(p, of: inv.map(\.mean)), r = years.value(p, of: run.map(\.mean))
            let operating = n + i + r
            return YearParts(
                period: p.label, operatingSavings: max(0, operating), investment: i,
                runCost: r, transitionLoss: min(0, operating), netSavings: n)
        }
    }

    /// The stacked bar chart of ``decomposition(_:)``: one row per year, operating savings from 0
    /// to the right, investment, run cost and transition loss stacked from 0 to the left; the
    /// value label is the mean net saving.
    package static func decompositionChart(_ result: SimulationResult, identifier: String) -> BarChart {
        let parts = decomposition(result)
        let d = ChartNumberFormat.decimals(forMagnitude: parts.map { abs($0.netSavings) }.max() ?? 0)
        let rows = parts.map { p -> BarChart.Row in
            let afterInvestment = -p.investment, afterRun = afterInvestment - p.runCost
            return BarChart.Row(
                label: p.period,
                bars: [
                    BarChart.Bar(from: 0, to: p.operatingSavings, colorIndex: 0),
                    BarChart.Bar(from: 0, to: afterInvestment, colorIndex: 1),
                    BarChart.Bar(from: afterInvestment, to: afterRun, colorIndex: 2),
                    BarChart.Bar(from: afterRun, to: afterRun + p.transitionLoss, colorIndex: 3),
                ], valueLabel: "net " + ChartNumberFormat.fixed(p.netSavings, decimals: d, plusSign: true))
        }
        let years = result.scenario.financialYears
        var chart = BarChart(
            identifier: identifier, title: "Net savings per year, decomposed (mean over runs)",
            unit:
                "\(result.scenario.currency) per \(years.isCalendar ? "year" : "financial year (pro rata)"), nominal; right of 0 = saving",
            rows: rows, dataMetric: Metric.netSavings.rawValue)
        chart.legend = [("operating savings", 0), ("investment", 1), ("run cost", 2), ("transition / J-curve loss", 3)]
        return chart
    }
}
