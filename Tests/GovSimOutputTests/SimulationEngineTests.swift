import GovSimTestSupport
import XCTest

@testable import GovSimOutput

final class SimulationEngineTests: XCTestCase {
    private func smallReference(runs: Int = 2500) -> Scenario {
        var s = TestSupport.reference
        s.runs = runs  // more than two blocks, last one partial
        return s
    }

    func testOutputsAreIdenticalForAnyThreadCount() {
        // 2100 runs: three blocks, the last one partial; 4 years (the aggregation does not
        // depend on the horizon, and each year costs a debug build as much as the rest).
        var s = smallReference(runs: 2100)
        s.horizon = 4
        let one = SimulationEngine(scenario: s, threads: 1).run()
        let summary1 = SummaryTable.make(one).render(), runs1 = RunsTable.make(one).render()
        for threads in [2, 3, 8] {
            let other = SimulationEngine(scenario: s, threads: threads).run()
            XCTAssertEqual(SummaryTable.make(other).render(), summary1, "threads \(threads)")
            XCTAssertEqual(RunsTable.make(other).render(), runs1, "threads \(threads)")
        }
    }

    func testQuantilesAt200000RunsAreTheExactOnesOfRunsCsv() throws {
        // 200,000 runs, past the old sketch's threshold (116,509 runs of a 15-year scenario); one
        // year after the base year keeps a debug build fast (the aggregation does not depend on
        // the horizon). The exact type-7 quantiles of runs.csv's final-year columns must be
        // summary.csv's, within 0.1 × the quantile's Monte Carlo standard error in rank, with as
        // many errors above as below.
        var s = smallReference(runs: 200_000)
        s.horizon = 1
        let result = SimulationEngine(scenario: s, threads: 2).run()
        let n = Double(s.runs)
        XCTAssertEqual(result.quantileRankError, 0)
        let csv = RunsTable.lines(result.records, startYear: s.startYear)
        let header = RunsTable.headerLine(inputNames: result.inputNames).dropLast().split(separator: ",").map(String.init)
        let columns: [(String, Metric)] = [
            ("final_productivity_gain_pct", .productivityGainPct), ("cumulative_net_savings", .cumulativeNetSavings),
            ("final_satisfaction", .satisfaction), ("final_satisfaction_gain", .satisfactionGain),
        ]
        let indices = try columns.map { name, _ in try XCTUnwrap(header.firstIndex(of: name), name) }
        let values = try Self.numericColumns(indices, of: csv)
        var above = 0, below = 0
        for (k, (name, metric)) in columns.enumerated() {
            XCTAssertEqual(values[k].count, s.runs)
            let sorted = values[k].sorted()
            let summary = result.summary[metric]![s.horizon]
            for (q, p) in QuantileSummary.probabilities.enumerated() {
                let exact = QuantileSummary.quantile(sorted: sorted, p: p)
                // Rank error (ties hold whole ranges of ranks: several final years are 0 in many
                // runs): how many ranks the reported value's ranks [under, atOrUnder) are from ⌊p(n − 1)⌋.
                let x = summary.quantiles[q], lo = Int((p * (n - 1)).rounded(.down))
                let under = QuantileSummary.partition(sorted: sorted) { $0 >= x },
                    atOrUnder = QuantileSummary.partition(sorted: sorted) { $0 > x }
                let rankError = Double(max(0, under - (lo + 1), lo - atOrUnder)) / n
                let reportedBelow = summary.quantiles[q] < exact, reportedAbove = summary.quantiles[q] > exact
                if reportedAbove { above += 1 }
                if reportedBelow { below += 1 }
                XCTAssertEqual(summary.quantiles[q], exact, "\(name) p\(p)")
                XCTAssertLessThanOrEqual(rankError, 0.1 * (p * (1 - p) / n).squareRoot(), "\(name) p\(p)")
            }
            XCTAssertEqual(summary.fractionPositive, Double(sorted.filter { $0 > 0 }.count) / n)
        }
        XCTAssertEqual(above, below)
    }

