/// The money tornado and switching values of `govsim compare`'s report (``OptionSwitchingStudy``):
/// the baseline's mean NPSV with each decisive input at its low and high sweep values, drawn as
/// bars around its own mean NPSV, widest swing first; and a table of the value of each input at
/// which the preferred option (highest mean NPSV) and the runner-up swap.
package struct OptionTornadoSection: ReportSection {
    package let study: OptionSwitchingStudy
    package let scenario: Scenario
    package var anchor: String { "tornado" }
    package var heading: String { "Sensitivity in money and switching values" }

    package init(study: OptionSwitchingStudy, scenario: Scenario) {
        self.study = study
        self.scenario = scenario
    }

    package func write(into html: inout MarkupWriter) {
        func m(_ x: Double) -> String { ChartNumberFormat.fixed(x, decimals: 1) }
        func v(_ x: Double) -> String { ChartNumberFormat.fixed(x, decimals: abs(x) < 10 ? 3 : 1) }
        html.element(
            "p", [],
            text:
                "One-way sweeps with common random numbers: each input set to its low and high value (p10 and p90 if uncertain, 0.75 and 1.25 × its value if fixed), the others as in the scenario. Bars: the mean NPSV of \(study.baseline) (\(scenario.currency), real \(scenario.startYear) prices) at low (light) and high (dark), around its mean NPSV of \(m(study.baselineMean))."
                + (study.runs < scenario.runs
                    ? " Each re-run, and the central means here, use \(study.runs) of the comparison's \(scenario.runs) runs (the same seed; at most \(OptionSwitchingStudy.maximumSweepRuns) a re-run)."
                    : ""))
        let ordered = study.tornadoOrder
        let rows = ordered.prefix(12).map { r in
            BarChart.Row(
                label: r.input,
                bars: [
                    BarChart.Bar(from: study.baselineMean, to: r.baselineAtLow, colorIndex: 1),
                    BarChart.Bar(from: study.baselineMean, to: r.baselineAtHigh, colorIndex: 0),
                ],
                valueLabel: "\(m(r.baselineAtLow - study.baselineMean)) / \(m(r.baselineAtHigh - study.baselineMean))")
        }
        if !rows.isEmpty {
            var chart = BarChart(
                identifier: "\(anchor)-chart", title: "Change in mean NPSV of \(study.baseline) (largest 12)",
                unit: "\(scenario.currency), NPSV", rows: Array(rows), referenceValue: study.baselineMean, dataMetric: "npsv")
            chart.legend = [("input at low", 1), ("input at high", 0)]
            html.open("figure", [("class", "chart-figure")])
            html.raw(chart.svg())
            html.close()
        }
        html.element(
            "p", [],
            text:
                "Preferred option: \(study.preferred), ahead of \(study.runnerUp) by \(m(study.difference)) (mean NPSV). The switching value is the input value at which they are equal; an input with none does not change the choice between its low and high values."
        )
        html.open("table", [("class", "assumptions"), ("id", "\(anchor)-table")])
        html.open("thead")
        html.open("tr")
        for h in [
            "Input", "Unit", "Central", "Low", "High", "ΔNPSV at low", "ΔNPSV at high", "Lead at low", "Lead at high", "Switching value",
        ] {
            html.element("th", [], text: h)
        }
        html.close()
        html.close()
        html.open("tbody")
        for r in ordered {
            let cells = [
                r.input, r.unit, v(r.central), v(r.low), v(r.high), m(r.baselineAtLow - study.baselineMean),
                m(r.baselineAtHigh - study.baselineMean), m(r.differenceAtLow), m(r.differenceAtHigh),
                r.switchingValue.map(v) ?? "none in range",
            ]
            html.open("tr")
            for (k, c) in cells.enumerated() { html.element("td", k < 2 ? [] : [("class", "num")], text: c) }
            html.close()
        }
        html.close()
        html.close()
    }
}
