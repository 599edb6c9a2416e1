import Foundation
import GovSimTestSupport
import XCTest

@testable import GovSimEngine
@testable import GovSimPipelines

/// ``ShardAggregate``'s `aggregate.bin`: an aggregate survives its encoding bit for bit, the
/// shards' aggregates merge into exactly the unsharded result, and a file that is not the
/// aggregate of its shard is refused.
final class ShardAggregateCodecTests: XCTestCase {
    private func scenario(runs: Int, horizon: Int = 4) -> Scenario {
        var s = TestSupport.reference
        s.runs = runs
        s.horizon = horizon
        return s
    }

    private func assertRoundTrip(_ s: Scenario, blocks: Range<Int>, line: UInt = #line) throws {
        let engine = SimulationEngine(scenario: s, threads: 2)
        let aggregate = engine.shard(blocks: blocks)
        let bytes = aggregate.encoded()
        let back = try ShardAggregate.decode(
            bytes, plan: engine.plan, runs: s.runs, firstBlock: blocks.lowerBound, endBlock: blocks.upperBound)
        XCTAssertEqual(back, aggregate, line: line)
        XCTAssertEqual(back.encoded(), bytes, line: line)
        XCTAssertEqual(
            back.total.map { [$0.level, $0.index] }, ShardAggregate.canonicalNodes(blocks).map { [$0.level, $0.index] }, line: line)
        XCTAssertEqual(
            back.runCount, min(blocks.upperBound * ParallelBlocks.blockSize, s.runs) - blocks.lowerBound * ParallelBlocks.blockSize,
            line: line)
    }

    func testASingleOrganisationsAggregateRoundTripsBitForBit() throws {
        // Blocks 1..<6 of 6 (the last partial): nodes (0,1), (1,1), (0,5) of the fixed tree.
        try assertRoundTrip(scenario(runs: 5 * 1024 + 300), blocks: 1..<6)
    }

    func testAPortfoliosAggregateRoundTripsWithEachOrganisation() throws {
        var s = try TestSupport.load(BenchPlan.scenarioText(years: 3, organisations: 3))
        s.runs = 3000
        try assertRoundTrip(s, blocks: 0..<3)
    }

    /// The canonical decomposition is what the tree holds after the leaves: maximal aligned nodes.
    func testCanonicalNodesAreTheMaximalAlignedNodes() {
        XCTAssertEqual(ShardAggregate.canonicalNodes(3..<11).map { [$0.level, $0.index] }, [[0, 3], [2, 1], [1, 4], [0, 10]])
        XCTAssertEqual(ShardAggregate.canonicalNodes(0..<8).map { [$0.level, $0.index] }, [[3, 0]])
    }

    /// Shards of any block-aligned split merge into the unsharded result, bit for bit.
    func testShardsMergeIntoTheUnshardedResult() throws {
        var s = scenario(runs: 7 * 1024 + 5)
        s.correlation = TestSupport.reference.correlation
        let single = SimulationEngine(scenario: s, threads: 1).run(recordSink: { _ in })
        for cuts in [[0, 8], [0, 3, 8], [0, 1, 2, 5, 7, 8]] {
            var merge = ShardMerge(scenario: s)
            for (a, b) in zip(cuts, cuts.dropFirst()) {
                let engine = SimulationEngine(scenario: s, threads: 2)
                let bytes = engine.shard(blocks: a..<b).encoded()
                try merge.add(ShardAggregate.decode(bytes, plan: merge.planSimulator, runs: s.runs, firstBlock: a, endBlock: b))
            }
            let merged = merge.finish()
            XCTAssertEqual(merged.budgets, single.budgets, "\(cuts)")
            XCTAssertEqual(merged.correlatedInputs, single.correlatedInputs, "\(cuts)")
            XCTAssertEqual(merged.quantileRankError, single.quantileRankError, "\(cuts)")
            for metric in Metric.allCases {
                XCTAssertEqual(merged.summary[metric], single.summary[metric], "\(cuts) \(metric)")
            }
        }
    }

    func testRefusesAnAggregateOfAnotherShardOrScenario() throws {
        let s = scenario(runs: 4096)
        let engine = SimulationEngine(scenario: s, threads: 1)
        let bytes = engine.shard(blocks: 1..<3).encoded()
        func refused(_ bytes: [UInt8], plan: PlanSimulator? = nil, first: Int = 1, end: Int = 3, _ fragment: String, line: UInt = #line) {
            XCTAssertThrowsError(
                try ShardAggregate.decode(bytes, plan: plan ?? engine.plan, runs: s.runs, firstBlock: first, endBlock: end),
                line: line
            ) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(error)", line: line)
            }
        }
        refused(bytes, first: 0, end: 3, "holds blocks 1..<3 (2048 runs), not the shard's 0..<3 (3072 runs)")
        refused(bytes, plan: PlanSimulator(scenario: scenario(runs: 4096, horizon: 5)), "holds 5 years")
        refused(Array(bytes.dropLast(3)), "ends")
        refused(bytes + [0], "has 1 bytes after its last value")
        refused(Array(bytes.prefix(20)), "ends")
        var version = bytes
        version[8] = 2
        refused(version, "is in format 2")
        // A node's run count that is not its runs'.
        var count = bytes
        count[61 + 4 + 1 + 8] ^= 1
        refused(count, "that is not the summary of its")
    }
}
