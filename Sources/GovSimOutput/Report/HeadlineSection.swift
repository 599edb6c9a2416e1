/// The headline box: the final-year productivity gain, cumulative net savings and satisfaction
/// gain, each as a median with its 90% interval, and the chance that the programme has paid
/// for itself by the final year.
package struct HeadlineSection: ReportSection {
    package let result: SimulationResult
    package var anchor: String { "headline" }
    package var heading: String { "Headline: \(result.calendarYear(result.scenario.horizon))" }

    package init(result: SimulationResult) {
        self.result = result
    }

    package func write(into html: inout MarkupWriter) {
        let s = result.scenario
        let last = s.horizon
        let year = result.calendarYear(last)
        let gain = result.summary[.productivityGainPct]![last]
        let savings = result.summary[.cumulativeNetSavings]![last]
        let satisfaction = result.summary[.satisfactionGain]![last]
        // Share of runs whose cumulative net savings are positive in the final year (from the
        // summary, so it holds whether or not the run records were kept).
        let chance = 100 * (result.summary[.cumulativeNetSavings]?.last?.fractionPositive ?? 0)

        html.open("div", [("class", "headline")])
        tile(
            &html, id: "\(anchor)-productivity", label: "Productivity gain in \(year)", q: gain, decimals: 1,
            unit: "%", note: "over the same organisation without the programme")
        tile(
            &html, id: "\(anchor)-savings", label: "Cumulative net savings \(s.startYear + 1)–\(year)", q: savings,
            decimals: ReportFormat.decimals(savings), unit: " " + s.currency,
            note: "chance of a net saving by \(year): \(ChartNumberFormat.fixed(chance, decimals: 1))%")
        tile(
            &html, id: "\(anchor)-satisfaction", label: "Satisfaction gain in \(year)", q: satisfaction, decimals: 1,
            unit: " points", note: "on the 0–100 scale, over the same organisation without the programme")
        html.close()
        html.element(
            "p", [("class", "note")],
            text:
                "Medians over \(ChartNumberFormat.fixed(Double(result.scenario.runs), decimals: 0)) runs; the 90% interval holds the central 90% of runs (5th to 95th percentile). Money is nominal."
        )
    }

    func tile(_ html: inout MarkupWriter, id: String, label: String, q: QuantileSummary, decimals: Int, unit: String, note: String) {
        html.open("div", [("class", "tile"), ("id", id)])
        html.element("div", [("class", "label")], text: label)
        html.element("div", [("class", "value")], text: ChartNumberFormat.fixed(q.p50, decimals: decimals, plusSign: true) + unit)
        html.element("div", [("class", "interval")], text: "90% interval: \(ReportFormat.interval(q, decimals: decimals))\(unit)")
        html.element("div", [("class", "tile-note")], text: note)
        html.close()
    }
}
