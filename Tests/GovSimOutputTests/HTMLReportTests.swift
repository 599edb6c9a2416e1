import Foundation
import GovSimTestSupport
import XCTest

@testable import GovSimOutput

final class HTMLReportTests: XCTestCase {
    static let result: SimulationResult = {
        var s = TestSupport.reference
        s.runs = 300
        return SimulationEngine(scenario: s, threads: 2).run()
    }()

    static func standardReport() -> String {
        HTMLReport(result: result, scenarioFile: "scenarios/reference.yaml", scenarioSHA256: String(repeating: "ab", count: 32)).render()
    }

    func testIsWellFormedAndDeterministic() {
        let html = HTMLReportTests.standardReport()
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let doc = MarkupDocument(html)
        XCTAssertTrue(doc.parsed, doc.errorDescription ?? "")
        XCTAssertEqual(html, HTMLReportTests.standardReport())
    }

    /// The footer promises only what docs/reproducing.md guarantees: the same files with the same
    /// govsim version and platform, not "on any machine".
    func testReproducibilityFooterPromisesOnlyWhatIsGuaranteed() {
        let html = HTMLReportTests.standardReport()
        XCTAssertFalse(html.contains("any machine"))
        XCTAssertTrue(html.contains("With govsim \(GovSimVersion.string), govsim run scenarios/reference.yaml --seed"), html)
        XCTAssertTrue(html.contains("another govsim version, CPU architecture or C library may change the last digits"))
    }

    /// Issue 13: the report shows the appraisal: both cases, NPV, NPSV, BCR, P(NPV > 0), payback.
    func testHasTheAppraisalSection() {
        let html = HTMLReportTests.standardReport()
        for text in [
            "Appraisal: economic and financial case to", "Financial case", "Economic case",
            "Benefit: staff time reinvested in service quality",
            "NPV (financial) / NPSV (economic): mean", "Benefit–cost ratio (mean PV benefits ÷ mean PV costs)", "P(NPV &gt; 0)",
            "Median payback year (discounted)", "Source", "NPV and NPSV: cumulative probability over runs",
            "Net savings per year, decomposed (mean over runs)", "transition / J-curve loss", ", mean ",
        ] {
            XCTAssertTrue(html.contains(text), text)
        }
    }

    func testHasOneFanChartPerForecastMetricAndTheAdoptionChart() {
        let doc = MarkupDocument(HTMLReportTests.standardReport())
        let charts = doc.elements(named: "svg")
        let metrics = charts.compactMap { $0.attributes["data-metric"] }
        XCTAssertEqual(metrics.count, charts.count, "every chart names its metric")
        XCTAssertEqual(
            metrics,
            [
                "payback_year", "npv", "productivity_gain_pct", "productivity_index", "spending", "net_savings", "cumulative_net_savings",
                "satisfaction", "net_savings", "adoption",
            ])
        // Spending, productivity and satisfaction show the counterfactual median dashed.
        let references = doc.elements(named: "path").filter { $0.attributes["class"] == "reference" }
        XCTAssertEqual(references.count, 3)
        XCTAssertEqual(doc.elements(named: "path").filter { $0.attributes["class"] == "median" }.count, 6)
        XCTAssertEqual(
            doc.elements(named: "path").filter { $0.attributes["class"] == "line" }.count, 6,
            "the S-curve's two lines and four adoption curves")
        // Every chart has a title and a description, referenced by aria-labelledby.
        let ids = Set(doc.elements.compactMap { $0.attributes["id"] })
        XCTAssertEqual(ids.count, doc.elements.compactMap { $0.attributes["id"] }.count, "ids are unique")
        for chart in charts {
            XCTAssertEqual(chart.attributes["role"], "img")
            for id in chart.attributes["aria-labelledby"]!.split(separator: " ") { XCTAssertTrue(ids.contains(String(id)), String(id)) }
        }
        XCTAssertEqual(doc.elements(named: "title").count, charts.count + 1)
        XCTAssertEqual(doc.elements(named: "desc").count, charts.count)
    }

    func testIsSelfContained() {
        let html = HTMLReportTests.standardReport()
        XCTAssertFalse(html.lowercased().contains("<script"))
        for tag in ["<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", " src=", " href="] {
            XCTAssertFalse(html.lowercased().contains(tag), tag)
        }
        // The only URL is the SVG namespace, once per chart.
        let namespace = "xmlns=\"http://www.w3.org/2000/svg\""
        let charts = html.components(separatedBy: "<svg ").count - 1
        XCTAssertEqual(html.components(separatedBy: namespace).count - 1, charts)
        let rest = html.replacingOccurrences(of: namespace, with: "")
        XCTAssertFalse(rest.contains("http://"))
        XCTAssertFalse(rest.contains("https://"))
        XCTAssertFalse(rest.contains("//"))
    }