    /// Columns `indices` of the CSV lines `csv` (no header, no quoting) as numbers, one array
    /// per column. A byte scan with `memchr`: splitting 200,000 lines into strings took most of
    /// the quantile test's time in an unoptimised test build.
    static func numericColumns(_ indices: [Int], of csv: String) throws -> [[Double]] {
        var csv = csv
        var columns = [[Double]](repeating: [], count: indices.count)
        var bad: String?
        csv.withUTF8 { bytes in
            guard let first = bytes.baseAddress else { return }
            let base = UnsafeRawPointer(first), end = base + bytes.count
            func find(_ byte: Character, from start: UnsafeRawPointer, to limit: UnsafeRawPointer) -> UnsafeRawPointer {
                memchr(start, Int32(byte.asciiValue!), limit - start).map { UnsafeRawPointer($0) } ?? limit
            }
            var line = base
            while line < end, bad == nil {
                let newline = find("\n", from: line, to: end)
                var field = 0, start = line
                while start <= newline, bad == nil {
                    let comma = find(",", from: start, to: newline)
                    if let k = indices.firstIndex(of: field) {
                        let text = String(decoding: UnsafeRawBufferPointer(start: start, count: comma - start), as: UTF8.self)
                        if let x = Double(text) { columns[k].append(x) } else { bad = "field \(field) \"\(text)\" is not a number" }
                    }
                    field += 1
                    start = comma + 1
                }
                line = newline + 1
            }
        }
        if let bad { throw NumericColumnError(message: "runs.csv: \(bad)") }
        return columns
    }

    struct NumericColumnError: Error { let message: String }

    func testATallTreeOfBlocksGivesTheSameBytesForAnyThreadCount() {
        // 40 blocks: six levels of the combination tree, with the last node cut short.
        var s = smallReference(runs: 40 * 1024 - 500)
        s.horizon = 1
        let one = SummaryTable.make(SimulationEngine(scenario: s, threads: 1).run()).render()
        for threads in [2, 8] {
            XCTAssertEqual(SummaryTable.make(SimulationEngine(scenario: s, threads: threads).run()).render(), one, "threads \(threads)")
        }
    }

    func testRepeatedRunsAreIdenticalAndSeedsDiffer() {
        let s = smallReference(runs: 300)
        let a = SummaryTable.make(SimulationEngine(scenario: s, threads: 2).run()).render()
        XCTAssertEqual(a, SummaryTable.make(SimulationEngine(scenario: s, threads: 2).run()).render())
        var t = s
        t.seed += 1
        XCTAssertNotEqual(a, SummaryTable.make(SimulationEngine(scenario: t, threads: 2).run()).render())
    }

    func testARunDoesNotDependOnTheRunCount() {
        // Run k's inputs and results are the same whether 100 or 2100 runs (3 blocks) are simulated.
        // Without correlations: Iman–Conover reorders the inputs within each block of 1,024 runs, so
        // with them (the default for programme risk) a run depends on its block's other runs.
        var short = smallReference(runs: 100), long = smallReference(runs: 2100)
        short.correlation = nil
        long.correlation = nil
        short.horizon = 4
        long.horizon = 4
        let small = SimulationEngine(scenario: short, threads: 2).run()
        let large = SimulationEngine(scenario: long, threads: 2).run()
        XCTAssertEqual(Array(large.records.prefix(100)), small.records)
    }

    func testSummaryHasEveryMetricAndYear() {
        let r = SimulationEngine(scenario: smallReference(runs: 50), threads: 2).run()
        XCTAssertEqual(Set(r.summary.keys), Set(Metric.allCases))
        for (_, years) in r.summary { XCTAssertEqual(years.count, 16) }
        XCTAssertEqual(r.records.count, 50)
        XCTAssertEqual(r.records.map(\.run), Array(0..<50))
    }

    func testMergedMomentsEqualDirectMoments() {
        var rng = Xoshiro256StarStar(seed: 5)
        let xs = (0..<1000).map { _ in Double.random(in: -3...8, using: &rng) }
        var whole = MomentAccumulator()
        xs.forEach { whole.add($0) }
        var a = MomentAccumulator(), b = MomentAccumulator()
        xs.prefix(337).forEach { a.add($0) }
        xs.dropFirst(337).forEach { b.add($0) }
        a.merge(b)
        XCTAssertEqual(a.count, 1000)
        XCTAssertEqual(a.mean, whole.mean, accuracy: 1e-13)
        XCTAssertEqual(a.variance, whole.variance, accuracy: 1e-11)
        let mean = xs.reduce(0, +) / 1000
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 999
        XCTAssertEqual(whole.variance, variance, accuracy: 1e-11)
    }

