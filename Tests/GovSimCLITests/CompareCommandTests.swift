import Foundation
import XCTest

final class CompareCommandTests: XCTestCase {
    func testCompareWritesComparisonAndBudget() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml").path
        let r = try GovSimProcess.run(
            [
                "compare", scenario, "--variants", "fast-rollout,data-first", "--baseline", "reference",
                "--runs", "60", "--out", "cmp",
            ], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Variants ranked by npsv"), r.stdout)  // the default: the economic case over the appraisal period
        let comparison = try String(contentsOf: dir.appendingPathComponent("cmp/comparison.csv"), encoding: .utf8)
        XCTAssertTrue(
            comparison.hasPrefix(
                "year,metric,variant,baseline,delta_mean,delta_sd,delta_p5,delta_p25,delta_p50,delta_p75,delta_p95,prob_positive,delta_mc_se,better,prob_better\n"
            ))
        XCTAssertTrue(comparison.contains(",cumulative_net_savings,fast-rollout,reference,"))
        XCTAssertFalse(comparison.contains("\nall,"), "year holds years only")
        let totals = try String(contentsOf: dir.appendingPathComponent("cmp/comparison_totals.csv"), encoding: .utf8)
        XCTAssertTrue(totals.hasPrefix("measure,variant,baseline,delta_mean,delta_sd,delta_p5,"), totals)
        XCTAssertTrue(totals.contains("\nnpv_net_savings,data-first,reference,"), totals)
        XCTAssertTrue(totals.contains("\ncumulative_investment,fast-rollout,reference,"), totals)
        let budget = try String(contentsOf: dir.appendingPathComponent("cmp/budget.csv"), encoding: .utf8)
        XCTAssertTrue(budget.hasPrefix("variant,measure,statistic,value\n"))
        for fragment in [
            "reference,npv_net_savings,prob_positive,", "fast-rollout,cumulative_investment,p95,",
            "data-first,benefit_cost_ratio,p50,", "reference,payback_year,share_never,", "reference,payback_year,share_2030,",
        ] {
            XCTAssertTrue(budget.contains(fragment), fragment)
        }
        let summary = try String(contentsOf: dir.appendingPathComponent("cmp/summary.csv"), encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("variant,year,metric,"))
    }

    func testTwoScenarioFilesCompareAndSelfComparisonIsZero() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = try String(
            contentsOf: GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml"), encoding: .utf8)
        try Data(reference.utf8).write(to: dir.appendingPathComponent("plan-a.yaml"))
        try Data(reference.replacingOccurrences(of: "name: reference", with: "name: plan-b").utf8).write(
            to: dir.appendingPathComponent("plan-b.yaml"))
        let r = try GovSimProcess.run(["compare", "plan-a.yaml", "plan-b.yaml", "--runs", "40", "--out", "ab"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try String(contentsOf: dir.appendingPathComponent("ab/comparison.csv"), encoding: .utf8).split(separator: "\n")
            .dropFirst()
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            let cells = row.split(separator: ",")
            XCTAssertEqual(cells[2], "plan-b")
            for value in cells[4..<13] { XCTAssertEqual(Double(value), 0, String(row)) }
            XCTAssertTrue(["higher", "lower", "neither"].contains(cells[13]), String(row))
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

    /// Lower is better for spending and investment: the cheaper plan ranks first, and its
    /// P(better than baseline) is the share of runs in which it spends less.
    func testLowerIsBetterMeasuresRankTheCheaperPlanFirst() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml").path
        // (measure, year of its comparison.csv rows, baseline, variants, whether the first-ranked spends less than the baseline)
        let cases = [
            ("cumulative_investment", "all", "fast-rollout", "reference,data-first", true),  // both invest less than fast-rollout
            ("cumulative_investment", "all", "reference", "fast-rollout,data-first", false),  // both invest more: the case
            ("spending", "2040", "reference", "fast-rollout,data-first", true),  // fast-rollout spends less by 2040
            ("npv_net_savings", "all", "reference", "fast-rollout,data-first", false),
        ]
        for (n, (measure, year, baseline, variants, cheaperFirst)) in cases.enumerated() {
            let r = try GovSimProcess.run(
                [
                    "compare", scenario, "--variants", variants, "--baseline", baseline,
                    "--rank-by", measure, "--runs", "100", "--out", "cmp-\(n)",
                ], in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            let lowerIsBetter = measure != "npv_net_savings"
            XCTAssertTrue(r.stdout.contains(lowerIsBetter ? "lower is better" : "higher is better"), r.stdout)
            // rank, variant, mean difference, interval (a to b), P(better)
            let words: [[String]] = r.stdout.split(separator: "\n").map { line in line.split(separator: " ").map(String.init) }
            let rows = words.filter { (row: [String]) -> Bool in row.first.flatMap { Int($0) } != nil }
            XCTAssertEqual(rows.map { $0[0] }, ["1", "2"], r.stdout)
            let means = rows.map { Double($0[2])! }
            XCTAssertEqual(means, lowerIsBetter ? means.sorted() : means.sorted(by: >), "\(measure): \(r.stdout)")
            // Whole-horizon measures are in comparison_totals.csv (`measure` for `year,metric`).
            let file = year == "all" ? "comparison_totals.csv" : "comparison.csv"
            let csv = try String(contentsOf: dir.appendingPathComponent("cmp-\(n)/\(file)"), encoding: .utf8)
            let header = csv.split(separator: "\n")[0].split(separator: ",").map(String.init)
            if year == "all" {
                XCTAssertEqual(header.first, "measure")
            } else {
                XCTAssertFalse(csv.contains("\nall,"), "comparison.csv's year holds years only")
            }
            for row in rows {
                let cells = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                    .first {
                        year == "all" ? ($0[0] == measure && $0[1] == row[1]) : ($0[0] == year && $0[1] == measure && $0[2] == row[1])
                    }!
                let positive = Double(cells[header.firstIndex(of: "prob_positive")!])!
                let better = Double(cells[header.firstIndex(of: "prob_better")!])!
                XCTAssertEqual(cells[header.firstIndex(of: "better")!], lowerIsBetter ? "lower" : "higher")
                if lowerIsBetter {
                    XCTAssertLessThanOrEqual(better, 1 - positive + 1e-12, "P(lower) and P(higher) cannot exceed 1 together")
                } else {
                    XCTAssertEqual(better, positive)
                }
                // To one decimal (a tie such as 0.25 may round either way: the terminal rounds half away from 0).
                XCTAssertEqual(
                    Double(row.last!.dropLast())!, 100 * better, accuracy: 0.05 + 1e-9,
                    "\(measure) \(row[1]): the terminal shows prob_better")
            }
            if cheaperFirst {
                // The cheaper plan (negative mean difference) is better in most runs.
                XCTAssertLessThan(means[0], 0, r.stdout)
                XCTAssertGreaterThan(Double(rows[0].last!.dropLast())!, 50, r.stdout)
            }
        }
    }
}
