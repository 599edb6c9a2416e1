/// `report.html`: a self-contained report of a simulation for analysts — inline SVG charts and
/// CSS only (no scripts, no fonts or images to download, no links out), readable offline and
/// printable on A4.
///
/// The document is a list of ``ReportSection``s between a title block and a footer with the
/// facts needed to reproduce it (``ReportProvenance``). The markup is XHTML-compatible (every
/// element closed, everything escaped), so XML tools can read it too, and deterministic: the
/// same result gives the same bytes.
package struct HTMLReport: Sendable {
    package var title: String
    /// Text under the title (the scenario's description).
    package var subtitle: String
    /// One line of key facts under the subtitle.
    package var facts: String
    package var provenance: ReportProvenance
    package var sections: [any ReportSection]

    package init(title: String, subtitle: String, facts: String, provenance: ReportProvenance, sections: [any ReportSection]) {
        self.title = title
        self.subtitle = subtitle
        self.facts = facts
        self.provenance = provenance
        self.sections = sections
    }

    /// The standard report of a run: ``standardSections(for:)`` and the provenance of the
    /// scenario file (its displayed path and the SHA-256 of its bytes).
    package init(result: SimulationResult, scenarioFile: String, scenarioSHA256: String) {
        self.init(
            result: result, appraisal: AppraisalTable.summary(result.budgets, scenario: result.scenario),
            scenarioFile: scenarioFile, scenarioSHA256: scenarioSHA256)
    }

    /// The standard report of a run with its appraisal summary (``OutputSummaries/appraisal``,
    /// computed once for every output): the same report as ``init(result:scenarioFile:scenarioSHA256:)``.
    package init(result: SimulationResult, appraisal: AppraisalSummary, scenarioFile: String, scenarioSHA256: String) {
        let s = result.scenario
        self.init(
            title: "\(s.name): forecast of the \(PracticeKind.countInWords)-practice programme",
            subtitle: s.description.trimmingSpaces(),
            facts:
                "\(ChartNumberFormat.fixed(Double(s.runs), decimals: 0)) runs · \(s.startYear)–\(s.startYear + s.horizon) · money in \(s.currency), nominal",
            provenance: ReportProvenance(
                scenarioName: s.name, scenarioFile: scenarioFile, scenarioSHA256: scenarioSHA256,
                seed: s.seed, runs: s.runs),
            sections: HTMLReport.standardSections(for: result, appraisal: appraisal))
    }

    /// Headline, appraisal (economic and financial case), forecast fan charts, adoption and assumptions.
    package static func standardSections(for result: SimulationResult) -> [any ReportSection] {
        standardSections(for: result, appraisal: AppraisalTable.summary(result.budgets, scenario: result.scenario))
    }

    /// ``standardSections(for:)`` with the run's appraisal summary.
    package static func standardSections(for result: SimulationResult, appraisal: AppraisalSummary) -> [any ReportSection] {
        [
            HeadlineSection(result: result), AppraisalSection(summary: appraisal, scenario: result.scenario),
            ForecastChartsSection(result: result),
            AdoptionSection(result: result), AssumptionsSection(scenario: result.scenario),
        ]
    }

    /// The report as HTML text.
    package func render() -> String {
        var html = MarkupWriter()
        html.open("html", [("lang", "en")])
        html.open("head")
        html.element("meta", [("charset", "utf-8")])
        html.element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        html.element("meta", [("name", "generator"), ("content", "govsim \(provenance.govsimVersion)")])
        html.element("title", [], text: "govsim report: \(provenance.scenarioName)")
        html.open("style")
        html.raw(HTMLReport.stylesheet)
        html.close()
        html.close()
        html.open("body")
        html.open("header", [("class", "report-header")])
        html.element("h1", [], text: title)
        if !subtitle.isEmpty { html.element("p", [("class", "subtitle")], text: subtitle) }
        html.element("p", [("class", "facts")], text: facts)
        html.close()
        html.open("main")
        for section in sections {
            html.open("section", [("id", section.anchor), ("class", "report-section")])
            html.element("h2", [], text: section.heading)
            section.write(into: &html)
            html.close()
        }
        html.close()
        writeFooter(into: &html)
        html.close()
        html.close()
        return "<!DOCTYPE html>\n" + html.finished()
    }

    func writeFooter(into html: inout MarkupWriter) {
        let p = provenance
        html.open("footer", [("class", "provenance")])
        html.element("h2", [], text: "Reproduce this report")
        html.open("dl")
        let rows: [(String, String, Bool)] = [
            ("Scenario file", p.scenarioFile, true),
            ("Scenario SHA-256", p.scenarioSHA256, true),
            ("Seed", String(p.seed), true),
            ("Runs", String(p.runs), true),
            ("govsim version", p.govsimVersion, true),
        ]
        for (term, value, code) in rows {
            html.element("dt", [], text: term)
            if code {
                html.element("dd", [], markup: "<code>" + MarkupWriter.escape(value) + "</code>")
            } else {
                html.element("dd", [], text: value)
            }
        }
        html.close()
        // Only what docs/reproducing.md guarantees: same version and platform, any thread count.
        let again =
            p.command == "run"
            ? "govsim run \(p.scenarioFile) --seed \(p.seed) --runs \(p.runs)"
            : "govsim \(p.command) with the options recorded in manifest.json (scenario \(p.scenarioFile), seed \(p.seed), \(p.runs) runs)"
        html.element(
            "p", [],
            text:
                "With govsim \(p.govsimVersion), \(again) writes the same files again, with any number of threads, in a debug or a release build; another govsim version, CPU architecture or C library may change the last digits. govsim verify re-runs the results folder and compares (docs/reproducing.md)."
        )
        html.close()
    }
}

extension String {
    /// The text with runs of whitespace (including line breaks) collapsed and the ends trimmed.
    func trimmingSpaces() -> String {
        split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
