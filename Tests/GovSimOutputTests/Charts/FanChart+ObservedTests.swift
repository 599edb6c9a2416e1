import GovSimTestSupport
import XCTest

@testable import GovSimEngine
@testable import GovSimOutput

final class FanChartObservedTests: XCTestCase {
    private func chart() -> FanChart {
        let q = QuantileSummary([1.0, 2, 3, 4, 5])
        return FanChart(identifier: "f", title: "T", unit: "u", years: [2025, 2026, 2027], summary: [q, q, q])
    }

    func testNoOutturnDrawsNoPointsAndOutturnWidensTheAxis() {
        let plain = chart().svg()
        XCTAssertFalse(plain.contains("class=\"outturn\""))
        var with = chart()
        with.observed = [(2026, 50), (2031, 2)]  // the second is off the chart's years
        let svg = with.svg()
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 1)
        XCTAssertTrue(svg.contains("Outturn"))
        XCTAssertNotEqual(
            svg.components(separatedBy: "class=\"median\"")[0], plain.components(separatedBy: "class=\"median\"")[0],
            "the axis is rescaled to include 50")
    }

    func testReportOverlayAddsAFanForAMetricWithoutAChart() throws {
        var s = TestSupport.reference
        s.runs = 50
        s.horizon = 3
        let result = SimulationEngine(scenario: s, threads: 1).run()
        let outturn = OutturnFile(
            fileName: "o.csv",
            observations: [
                .init(year: 2026, yearIndex: 1, metric: .spending, value: 1000, sd: nil, line: 2),
                .init(year: 2027, yearIndex: 2, metric: .runCost, value: 3, sd: nil, line: 3),
            ], sdColumn: nil)
        let html = HTMLReport(result: result, scenarioFile: "r.yaml", scenarioSHA256: "0").overlaying(outturn, note: "outturn: o.csv")
            .render()
        XCTAssertEqual(html.components(separatedBy: "<g class=\"outturn\">").count - 1, 2)
        XCTAssertTrue(html.contains("data-metric=\"run_cost\""))
        XCTAssertTrue(html.contains("Black points: the observed values (outturn)."))
    }
}
