import Foundation
import XCTest

@testable import GovSimOutput

/// The stacked decomposition of net savings per year in run's report (issue 13).
final class NetSavingsDecompositionTests: XCTestCase {
    /// The parts add up to the mean net saving of each year; operating savings and the transition
    /// loss never both differ from 0; the reference has a J-curve year (a transition loss) and a
    /// year of positive operating savings.
    func testPartsAddUpToTheMeanNetSaving() {
        let result = HTMLReportTests.result
        let parts = ForecastChartsSection.decomposition(result)
        XCTAssertEqual(parts.count, result.scenario.horizon)
        let net = result.summary[.netSavings]!
        for (t, p) in zip(1..., parts) {
            XCTAssertEqual(p.period, String(result.calendarYear(t)))
            XCTAssertEqual(p.netSavings, net[t].mean)
            XCTAssertEqual(
                p.operatingSavings + p.transitionLoss - p.investment - p.runCost, net[t].mean, accuracy: 1e-9 * max(1, abs(net[t].mean)))
            XCTAssertTrue(p.operatingSavings == 0 || p.transitionLoss == 0, p.period)
            XCTAssertGreaterThanOrEqual(p.operatingSavings, 0)
            XCTAssertLessThanOrEqual(p.transitionLoss, 0)
        }
        XCTAssertTrue(parts.contains { $0.operatingSavings > 0 })
        XCTAssertTrue(parts.contains { $0.investment > 0 })
    }

    /// One row per year, four stacked bars each: the negative parts join end to end.
    func testChartStacksThePartsEndToEnd() {
        let result = HTMLReportTests.result
        let chart = ForecastChartsSection.decompositionChart(result, identifier: "d")
        let parts = ForecastChartsSection.decomposition(result)
        XCTAssertEqual(chart.rows.count, parts.count)
        for (row, p) in zip(chart.rows, parts) {
            XCTAssertEqual(row.bars.count, 4)
            XCTAssertEqual(row.bars[1].to, row.bars[2].from)
            XCTAssertEqual(row.bars[2].to, row.bars[3].from)
            XCTAssertEqual(row.bars[3].to, -p.investment - p.runCost + p.transitionLoss, accuracy: 1e-9)
        }
        let doc = MarkupDocument(chart.svg())
        XCTAssertTrue(doc.parsed, doc.errorDescription ?? "")
        for label in ["operating savings", "investment", "run cost", "transition / J-curve loss"] {
            XCTAssertTrue(doc.text.contains(label), label)
        }
    }
}