    func testPrintsOnA4WithChartsKeptWhole() {
        let html = HTMLReportTests.standardReport()
        XCTAssertTrue(html.contains("@page { size: A4;"))
        XCTAssertTrue(html.contains("@media print"))
        XCTAssertTrue(html.contains("figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }"))
    }

    func testHeadlineAssumptionsAndFooter() {
        let result = HTMLReportTests.result
        let doc = MarkupDocument(HTMLReportTests.standardReport())
        let text = doc.text
        let gain = result.summary[.productivityGainPct]![15]
        XCTAssertTrue(text.contains("Productivity gain in 2040"))
        XCTAssertTrue(text.contains(ChartNumberFormat.fixed(gain.p50, decimals: 1, plusSign: true) + "%"), "median gain")
        XCTAssertTrue(
            text.contains(
                "90% interval: \(ChartNumberFormat.fixed(gain.p5, decimals: 1)) to \(ChartNumberFormat.fixed(gain.p95, decimals: 1))%"))
        XCTAssertTrue(text.contains("Cumulative net savings 2026–2040"))
        XCTAssertTrue(text.contains("Satisfaction gain in 2040"))
        // Assumptions: the inputs as the scenario file wrote them (reference.yaml writes
        // `max: 1.0` and `min: 0.10`, which govsim's own notation would shorten), defaults in
        // govsim's notation.
        XCTAssertTrue(text.contains("triangular(min 3, mode 5, max 7)"))
        XCTAssertTrue(text.contains("triangular(min 0.25, mode 0.5, max 1.0)"), "effects.causal_share as written")
        XCTAssertTrue(text.contains("triangular(min 0.10, mode 0.20, max 0.30)"), "a per-practice uplift as written")
        XCTAssertFalse(text.contains("triangular(min 0.25, mode 0.5, max 1)"))
        XCTAssertNil(result.scenario.writtenForm(of: "effects.full_adoption_uplift"), "left to its default in reference.yaml")
        XCTAssertTrue(text.contains(ParameterCatalog.describe(result.scenario["effects.full_adoption_uplift"])))
        let uncertainRows = result.scenario.specs.filter { !result.scenario[$0.path].isFixed }.count
        XCTAssertTrue(text.contains("Uncertain inputs (\(uncertainRows))"))
        // Footer: what reproduces the report.
        for fact in ["scenarios/reference.yaml", String(repeating: "ab", count: 32), "20251", "300", GovSimVersion.string] {
            XCTAssertTrue(text.contains(fact), fact)
        }
    }

    func testScenarioTextIsEscaped() {
        var s = Scenario(name: "esc")
        s.runs = 20
        s.horizon = 3
        s.description = "<script>alert('x')</script> & \"quotes\" \u{01}"
        s.currency = "R&D <units>"
        let result = SimulationEngine(scenario: s, threads: 1).run()
        let html = HTMLReport(result: result, scenarioFile: "a<b>.yaml", scenarioSHA256: "0").render()
        XCTAssertFalse(html.contains("<script"))
        let doc = MarkupDocument(html)
        XCTAssertTrue(doc.parsed, doc.errorDescription ?? "")
        XCTAssertTrue(doc.text.contains("<script>alert('x')</script> & \"quotes\""))
        XCTAssertTrue(doc.text.contains("R&D <units>"))
    }

    /// Sections are pluggable: a later comparison or sensitivity section is one more element.
    func testCustomSectionsAreRenderedInOrder() {
        struct Note: ReportSection {
            var anchor: String { "note" }
            var heading: String { "A note & more" }
            func write(into html: inout MarkupWriter) { html.element("p", [], text: "Hello <world>") }
        }
        let result = HTMLReportTests.result
        let report = HTMLReport(
            title: "T", subtitle: "", facts: "f",
            provenance: ReportProvenance(scenarioName: "n", scenarioFile: "f.yaml", scenarioSHA256: "0", seed: 1, runs: 2),
            sections: [Note(), HeadlineSection(result: result)])
        let doc = MarkupDocument(report.render())
        XCTAssertTrue(doc.parsed, doc.errorDescription ?? "")
        XCTAssertEqual(doc.elements(named: "section").map { $0.attributes["id"] }, ["note", "headline"])
        XCTAssertTrue(doc.text.contains("Hello <world>"))
    }
}
