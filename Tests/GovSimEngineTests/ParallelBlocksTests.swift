import Foundation
import XCTest

@testable import GovSimEngine

final class ParallelBlocksTests: XCTestCase {
    /// Counters shared with the workers (lock-protected).
    private final class Counters: @unchecked Sendable {
        private let lock = NSLock()
        private var produced = 0, consumed = 0, calls: [Int] = []
        private(set) var largestPending = 0

        func didProduce(_ index: Int) {
            lock.lock(); defer { lock.unlock() }
            produced += 1
            calls.append(index)
            largestPending = max(largestPending, produced - consumed)
        }

        func didConsume() {
            lock.lock(); defer { lock.unlock() }
            consumed += 1
        }

        var sortedCalls: [Int] { lock.lock(); defer { lock.unlock() }; return calls.sorted() }
    }

    func testBlocksTileTheRunsInFixedSizes() {
        XCTAssertEqual(ParallelBlocks.blocks(runs: 0), [])
        XCTAssertEqual(ParallelBlocks.blocks(runs: 1), [0..<1])
        XCTAssertEqual(ParallelBlocks.blocks(runs: 1024), [0..<1024])
        XCTAssertEqual(ParallelBlocks.blocks(runs: 2500), [0..<1024, 1024..<2048, 2048..<2500])
        XCTAssertEqual(ParallelBlocks.blocks(runs: 10, blockSize: 4), [0..<4, 4..<8, 8..<10])
    }

    func testMapReturnsEveryBlockOnceInBlockOrderForAnyThreadCount() {
        for threads in [1, 2, 3, 8] {
            let counters = Counters()
            let results = ParallelBlocks.map(blockCount: 37, threads: threads) { i -> Int in
                counters.didProduce(i)
                return i * i
            }
            XCTAssertEqual(results, (0..<37).map { $0 * $0 }, "threads \(threads)")
            XCTAssertEqual(counters.sortedCalls, Array(0..<37), "threads \(threads)")
        }
    }

    func testForEachOrderedConsumesInBlockOrderWithBoundedResultsWaiting() {
        for threads in [1, 2, 3, 8] {
            let counters = Counters()
            var consumed: [Int] = []
            ParallelBlocks.forEachOrdered(
                blockCount: 200, threads: threads,
                { i -> Int in
                    // Uneven work, so blocks finish out of order.
                    var x = 0.0
                    for k in 0..<((i % 7) * 2000) { x += Double(k).squareRoot() }
                    counters.didProduce(i)
                    return i + (x < 0 ? 1 : 0)
                },
                consume: { i, value in
                    XCTAssertEqual(value, i)
                    consumed.append(i)
                    counters.didConsume()
                })
            XCTAssertEqual(consumed, Array(0..<200), "threads \(threads)")
            XCTAssertEqual(counters.sortedCalls, Array(0..<200), "threads \(threads)")
            XCTAssertLessThanOrEqual(counters.largestPending, 2 * threads + 2, "threads \(threads)")
        }
    }

    /// A single organisation's blocks (16 years × the metrics: 2.5 MB a block) may wait
    /// 2 × threads + 2 deep; a 50-organisation portfolio's (51 × 21 years × the metrics: about
    /// 167 MB a block, above ``ParallelBlocks/waitingBytes``) only one a worker, none waiting
    /// beside them; in between, as many extra as fit in waitingBytes.
    func testMaxAheadBoundsTheBlocksInFlightByTheirSize() {
        let metrics = Metric.allCases.count
        XCTAssertEqual(ParallelBlocks.maxAhead(threads: 2, cellsPerRun: 16 * metrics), 6)
        XCTAssertEqual(ParallelBlocks.maxAhead(threads: 8, cellsPerRun: 16 * metrics), 18)
        XCTAssertEqual(ParallelBlocks.maxAhead(threads: 2, cellsPerRun: 51 * 21 * metrics), 2)
        XCTAssertEqual(ParallelBlocks.maxAhead(threads: 1, cellsPerRun: 51 * 21 * metrics), 1)
        // 64 MiB blocks: two fit in the 128 MiB that may wait.
        XCTAssertEqual(ParallelBlocks.maxAhead(threads: 2, cellsPerRun: 8 * 1024), 4)
    }

    func testNoBlocksCallsNothing() {
        ParallelBlocks.forEachOrdered(
            blockCount: 0, threads: 4, { _ in XCTFail("body called") }, consume: { _, _ in XCTFail("consume called") })
        XCTAssertEqual(ParallelBlocks.map(blockCount: 0, threads: 4) { $0 }, [])
    }
}
