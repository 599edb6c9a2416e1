import Foundation
import XCTest

@testable import GovSimOutput

final class SVGBuilderTests: XCTestCase {
    func testEscapesTextAndAttributes() {
        XCTAssertEqual(MarkupWriter.escape("a < b & c > \"d\" 'e'"), "a &lt; b &amp; c &gt; &quot;d&quot; &#39;e&#39;")
        XCTAssertEqual(MarkupWriter.escape("bell\u{07}tab\t"), "bell\u{FFFD}tab\t")
        var svg = SVGBuilder(width: 100, height: 50, identifier: "t", title: "R&D <costs>", description: "\"quoted\" & 'single'")
        svg.text("5 < 6 & 7 > 3", x: 1, y: 2, [("data-note", "a\"b<c")])
        let out = svg.finished()
        XCTAssertTrue(out.contains("<title id=\"t-title\">R&amp;D &lt;costs&gt;</title>"), out)
        XCTAssertTrue(out.contains(">5 &lt; 6 &amp; 7 &gt; 3</text>"), out)
        XCTAssertTrue(out.contains("data-note=\"a&quot;b&lt;c\""), out)
        let doc = MarkupDocument(out)
        XCTAssertTrue(doc.parsed, doc.errorDescription ?? "")
        XCTAssertTrue(doc.text.contains("R&D <costs>"))
        XCTAssertEqual(doc.elements(named: "text").first?.attributes["data-note"], "a\"b<c")
    }

    func testRootIsAnAccessibleImage() {
        let out = SVGBuilder(width: 640, height: 400, identifier: "chart1", title: "T", description: "D").finished()
        let doc = MarkupDocument(out)
        XCTAssertTrue(doc.parsed, doc.errorDescription ?? "")
        let root = doc.elements.first!
        XCTAssertEqual(root.name, "svg")
        XCTAssertEqual(root.attributes["xmlns"], SVGBuilder.namespace)
        XCTAssertEqual(root.attributes["role"], "img")
        XCTAssertEqual(root.attributes["viewBox"], "0 0 640 400")
        XCTAssertEqual(root.attributes["aria-labelledby"], "chart1-title chart1-desc")
        XCTAssertEqual(doc.elements(named: "title").first?.attributes["id"], "chart1-title")
        XCTAssertEqual(doc.elements(named: "desc").first?.attributes["id"], "chart1-desc")
    }

    func testPathData() {
        XCTAssertEqual(SVGBuilder.pathData([(x: 0, y: 1.234), (x: 10.5, y: -2)], closed: true), "M0,1.23 L10.5,-2 Z")
    }
}

final class ChartTests: XCTestCase {
    /// A small fan chart built from fixed numbers: the golden file's input.
    static func smallFanChart() -> FanChart {
        let years = Array(2025...2029)
        let summary = years.indices.map { t in
            QuantileSummary((0...20).map { i in 100 + Double(t) * (0.5 + Double(i) / 8) - Double(t * t) * 0.1 })
        }
        return FanChart(
            identifier: "golden", title: "Productivity & <index>", unit: "index, 2025 = 100", years: years,
            summary: summary,
            reference: .init(label: "No programme (median)", values: years.indices.map { 100 + 0.3 * Double($0) }),
            dataMetric: "productivity_index")
    }

    static let goldenURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/fan-chart.svg")

    /// Compares the SVG of a small fan chart with the committed golden file byte for byte.
    /// After an intended change, regenerate it with GOVSIM_UPDATE_GOLDEN=1 and review the diff.
    func testFanChartMatchesGoldenFile() throws {
        let svg = ChartTests.smallFanChart().svg()
        if ProcessInfo.processInfo.environment["GOVSIM_UPDATE_GOLDEN"] == "1" {
            try Data(svg.utf8).write(to: ChartTests.goldenURL)
        }
        let golden = try String(contentsOf: ChartTests.goldenURL, encoding: .utf8)
        XCTAssertEqual(
            svg, golden, "fan chart SVG differs from \(ChartTests.goldenURL.path); if intended, rerun with GOVSIM_UPDATE_GOLDEN=1")
    }