    func testType7Quantiles() {
        // numpy.percentile([1, 2, 3, 4, 10], [5, 25, 50, 75, 95]) = [1.2, 2, 3, 4, 8.8]
        let q = QuantileSummary([4, 1, 10, 3, 2])
        XCTAssertEqual(q.p5, 1.2, accuracy: 1e-12)
        XCTAssertEqual(q.p25, 2)
        XCTAssertEqual(q.p50, 3)
        XCTAssertEqual(q.p75, 4)
        XCTAssertEqual(q.p95, 8.8, accuracy: 1e-12)
        XCTAssertEqual(q.mean, 4)
    }

    func testSampledInputsFollowTheirDistributions() {
        // The sample mean of the realisation lag (triangular 3, 5, 7: mean 5, sd √(2/3)) over
        // 4000 runs lies within 4 standard errors (4·0.816/√4000 = 0.052) of 5.
        let sampler = InputSampler(scenario: TestSupport.reference)
        let j = sampler.dimensions.firstIndex { $0.path == "effects.realisation_lag" }!
        let lags = (0..<4000).map { sampler.uncertainValues(of: sampler.values(run: UInt64($0)))[j] }
        XCTAssertEqual(lags.reduce(0, +) / 4000, 5, accuracy: 0.052)
        XCTAssertTrue(lags.allSatisfy { (3...7).contains($0) })
    }

    func testDeliveryMixtureHasTheFullDeliveryProbability() {
        // P(delivery = 1) = 0.25; over 8000 runs the share is within 4·√(0.25·0.75/8000) = 0.019.
        let sampler = InputSampler(scenario: TestSupport.reference)
        let j = sampler.dimensions.firstIndex { $0.path == InputLayout.deliveryPath }!
        let full = (0..<8000).filter { sampler.uncertainValues(of: sampler.values(run: UInt64($0)))[j] == 1 }.count
        XCTAssertEqual(Double(full) / 8000, 0.25, accuracy: 0.019)
    }

    func testDefaultPriorsPassCalibration() {
        // 4000 runs (the full-size 20,000-run check is `.ci/run`'s release calibration). The
        // order-statistic s.e. of a quantile scales as 1/√n; with seed 1 at 4000 runs it is 0.061
        // points for p5 and 0.115 for p95 (estimates 6.985 and 14.989). Allowing 0.1 for the
        // priors' own distance from the targets (n → ∞), |p − target| ≤ 0.1 + 3·s.e. fails with
        // probability < 0.3% for another seed, while a shift of the priors by more than about
        // 0.3 (p5) or 0.45 (p95) points fails it.
        let r = CalibrationStudy.run(TestSupport.reference, runs: 4000, seed: 1, threads: 2)
        XCTAssertTrue(r.passed)
        XCTAssertLessThan(r.lowerSE, 0.1)
        XCTAssertLessThan(r.upperSE, 0.2)
        XCTAssertEqual(r.p5, 7, accuracy: 0.1 + 3 * r.lowerSE)
        XCTAssertEqual(r.p95, 15, accuracy: 0.1 + 3 * r.upperSE)
    }

    func testHalfTheUpliftFailsCalibration() {
        // Half the prior of U: the leader-versus-peer gap G(U/2) = 0.6·(U/2)/(1 + 0.3·U/2), so the
        // p95 of 15% (U95 = 0.2703) becomes 0.6·0.1351/1.0405 = 7.79%.
        var s = TestSupport.reference
        s["effects.full_adoption_uplift"] = s["effects.full_adoption_uplift"].scaled(by: 0.5)
        let r = CalibrationStudy.run(s, runs: 5000, seed: 1, threads: 2)
        XCTAssertFalse(r.passed)
        XCTAssertEqual(r.p95, 7.79, accuracy: 0.3)
    }
}
