/// The scenario's key assumptions: every uncertain input with its distribution (as the scenario
/// file wrote it, ``Scenario/describedAsWritten(_:)``) and its central 90% range, then the fixed
/// values.
package struct AssumptionsSection: ReportSection {
    package let scenario: Scenario
    package var anchor: String { "assumptions" }
    package var heading: String { "Key assumptions" }

    package init(scenario: Scenario) {
        self.scenario = scenario
    }

    package func write(into html: inout MarkupWriter) {
        let specs = scenario.specs
        let uncertain = specs.filter { !scenario[$0.path].isFixed }
        let fixed = specs.filter { scenario[$0.path].isFixed }
        let s = scenario
        let e = MarkupWriter.escape
        html.element(
            "p", [],
            markup: e(
                "Simulated from \(s.startYear) (base year) to \(s.startYear + s.horizon), money in \(s.currency). Each run draws every uncertain input once from its distribution; the other inputs are fixed. "
            )
                + e(
                    "Distributions and values are shown as the scenario file writes them (defaults and values fitted from data in govsim's notation); every default and its source is listed by "
                ) + "<code>govsim parameters</code>.")

        html.element("h3", [], text: "Uncertain inputs (\(uncertain.count))")
        html.open("table", [("class", "assumptions"), ("id", "\(anchor)-uncertain")])
        header(&html, ["Parameter", "Meaning", "Distribution", "90% range", "Unit", "Source"])
        html.open("tbody")
        for spec in uncertain {
            let d = scenario[spec.path]
            html.open("tr")
            html.element("td", [], markup: AssumptionsSection.breakablePath(spec.path))
            html.element("td", [], text: spec.summary)
            html.element("td", [], text: scenario.describedAsWritten(spec.path))
            html.element(
                "td", [("class", "num")], text: "\(ReportFormat.parameter(d.quantile(0.05))) to \(ReportFormat.parameter(d.quantile(0.95)))"
            )
            html.element("td", [], text: spec.unit)
            html.element("td", [], text: spec.source)
            html.close()
        }
        html.close()
        html.close()

        html.element("h3", [], text: "Fixed inputs (\(fixed.count))")
        html.open("table", [("class", "assumptions fixed"), ("id", "\(anchor)-fixed")])
        header(&html, ["Parameter", "Meaning", "Value", "Unit", "Source"])
        html.open("tbody")
        for spec in fixed {
            html.open("tr")
            html.element("td", [], markup: AssumptionsSection.breakablePath(spec.path))
            html.element("td", [], text: spec.summary)
            html.element("td", [("class", "num")], text: scenario.describedAsWritten(spec.path))
            html.element("td", [], text: spec.unit)
            html.element("td", [], text: spec.source)
            html.close()
        }
        html.close()
        html.close()
    }

    /// The path in `<code>`, with a line-break opportunity (`<wbr/>`) after each dot.
    static func breakablePath(_ path: String) -> String {
        "<code>" + path.split(separator: ".").map { MarkupWriter.escape(String($0)) }.joined(separator: ".<wbr/>") + "</code>"
    }

    func header(_ html: inout MarkupWriter, _ names: [String]) {
        html.open("thead")
        html.open("tr")
        for name in names { html.element("th", [("scope", "col")], text: name) }
        html.close()
        html.close()
    }
}