    func testFanChartStructure() {
        let chart = ChartTests.smallFanChart()
        let svg = chart.svg()
        XCTAssertEqual(svg, chart.svg(), "deterministic")
        let doc = MarkupDocument(svg)
        XCTAssertTrue(doc.parsed, doc.errorDescription ?? "")
        XCTAssertEqual(doc.elements.first?.attributes["data-metric"], "productivity_index")
        let paths = doc.elements(named: "path").map { $0.attributes["class"] ?? "" }
        XCTAssertEqual(paths, ["band p5-p95", "band p25-p75", "reference", "median"])
        XCTAssertEqual(doc.elements(named: "path").first { $0.attributes["class"] == "reference" }?.attributes["stroke-dasharray"], "6 4")
        // Title, unit, year ticks and the legend are visible text.
        for label in [
            "Productivity & <index>", "index, 2025 = 100", "2025", "2029", "Calendar year", "Median", "50% of runs", "90% of runs",
            "No programme (median)",
        ] {
            XCTAssertTrue(doc.text.contains(label), label)
        }
        // The generated text alternative states the final-year median and intervals.
        XCTAssertTrue(doc.text.contains("In 2029 the median is"), doc.text)
        // Every coordinate lies inside the image.
        for element in doc.elements(named: "line") {
            for key in ["x1", "x2"] { XCTAssertTrue((0...600).contains(Double(element.attributes[key]!)!)) }
            for key in ["y1", "y2"] { XCTAssertTrue((0...380).contains(Double(element.attributes[key]!)!)) }
        }
    }

    func testMedianLineFollowsTheScale() {
        let years = [2025, 2026, 2027]
        let summary = [QuantileSummary([0.0]), QuantileSummary([50.0]), QuantileSummary([100.0])]
        let svg = FanChart(identifier: "m", title: "t", unit: "u", years: years, summary: summary).svg()
        let doc = MarkupDocument(svg)
        let d = doc.elements(named: "path").first { $0.attributes["class"] == "median" }!.attributes["d"]!
        let points = d.split(separator: " ").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "ML")).split(separator: ",").map { Double($0)! }
        }
        XCTAssertEqual(points.count, 3)
        // Equal steps in x, and 50 exactly half-way between 0 and 100 in y (the niced axis is 0-100).
        XCTAssertEqual(points[1][0] - points[0][0], points[2][0] - points[1][0], accuracy: 0.02)
        XCTAssertEqual(points[1][1], (points[0][1] + points[2][1]) / 2, accuracy: 0.02)
        XCTAssertGreaterThan(points[0][1], points[2][1], "larger values are drawn higher")
    }

    func testLineChartHasOneLineAndLegendEntryPerSeries() {
        let years = Array(2025...2030)
        let series = (0..<4).map { i in LineChart.Series(label: "Practice \(i)", values: years.indices.map { Double(10 * i + $0 * 5) }) }
        let svg = LineChart(
            identifier: "adoption", title: "Adoption", unit: "%", years: years, series: series, valueRange: 0...100, dataMetric: "adoption"
        ).svg()
        let doc = MarkupDocument(svg)
        XCTAssertTrue(doc.parsed, doc.errorDescription ?? "")
        let lines = doc.elements(named: "path").filter { $0.attributes["class"] == "line" }
        XCTAssertEqual(lines.count, 4)
        XCTAssertEqual(Set(lines.map { $0.attributes["stroke"]! }).count, 4, "distinct colours")
        XCTAssertEqual(Set(lines.map { $0.attributes["stroke-dasharray"] ?? "solid" }).count, 4, "distinct dash patterns")
        for i in 0..<4 { XCTAssertTrue(doc.text.contains("Practice \(i)")) }
        XCTAssertTrue(doc.text.contains("100"))
    }

    func testBarChartDrawsIntervalsAroundAReference() {
        var chart = BarChart(
            identifier: "tornado", title: "Cumulative net savings", unit: "GBP million",
            rows: [
                .init(
                    label: "Cost overrun", bars: [.init(from: -50, to: -10, colorIndex: 1), .init(from: -10, to: 30)],
                    valueLabel: "−50 to 30"),
                .init(label: "Uplift", bars: [.init(from: -20, to: 5)]),
            ],
            referenceValue: -10)
        chart.legend = [("low input", 1), ("high input", 0)]
        let doc = MarkupDocument(chart.svg())
        XCTAssertTrue(doc.parsed, doc.errorDescription ?? "")
        let bars = doc.elements(named: "rect").filter { $0.attributes["fill-opacity"] == nil && $0.attributes["height"] != "10" }
        XCTAssertEqual(bars.count, 3)
        XCTAssertTrue(bars.allSatisfy { Double($0.attributes["width"]!)! > 0 })
        XCTAssertNotNil(doc.elements(named: "line").first { $0.attributes["class"] == "reference" })
        for label in ["Cost overrun", "Uplift", "GBP million", "low input", "−50 to 30"] { XCTAssertTrue(doc.text.contains(label), label) }
    }

    func testPaletteIsOkabeIto() {
        XCTAssertEqual(ChartPalette.series.first, "#0072B2")
        XCTAssertFalse(ChartPalette.series.contains(ChartPalette.yellow))
        XCTAssertEqual(ChartPalette.color(ChartPalette.series.count), ChartPalette.series[0])
    }
}
