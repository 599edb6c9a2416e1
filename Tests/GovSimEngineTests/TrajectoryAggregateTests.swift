import XCTest

@testable import GovSimEngine
@testable import GovSimNumerics

final class TrajectoryAggregateTests: XCTestCase {
    private let years = 1

    /// Sealed block accumulators of `runs` runs (every cell uniform on (0, 1)) and every cell's values.
    private func blocks(runs: Int, seed: UInt64) -> ([TrajectoryAccumulator], [[Double]]) {
        var rng = Xoshiro256StarStar(seed: seed)
        var cells = [[Double]](repeating: [], count: Metric.allCases.count * years)
        let accumulators = ParallelBlocks.blocks(runs: runs).map { block -> TrajectoryAccumulator in
            var acc = TrajectoryAccumulator(years: years, expectedRuns: block.count)
            for _ in block {
                var t = RunTrajectory(horizon: years - 1)
                for c in 0..<t.values.count {
                    t.values[c] = Double.random(in: 0..<1, using: &rng)
                    cells[c].append(t.values[c])
                }
                acc.add(t)
            }
            return acc.sealed()
        }
        return (accumulators, cells)
    }

    func testQuantilesPastTheOldSketchThresholdAreTheExactOnes() {
        // 200,000 runs of 19 cells: past the 116,509 runs × 304 cells where quantiles used to be sketched.
        let (parts, cells) = blocks(runs: 200_000, seed: 11)
        var aggregate = TrajectoryAggregate(years: years)
        for (b, part) in parts.enumerated() { aggregate.add(block: b, part) }
        let (summary, rankError) = aggregate.finish(threads: 2)
        XCTAssertEqual(rankError, 0)
        for metric in Metric.allCases {
            let direct = QuantileSummary(cells[metric.index * years])
            let s = summary[metric]![0]
            XCTAssertEqual(s.quantiles, direct.quantiles, "\(metric)")
            XCTAssertEqual(s.fractionPositive, direct.fractionPositive)
            XCTAssertEqual(s.mean, direct.mean, accuracy: 1e-12)
            XCTAssertEqual(s.standardDeviation, direct.standardDeviation, accuracy: 1e-12)
        }
    }

    func testShardNodesCombineToTheSameBytesForAnyBlockAlignedSplit() {
        // 11 blocks (the last partial): the single stream against every split into up to three shards.
        let (parts, _) = blocks(runs: 10 * 1024 + 333, seed: 12)
        var single = TrajectoryAggregate(years: years)
        for (b, part) in parts.enumerated() { single.add(block: b, part) }
        let root = single.root()
        for a in 0...parts.count {
            for c in a...parts.count {
                var merged = TrajectoryAggregate(years: years)
                for range in [0..<a, a..<c, c..<parts.count] where !range.isEmpty {
                    var shard = TrajectoryAggregate(years: years)
                    for b in range { shard.add(block: b, parts[b]) }
                    XCTAssertLessThanOrEqual(shard.nodes.count, 2 * 4)  // O(log blocks) nodes per shard
                    for node in shard.nodes { merged.add(node) }
                }
                XCTAssertEqual(merged.root(), root, "split at \(a), \(c)")
            }
        }
    }
}
