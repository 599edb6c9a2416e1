/// The options table of `govsim compare`'s report: each option's PV costs and benefits by
/// category, NPV, NPSV, BCRs (ratios of expected PVs), P(NPV > 0), P(best) by NPSV and by NPV, median payback and
/// paired differences from the baseline with their common-random-number standard errors, ranked
/// by mean NPSV (higher is better).
package struct OptionsSection: ReportSection {
    package let appraisal: OptionsAppraisal
    package let scenario: Scenario
    package var anchor: String { "options" }
    package var heading: String { "Options: economic and financial case" }

    package init(appraisal: OptionsAppraisal, scenario: Scenario) {
        self.appraisal = appraisal
        self.scenario = scenario
    }

    package func write(into html: inout MarkupWriter) {
        let s = scenario
        let baseline = appraisal.options[appraisal.baselineIndex].name
        html.element(
            "p", [],
            text:
                "Present values in \(s.currency), real \(s.startYear) prices, means over \(s.runs) runs with common random numbers; options ranked by mean NPSV (net present social value, the economic case). Differences are paired run by run against \(baseline), with their Monte Carlo standard errors. no-programme is business as usual."
        )
        html.open("table", [("class", "assumptions"), ("id", "\(anchor)-table")])
        html.open("thead")
        html.open("tr")
        let headers: [String] = [
            "Option", "PV costs", "PV cash-releasing", "PV reinvested time", "PV benefit lines", "NPV", "NPSV", "BCR (fin.)", "BCR (econ.)",
            "P(NPV > 0)", "P(best NPSV)", "P(best NPV)", "Payback (median)", "ΔNPV ± se", "ΔNPSV ± se",
        ]
        for h in headers { html.element("th", [], text: h) }
        html.close()
        html.close()
        html.open("tbody")
        func m(_ x: Double) -> String { ChartNumberFormat.fixed(x, decimals: 1) }
        func r(_ x: Double?) -> String { x.map { ChartNumberFormat.fixed($0, decimals: 2) } ?? "n/a" }
        func pct(_ x: Double) -> String { ChartNumberFormat.fixed(100 * x, decimals: 1) + "%" }
        let order = appraisal.options.indices.sorted {
            let a = appraisal.options[$0].summary.economic.npv, b = appraisal.options[$1].summary.economic.npv
            return a != b ? a > b : $0 < $1
        }
        for i in order {
            let o = appraisal.options[i]
            let f = o.summary.financial, e = o.summary.economic
            let payback: String = e.paybackMedian.map { String(s.startYear + $0) } ?? "never"
            let deltaNPV: String = o.deltaNPV.map { "\(m($0.mean)) ± \(m($0.standardError))" } ?? "baseline"
            let deltaNPSV: String = o.deltaNPSV.map { "\(m($0.mean)) ± \(m($0.standardError))" } ?? "baseline"
            let cells: [String] = [
                o.name, m(e.costs), m(e.cashReleasing), m(e.staffTimeReinvested), m(e.benefitLines.reduce(0, +)), m(f.npv), m(e.npv),
                r(f.benefitCostRatio),
                r(e.benefitCostRatio), pct(f.probabilityPositive), pct(o.probabilityBest), pct(o.probabilityBestNPV),
                payback, deltaNPV, deltaNPSV,
            ]
            html.open("tr")
            for (k, c) in cells.enumerated() { html.element("td", k == 0 ? [] : [("class", "num")], text: c) }
            html.close()
        }
        html.close()
        html.close()
    }
}

/// The value-of-information section of `govsim compare`'s report: EVPI of the choice and the
/// EVPPI of each uncertain input (regression method), as a table and a bar chart.
package struct ValueOfInformationSection: ReportSection {
    package let appraisal: OptionsAppraisal
    package let scenario: Scenario
    package var anchor: String { "value-of-information" }
    package var heading: String { "Value of information" }

    package init(appraisal: OptionsAppraisal, scenario: Scenario) {
        self.appraisal = appraisal
        self.scenario = scenario
    }

    package func write(into html: inout MarkupWriter) {
        func m(_ x: Double) -> String { ChartNumberFormat.fixed(x, decimals: 2) }
        html.element(
            "p", [],
            text:
                "EVPI: the most it is worth paying, per decision, to remove all uncertainty before choosing: \(m(appraisal.evpi.value)) ± \(m(appraisal.evpi.standardError)) \(scenario.currency) (NPSV). EVPPI: the same for learning one input exactly (for example the causal share, by a pilot), by the regression method of Strong, Oakley & Brennan (2014)."
        )
        html.open("table", [("class", "assumptions"), ("id", "\(anchor)-table")])
        html.open("thead")
        html.open("tr")
        for h in ["Input", "EVPPI", "Standard error"] { html.element("th", [], text: h) }
        html.close()
        html.close()
        html.open("tbody")
        for (input, e) in appraisal.evppi {
            html.open("tr")
            html.element("td", [], text: input)
            html.element("td", [("class", "num")], text: m(e.value))
            html.element("td", [("class", "num")], text: m(e.standardError))
            html.close()
        }
        html.close()
        html.close()
        let rows = appraisal.evppi.prefix(12).map {
            BarChart.Row(label: $0.input, bars: [BarChart.Bar(to: $0.estimate.value)], valueLabel: m($0.estimate.value))
        }
        guard !rows.isEmpty else { return }
        let chart = BarChart(
            identifier: "\(anchor)-chart", title: "EVPPI by input (largest 12)", unit: "\(scenario.currency), NPSV", rows: Array(rows),
            dataMetric: "evppi")
        html.open("figure", [("class", "chart-figure")])
        html.raw(chart.svg())
        html.close()
    }
}
