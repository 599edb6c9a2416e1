import Foundation
import XCTest
@testable import GovSimCore

/// ``BenchPlan``: the cases' scenarios load, the command lines and the report.
final class BenchPlanTests: XCTestCase {
    func testScenariosLoadWithTheirHorizonAndPortfolio() throws {
        let plan = BenchPlan(quick: true, cores: 4, scratch: "/scratch")
        XCTAssertEqual(plan.cases.count, 10)
        XCTAssertEqual(Set(plan.scenarioFiles.map(\.path)).count, plan.scenarioFiles.count)
        for file in plan.scenarioFiles {
            let scenario = try TestSupport.load(file.text)
            XCTAssertTrue(file.path.hasPrefix("/scratch/bench-\(scenario.horizon)y-"), file.path)
        }
        let portfolio = try TestSupport.load(BenchPlan.scenarioText(years: 20, organisations: 10))
        XCTAssertEqual(portfolio.horizon, 20)
        XCTAssertEqual(portfolio.portfolio?.organisations.count, 10)
        XCTAssertEqual(plan.cases[0].arguments, ["run", "/scratch/bench-30y-1o.yaml", "--runs", "1000", "--threads", "4", "--seed", "1",
                                                 "--out", "/scratch/out-0", "--quiet"])
    }

    /// Quick cases are labelled with the runs they really use, and every child is quiet (no
    /// child's summary or "Results written to" a scratch folder bench then deletes).
    func testQuickLabelsNameTheRunsUsedAndChildrenAreQuiet() {
        let plan = BenchPlan(quick: true, cores: 4, scratch: "/s")
        for c in plan.cases {
            XCTAssertTrue(c.arguments.contains("--quiet"), "\(c.name): \(c.arguments)")
            guard c.arguments.first == "run", let i = c.arguments.firstIndex(of: "--runs") else { continue }
            XCTAssertTrue(c.name.contains("\(c.arguments[i + 1]) runs"), "\(c.name) uses \(c.arguments[i + 1]) runs")
        }
        XCTAssertTrue(plan.cases.contains { $0.name == "reference 100000 runs x 30 years" }, plan.cases.map(\.name).description)
        XCTAssertFalse(plan.cases.contains { $0.name.contains("1000000") }, "quick never runs a million")
    }

    func testReportHasTheSpeedUp() throws {
        let plan = BenchPlan(quick: true, cores: 4, scratch: "/s")
        let one = plan.cases.first { $0.threads == 1 }!
        let all = plan.cases.first { $0.runs == one.runs && $0.years == one.years && $0.threads == 4 && $0.organisations == 1 }!
        let report = plan.report([.init(bench: one, seconds: 4, peakMiB: 10), .init(bench: all, seconds: 2, peakMiB: 12)])
        XCTAssertEqual(report.speedUp, "Speed-up from 1 to 4 threads: 2.00x")
        XCTAssertEqual(report.files.map(\.name), ["bench.csv", "manifest.json"])
        XCTAssertEqual(report.rows.count, 3)
    }
}
