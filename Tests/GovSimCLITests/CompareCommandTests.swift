import Foundation
import XCTest

final class CompareCommandTests: XCTestCase {
    func testCompareWritesComparisonAndBudget() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml").path
        let r = try GovSimProcess.run(["compare", scenario, "--variants", "fast-rollout,data-first", "--baseline", "reference",
                                       "--runs", "600", "--out", "cmp"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Variants ranked by npv_net_savings"), r.stdout)
        let comparison = try String(contentsOf: dir.appendingPathComponent("cmp/comparison.csv"), encoding: .utf8)
        XCTAssertTrue(comparison.hasPrefix("year,metric,variant,baseline,delta_mean,delta_sd,delta_p5,delta_p25,delta_p50,delta_p75,delta_p95,prob_positive,delta_mc_se\n"))
        XCTAssertTrue(comparison.contains(",cumulative_net_savings,fast-rollout,reference,"))
        XCTAssertTrue(comparison.contains("all,npv_net_savings,data-first,reference,"))
        let budget = try String(contentsOf: dir.appendingPathComponent("cmp/budget.csv"), encoding: .utf8)
        XCTAssertTrue(budget.hasPrefix("variant,measure,statistic,value\n"))
        for fragment in ["reference,npv_net_savings,prob_positive,", "fast-rollout,cumulative_investment,p95,",
                         "data-first,benefit_cost_ratio,p50,", "reference,payback_year,share_never,", "reference,payback_year,share_2030,"] {
            XCTAssertTrue(budget.contains(fragment), fragment)
        }
        let summary = try String(contentsOf: dir.appendingPathComponent("cmp/summary.csv"), encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("variant,year,metric,"))
    }

    func testTwoScenarioFilesCompareAndSelfComparisonIsZero() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = try String(contentsOf: GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml"), encoding: .utf8)
        try Data(reference.utf8).write(to: dir.appendingPathComponent("plan-a.yaml"))
        try Data(reference.replacingOccurrences(of: "name: reference", with: "name: plan-b").utf8).write(to: dir.appendingPathComponent("plan-b.yaml"))
        let r = try GovSimProcess.run(["compare", "plan-a.yaml", "plan-b.yaml", "--runs", "300", "--out", "ab"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try String(contentsOf: dir.appendingPathComponent("ab/comparison.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            let cells = row.split(separator: ",")
            XCTAssertEqual(cells[2], "plan-b")
            for value in cells[4...] { XCTAssertEqual(Double(value), 0, String(row)) }
        }
    }

    func testBadVariantsWriteNothing() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = try GovSimProcess.run(["compare", "--variants", "fast-rolout", "--runs", "50"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("did you mean `fast-rollout`?"), r.stderr)
        try Data("version: 1\nname: v\nvariants:\n  x:\n    practices.data_as_product.target_adoptin: 0.9\n".utf8)
            .write(to: dir.appendingPathComponent("v.yaml"))
        r = try GovSimProcess.run(["compare", "v.yaml", "--runs", "50"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("v.yaml:5:5:"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("outputs").path))
    }
}
