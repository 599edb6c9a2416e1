import Foundation
import GovSimTestSupport
import XCTest

@testable import GovSimPipelines

/// ``BenchPlan``: the cases' scenarios load, the command lines and the report.
final class BenchPlanTests: XCTestCase {
    func testScenariosLoadWithTheirHorizonAndPortfolio() throws {
        let plan = BenchPlan(quick: true, cores: 4, scratch: "/scratch")
        XCTAssertEqual(plan.cases.count, 14)
        let large = BenchPlan(quick: true, large: true, cores: 4, scratch: "/scratch")
        XCTAssertEqual(large.cases.count, 16)
        // The compare case reads the reference scenario with its plan variants.
        let compare = try XCTUnwrap(large.cases.first { $0.arguments.first == "compare" })
        XCTAssertEqual(compare.name, "\(BenchPlan.compareCase) [100000 runs]")
        XCTAssertEqual(
            compare.arguments,
            [
                "compare", "/scratch/bench-compare.yaml", "--runs", "100000", "--threads", "4", "--seed", "1",
                "--out", "/scratch/out-5", "--quiet",
            ])
        let compared = try TestSupport.load(try XCTUnwrap(large.scenarioFiles.first { $0.path == "/scratch/bench-compare.yaml" }).text)
        XCTAssertFalse(compared.variants.isEmpty)
        XCTAssertEqual(Set(plan.scenarioFiles.map(\.path)).count, plan.scenarioFiles.count)
        for file in plan.scenarioFiles {
            let scenario = try TestSupport.load(file.text)
            XCTAssertTrue(file.path.hasPrefix("/scratch/bench-\(scenario.horizon)y-"), file.path)
        }
        let portfolio = try TestSupport.load(BenchPlan.scenarioText(years: 20, organisations: 10))
        XCTAssertEqual(portfolio.horizon, 20)
        XCTAssertEqual(portfolio.portfolio?.organisations.count, 10)
        XCTAssertEqual(
            plan.cases[0].arguments,
            [
                "run", "/scratch/bench-15y-1o.yaml", "--runs", "100000", "--threads", "4", "--seed", "1",
                "--out", "/scratch/out-0", "--quiet", "--no-runs-csv",
            ])
        XCTAssertEqual(
            plan.cases[4].arguments,
            [
                "run", "/scratch/bench-30y-1o.yaml", "--runs", "1000", "--threads", "4", "--seed", "1",
                "--out", "/scratch/out-4", "--quiet",
            ])
        // The merge case merges the 16 shards of the goal case's run, which its setup writes.
        let merge = plan.cases[3]
        XCTAssertEqual(merge.name, BenchPlan.label(BenchPlan.mergeCase, runs: 100_000))
        XCTAssertEqual(
            merge.arguments, ["merge"] + (1...16).map { "/scratch/merge-shard-\($0)" } + ["--out", "/scratch/out-merge", "--quiet"])
        XCTAssertEqual(merge.setup.count, 16)
        XCTAssertEqual(
            merge.setup[15],
            [
                "run", "/scratch/bench-15y-1o.yaml", "--runs", "100000", "--threads", "4", "--seed", "1",
                "--shard", "16/16", "--out", "/scratch/merge-shard-16", "--quiet", "--no-runs-csv",
            ])
        XCTAssertEqual(merge.setupOutputs, (1...16).map { "/scratch/merge-shard-\($0)" })
    }

