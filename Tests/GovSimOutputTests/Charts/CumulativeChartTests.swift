import Foundation
import XCTest

@testable import GovSimOutput

/// The S-curve of run's report (issue 13): a golden file and its structure.
final class CumulativeChartTests: XCTestCase {
    /// A small S-curve built from fixed numbers: the golden file's input.
    static func smallCurve() -> CumulativeChart {
        let p = [0, 0.25, 0.5, 0.75, 1]
        return CumulativeChart(
            identifier: "golden-curve", title: "NPV & <NPSV>", unit: "GBP million",
            series: [
                .init(label: "financial", probabilities: p, values: [-40, -20, -5, 10, 35]),
                .init(label: "economic", probabilities: p, values: [-10, 20, 45, 70, 120]),
            ],
            dataMetric: "npv")
    }

    static let goldenURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/s-curve.svg")

    /// Compares the SVG with the committed golden file byte for byte. After an intended change,
    /// regenerate it with GOVSIM_UPDATE_GOLDEN=1 and review the diff.
    func testMatchesGoldenFile() throws {
        let svg = CumulativeChartTests.smallCurve().svg()
        if ProcessInfo.processInfo.environment["GOVSIM_UPDATE_GOLDEN"] == "1" {
            try Data(svg.utf8).write(to: CumulativeChartTests.goldenURL)
        }
        let golden = try String(contentsOf: CumulativeChartTests.goldenURL, encoding: .utf8)
        XCTAssertEqual(
            svg, golden, "S-curve SVG differs from \(CumulativeChartTests.goldenURL.path); if intended, rerun with GOVSIM_UPDATE_GOLDEN=1")
    }

    /// One line per series, rising from the bottom (0%) to the top (100%) of the plot, left to
    /// right; the reference line at 0 lies between the first and last x of both curves.
    func testStructure() throws {
        let chart = CumulativeChartTests.smallCurve()
        let doc = MarkupDocument(chart.svg())
        XCTAssertTrue(doc.parsed, doc.errorDescription ?? "")
        XCTAssertEqual(doc.elements.first?.attributes["data-metric"], "npv")
        let lines = doc.elements(named: "path").filter { $0.attributes["class"] == "line" }
        XCTAssertEqual(lines.count, 2)
        let reference = try XCTUnwrap(doc.elements(named: "line").first { $0.attributes["class"] == "reference" })
        let x0 = Double(reference.attributes["x1"]!)!
        for line in lines {
            let points = line.attributes["d"]!.split(separator: " ").map { $0.dropFirst().split(separator: ",").map { Double($0)! } }
            XCTAssertEqual(points.count, 5)
            XCTAssertEqual(points.map { $0[0] }, points.map { $0[0] }.sorted(), "x rises with the probability")
            XCTAssertEqual(points.map { $0[1] }, points.map { $0[1] }.sorted(by: >), "y rises (SVG y falls) with the probability")
            XCTAssertEqual(points.first![1], chart.height - 84, accuracy: 1e-9, "0% at the bottom of the plot")
            XCTAssertEqual(points.last![1], 64, accuracy: 1e-9, "100% at the top")
        }
        XCTAssertLessThan(
            Double(lines[0].attributes["d"]!.split(separator: " ")[1].dropFirst().split(separator: ",")[0])!, x0,
            "the financial quartile −20 is left of 0")
        for label in ["NPV & <NPSV>", "GBP million", "0%", "100%", "financial", "economic"] {
            XCTAssertTrue(doc.text.contains(label), label)
        }
    }
}
