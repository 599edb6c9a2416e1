/// The adoption of the practices over the years: the median path of each (share of the
/// organisation, in percent), optionally with a light band for the middle 50% of runs (off by
/// default: the bands overlap), and a table of start, planned and final adoption.
package struct AdoptionSection: ReportSection {
    package let result: SimulationResult
    /// Draw the p25–p75 band of each practice.
    package var showBands: Bool
    package var anchor: String { "adoption" }
    package var heading: String { "Adoption of the \(PracticeKind.countInWords) practices" }

    package init(result: SimulationResult, showBands: Bool = false) {
        self.result = result
        self.showBands = showBands
    }

    package func write(into html: inout MarkupWriter) {
        let years = (0...result.scenario.horizon).map(result.calendarYear)
        let series = PracticeKind.allCases.map { kind -> LineChart.Series in
            let q = result.summary[Metric.adoption(kind)]!
            return LineChart.Series(
                label: AdoptionSection.label(kind), values: q.map { 100 * $0.p50 },
                band: showBands ? (lower: q.map { 100 * $0.p25 }, upper: q.map { 100 * $0.p75 }) : nil)
        }
        let chart = LineChart(
            identifier: "\(anchor)-chart", title: "Adoption (median)",
            unit: "% of the organisation using the practice", years: years, series: series,
            valueRange: 0...100, dataMetric: "adoption")
        html.open("div", [("class", "charts")])
        html.open("figure", [("class", "chart-figure")])
        html.raw(chart.svg())
        html.element(
            "figcaption", [],
            text: showBands
                ? "Lines: median run; shaded: middle 50% of runs." : "Lines: median run of each practice. The table gives the spread.")
        html.close()
        writeTable(into: &html, lastYear: years.last!)
        html.close()
    }

    /// Start adoption, planned target (median of its distribution) and final-year adoption
    /// (median and 90% interval over runs), in percent.
    func writeTable(into html: inout MarkupWriter, lastYear: Int) {
        let s = result.scenario
        let pct = { (x: Double) in ChartNumberFormat.fixed(100 * x, decimals: 0) + "%" }
        html.open("table", [("class", "adoption"), ("id", "\(anchor)-table")])
        html.open("thead")
        html.open("tr")
        for name in ["Practice", "Start (\(s.startYear))", "Planned target (median)", "\(lastYear) median", "\(lastYear) 90% interval"] {
            html.element("th", [("scope", "col")], text: name)
        }
        html.close()
        html.close()
        html.open("tbody")
        for kind in PracticeKind.allCases {
            let q = result.summary[Metric.adoption(kind)]!.last!
            let start = result.summary[Metric.adoption(kind)]!.first!.p50
            let target = s["practices.\(kind.rawValue).target_adoption"].quantile(0.5)
            html.open("tr")
            html.element("th", [("scope", "row")], text: AdoptionSection.label(kind))
            html.element("td", [("class", "num")], text: pct(start))
            html.element("td", [("class", "num")], text: pct(target))
            html.element("td", [("class", "num")], text: pct(q.p50))
            html.element("td", [("class", "num")], text: "\(pct(q.p5)) to \(pct(q.p95))")
            html.close()
        }
        html.close()
        html.close()
    }

    /// "Customer focus", "Data as a product", …
    static func label(_ kind: PracticeKind) -> String {
        switch kind {
        case .customerFocus: return "Customer focus"
        case .dataAsProduct: return "Data as a product"
        case .rapidIteration: return "Rapid iteration"
        case .outcomeAccountability: return "Outcome accountability"
        }
    }
}