    /// Each goal is judged from its own case: met, not met, or not measured when the case is missing.
    func testGoalsAreJudgedFromTheirCases() throws {
        let plan = BenchPlan(quick: false, cores: 2, scratch: "/s")
        func bench(_ name: String) -> BenchPlan.Case { plan.cases.first { $0.name.hasPrefix(name + " [") }! }
        // 10⁶ runs × 15 years in 1.2 s: 12.5 M run-years/s; in 3 s with runs.csv: 5 M.
        let results: [BenchPlan.Measurement] = [
            .init(bench: bench(BenchPlan.goalCase), seconds: 1.2, cpuSeconds: 2.0, peakMiB: 100),
            .init(bench: bench(BenchPlan.goalCaseOneThread), seconds: 2.0, cpuSeconds: 2.0, peakMiB: 100),
            .init(bench: bench(BenchPlan.goalCaseRunsCSV), seconds: 3, cpuSeconds: 5, peakMiB: 100),
            .init(bench: bench(BenchPlan.portfolioCase), seconds: 30, cpuSeconds: 50, peakMiB: 2048),
        ]
        var goals = plan.goals(results)
        XCTAssertEqual(
            goals.map(\.verdict), ["met", "not met", "met", "not met", "not measured", "not met", "not measured", "not measured"])
        // The merge goal: time against the single run's, and memory.
        for (seconds, peak, verdict) in [(0.06, 400.0, "met"), (0.06, 480.0, "not met"), (0.1, 100.0, "not met")] {
            goals = plan.goals(results + [.init(bench: bench(BenchPlan.mergeCase), seconds: seconds, cpuSeconds: seconds, peakMiB: peak)])
            XCTAssertEqual(goals[6].verdict, verdict, "\(seconds) s, \(peak) MiB")
        }
        XCTAssertTrue(goals[6].measured.hasPrefix("8.3% (0.10 s, 0.10 CPU s), 105 MB"), goals[6].measured)
        // --quick merges a tenth of the runs: the ratio is shown, never judged.
        let quick = BenchPlan(quick: true, cores: 2, scratch: "/s")
        func quickBench(_ name: String) -> BenchPlan.Case { quick.cases.first { $0.name.hasPrefix(name + " [") }! }
        let quickGoals = quick.goals([
            .init(bench: quickBench(BenchPlan.goalCase), seconds: 1, cpuSeconds: 1, peakMiB: 100),
            .init(bench: quickBench(BenchPlan.mergeCase), seconds: 0.01, cpuSeconds: 0.01, peakMiB: 10),
        ])
        XCTAssertNil(quickGoals[6].met)
        XCTAssertTrue(quickGoals[6].measured.contains("(--quick)"), quickGoals[6].measured)
        goals = plan.goals(results)
        XCTAssertEqual(goals[0].measured, "12.50 M run-years/s")
        XCTAssertEqual(goals[3].measured, "1.67x")
        XCTAssertTrue(goals[4].measured.contains("--large"))
        XCTAssertTrue(goals[7].measured.contains("--large"))
        // The compare memory goal, from bench --large's compare case; under --quick it is shown, not judged.
        for (quick, verdicts) in [(false, ["met", "not met"]), (true, ["not measured", "not measured"])] {
            let large = BenchPlan(quick: quick, large: true, cores: 2, scratch: "/s")
            let compare = try XCTUnwrap(large.cases.first { $0.name.hasPrefix(BenchPlan.compareCase + " [") })
            XCTAssertEqual(compare.runs, quick ? 100_000 : 1_000_000)
            let judged = [900.0, 1100].map { large.goals([.init(bench: compare, seconds: 3000, peakMiB: $0)])[7] }
            XCTAssertEqual(judged.map(\.verdict), verdicts)
            XCTAssertEqual(judged[0].measured, quick ? "900 MiB at 100000 runs (--quick)" : "900 MiB")
        }
        let report = plan.report(results)
        XCTAssertEqual(report.files.map(\.name), ["bench.csv", "goals.csv", "manifest.json"])
        let goalsCSV = String(decoding: report.files[1].contents, as: UTF8.self)
        XCTAssertTrue(goalsCSV.hasPrefix("goal,target,measured,verdict\n"))
        XCTAssertEqual(goalsCSV.split(separator: "\n").count, 1 + goals.count)
        XCTAssertEqual(report.goalRows.count, 1 + goals.count)
        XCTAssertTrue(plan.cases.first { $0.name.hasPrefix(BenchPlan.goalCase + " [") }!.arguments.contains("--no-runs-csv"))
        XCTAssertFalse(plan.cases.first { $0.name.hasPrefix(BenchPlan.goalCaseRunsCSV + " [") }!.arguments.contains("--no-runs-csv"))
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
        XCTAssertEqual(report.files.map(\.name), ["bench.csv", "goals.csv", "manifest.json"])
        XCTAssertEqual(report.rows.count, 3)
    }
}
