/// The economic-case section of a run's report: the financial (Exchequer) and economic (social
/// value) case side by side — PV of benefits and costs by category, NPV / NPSV with mean and
/// median, BCR as the ratio of expected PVs beside the per-run ratios, P(NPV > 0), median payback
/// year — the payback-year distribution as a chart and the S-curve of NPV and NPSV
/// (``sCurve()``).
package struct AppraisalSection: ReportSection {
    package let summary: AppraisalSummary
    package let scenario: Scenario
    package var anchor: String { "appraisal" }
    package var heading: String { "Appraisal: economic and financial case to \(scenario.startYear + summary.settings.period)" }

    package init(summary: AppraisalSummary, scenario: Scenario) {
        self.summary = summary
        self.scenario = scenario
    }

    package init(result: SimulationResult) {
        self.init(summary: AppraisalTable.summary(result.budgets, scenario: result.scenario), scenario: result.scenario)
    }

    package func write(into html: inout MarkupWriter) {
        let s = scenario, settings = summary.settings
        let f = summary.financial, e = summary.economic
        let schedule =
            settings.schedule.kind == .greenBook
            ? "the Green Book declining discount rate (3.5% real to year 30)"
            : "a flat real discount rate of \(ChartNumberFormat.fixed(100 * settings.schedule.rate(year: 1), decimals: 2))%"
        html.element(
            "p", [],
            text:
                "Present values in \(s.currency), real \(s.startYear) prices, discounted to \(s.startYear) at \(schedule). Years after \(s.startYear + s.horizon) repeat the last simulated year (benefits decaying \(ChartNumberFormat.fixed(100 * settings.benefitDecay, decimals: 1))% a year). The financial case counts cash-releasing savings only (with the cash-releasing benefit lines); the economic case adds the staff time freed but reinvested in service quality, valued at its cost. Programme risk is simulated, so no optimism-bias uplift is added (docs/appraisal.md)."
        )
        html.open("table", [("class", "assumptions"), ("id", "\(anchor)-cases")])
        html.open("thead")
        html.open("tr")
        for h in ["Present value (mean over runs)", "Financial case", "Economic case"] { html.element("th", [], text: h) }
        html.close()
        html.close()
        html.open("tbody")
        func money(_ x: Double) -> String { ChartNumberFormat.fixed(x, decimals: 1) }
        func ratio(_ x: Double?) -> String { x.map { ChartNumberFormat.fixed($0, decimals: 2) } ?? "n/a" }
        func year(_ y: Int?) -> String { y.map { String(s.startYear + $0) } ?? "not within the period" }
        let lineRows: [(String, String, String)] = s.benefitLines.enumerated().map { k, line in
            (
                "Benefit line: \(line.name) (\(line.category.rawValue)\(line.cashReleasing ? ", cash-releasing" : ""), driven by \(line.drivers.map(\.rawValue).joined(separator: " and ")))",
                money(k < f.benefitLines.count ? f.benefitLines[k] : 0), money(k < e.benefitLines.count ? e.benefitLines[k] : 0)
            )
        }
        let rows: [(String, String, String)] =
            [
                ("Benefit: cash-releasing savings", money(f.cashReleasing), money(e.cashReleasing)),
                ("Benefit: staff time reinvested in service quality", money(f.staffTimeReinvested), money(e.staffTimeReinvested)),
            ] + lineRows + [
                ("Benefit: residual value", money(f.residualValue), money(e.residualValue)),
                ("PV of benefits", money(f.benefits), money(e.benefits)),
                ("Cost: investment", money(f.investment), money(e.investment)),
                ("Cost: run cost", money(f.runCost), money(e.runCost)),
                ("PV of costs", money(f.costs), money(e.costs)),
                ("NPV (financial) / NPSV (economic): mean", money(f.npv), money(e.npv)),
                ("… median", money(f.npvDistribution.p50), money(e.npvDistribution.p50)),
                (
                    "… Monte Carlo standard error of the mean", money(f.npvDistribution.standardError),
                    money(e.npvDistribution.standardError)
                ),
                ("Benefit–cost ratio (mean PV benefits ÷ mean PV costs)", ratio(f.benefitCostRatio), ratio(e.benefitCostRatio)),
                ("Per-run benefit–cost ratios: median (not the BCR)", ratio(f.perRunRatios?.p50), ratio(e.perRunRatios?.p50)),
                (
                    "P(NPV > 0)", ChartNumberFormat.fixed(100 * f.probabilityPositive, decimals: 1) + "%",
                    ChartNumberFormat.fixed(100 * e.probabilityPositive, decimals: 1) + "%"
                ),
                ("Median payback year (discounted)", year(f.paybackMedian), year(e.paybackMedian)),
            ]
        for (label, a, b) in rows {
            html.open("tr")
            html.element("td", [], text: label)
            html.element("td", [("class", "num")], text: a)
            html.element("td", [("class", "num")], text: b)
            html.close()
        }
        html.close()
        html.close()
        // Payback distribution: cumulative share of runs paid back by each year.
        var rowsChart: [BarChart.Row] = []
        var cumF = 0.0, cumE = 0.0
        let step = max(1, settings.period / 15)
        for y in 1..<f.paybackShares.count {
            cumF += f.paybackShares[y]
            cumE += e.paybackShares[y]
            guard y % step == 0 || y == settings.period else { continue }
            rowsChart.append(
                BarChart.Row(
                    label: String(s.startYear + y),
                    bars: [BarChart.Bar(to: 100 * cumF, colorIndex: 0), BarChart.Bar(to: 100 * cumE, colorIndex: 1)],
                    valueLabel:
                        "\(ChartNumberFormat.fixed(100 * cumF, decimals: 0))% / \(ChartNumberFormat.fixed(100 * cumE, decimals: 0))%"))
        }
        var chart = BarChart(
            identifier: "\(anchor)-payback", title: "Share of runs paid back (cumulative discounted net benefit > 0) by year",
            unit: "% of runs", rows: rowsChart, dataMetric: "payback_year")
        chart.legend = [("financial case", 0), ("economic case", 1)]
        html.open("figure", [("class", "chart-figure")])
        html.raw(chart.svg())
        html.close()
        html.open("figure", [("class", "chart-figure")])
        html.raw(sCurve().svg())
        html.element(
            "figcaption", [],
            text:
                "Drawn from the 1st to the 99th percentile of the runs. Where a curve crosses 0 is the share of runs with a loss: P(NPV ≤ 0) = \(ChartNumberFormat.fixed(100 * (1 - f.probabilityPositive), decimals: 1))% (financial), P(NPSV ≤ 0) = \(ChartNumberFormat.fixed(100 * (1 - e.probabilityPositive), decimals: 1))% (economic)."
        )
        html.close()
    }

    /// The S-curve: cumulative probability of the financial NPV and the economic NPSV.
    package func sCurve() -> CumulativeChart {
        let p = AppraisalSummary.curveProbabilities
        return CumulativeChart(
            identifier: "\(anchor)-npv-curve", title: "NPV and NPSV: cumulative probability over runs",
            unit: "\(scenario.currency), present value, real \(scenario.startYear) prices",
            series: [
                .init(label: "financial case (NPV)", probabilities: p, values: summary.financial.npvCurve),
                .init(label: "economic case (NPSV)", probabilities: p, values: summary.economic.npvCurve),
            ],
            dataMetric: "npv")
    }
}
