import XCTest
@testable import GovSimCore
@testable import GovSimNumerics
@testable import GovSimEngine

final class TrajectoryAggregateTests: XCTestCase {
    private let years = 2

    /// Block accumulators of `runs` runs (every cell uniform on (0, 1)) and every cell's values.
    private func blocks(runs: Int, capacity: Int, seed: UInt64) -> ([TrajectoryAccumulator], [[Double]]) {
        var rng = Xoshiro256StarStar(seed: seed)
        var cells = [[Double]](repeating: [], count: Metric.allCases.count * years)
        let accumulators = ParallelBlocks.blocks(runs: runs).map { block -> TrajectoryAccumulator in
            var acc = TrajectoryAccumulator(years: years, expectedRuns: block.count, capacity: capacity)
            for _ in block {
                var t = RunTrajectory(horizon: years - 1)
                for c in 0..<t.values.count {
                    t.values[c] = Double.random(in: 0..<1, using: &rng)
                    cells[c].append(t.values[c])
                }
                acc.add(t)
            }
            return acc
        }
        return (accumulators, cells)
    }

    func testExactAggregateIsTheSummaryOfEveryValue() {
        let (parts, cells) = blocks(runs: 3000, capacity: Int.max, seed: 11)
        var aggregate = TrajectoryAggregate(years: years, capacity: Int.max)
        parts.forEach { aggregate.add($0) }
        let (summary, rankError) = aggregate.finish(threads: 2)
        XCTAssertEqual(rankError, 0)
        for metric in Metric.allCases {
            for year in 0..<years {
                let direct = QuantileSummary(cells[metric.index * years + year])
                let s = summary[metric]![year]
                XCTAssertEqual(s.quantiles, direct.quantiles)
                XCTAssertEqual(s.mean, direct.mean, accuracy: 1e-12)
                XCTAssertEqual(s.standardDeviation, direct.standardDeviation, accuracy: 1e-12)
            }
        }
    }

    func testSketchedAggregateKeepsExactMomentsAndBoundedRankError() {
        // 16 blocks into 512-item sketches: the binary counter compresses at most log₂(16) + 1 times.
        let capacity = 512
        let (parts, cells) = blocks(runs: 16 * 1024, capacity: capacity, seed: 12)
        var aggregate = TrajectoryAggregate(years: years, capacity: capacity)
        parts.forEach { aggregate.add($0) }
        let (summary, rankError) = aggregate.finish(threads: 3)
        XCTAssertGreaterThan(rankError, 0)
        XCTAssertLessThanOrEqual(rankError, (log2(16) + 1) / Double(capacity))
        for metric in Metric.allCases {
            for year in 0..<years {
                let values = cells[metric.index * years + year], sorted = values.sorted()
                let s = summary[metric]![year], direct = QuantileSummary(values)
                XCTAssertEqual(s.mean, direct.mean, accuracy: 1e-12)
                for (k, p) in [0.05, 0.25, 0.5, 0.75, 0.95].enumerated() {
                    let rank = Double(QuantileSummary.partition(sorted: sorted) { $0 > s.quantiles[k] }) / Double(values.count)
                    XCTAssertEqual(rank, p, accuracy: rankError + 1 / Double(capacity), "\(metric) \(year) p \(p)")
                }
            }
        }
    }
}
