import XCTest
@testable import GovSimCore

final class QuantileSketchTests: XCTestCase {
    private func values(_ n: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<n).map { _ in Double.random(in: 0..<1, using: &rng) }
    }

    /// The sketch of `xs` built as the engine builds it: blocks of 1,024 values merged as a binary counter.
    private func binaryCounterSketch(_ xs: [Double], capacity: Int) -> QuantileSketch {
        var stack: [(height: Int, sketch: QuantileSketch)] = []
        for block in ParallelBlocks.blocks(runs: xs.count) {
            var s = QuantileSketch(capacity: capacity)
            for x in xs[block] { s.append(x) }
            stack.append((0, s))
            while stack.count >= 2, stack[stack.count - 1].height == stack[stack.count - 2].height {
                let top = stack.removeLast()
                stack[stack.count - 1].sketch.merge(top.sketch)
                stack[stack.count - 1].height += 1
            }
        }
        var result = stack[0].sketch
        for entry in stack.dropFirst() { result.merge(entry.sketch) }
        return result
    }

    func testExactModeKeepsEveryValue() {
        let xs = values(3000, seed: 1)
        var a = QuantileSketch(), b = QuantileSketch()
        xs.prefix(1100).forEach { a.append($0) }
        xs.dropFirst(1100).forEach { b.append($0) }
        a.merge(b)
        XCTAssertTrue(a.isExact)
        XCTAssertEqual(a.rankErrorBound, 0)
        XCTAssertEqual(a.count, 3000)
        XCTAssertEqual(a.sortedItems(), xs.sorted())
    }

    func testMergingAnEmptySketchChangesNothing() {
        let xs = values(500, seed: 2)
        var a = QuantileSketch(capacity: 64)
        xs.prefix(60).forEach { a.append($0) }
        var b = a
        b.merge(QuantileSketch(capacity: 64))
        XCTAssertEqual(b.sortedItems(), a.sortedItems())
        XCTAssertEqual(b.count, 60)
    }

    func testCompressedRankErrorStaysWithinItsBound() {
        // 2¹⁶ values into sketches of 512 items: several compression levels.
        let n = 1 << 16, capacity = 512
        let xs = values(n, seed: 3)
        var sketch = binaryCounterSketch(xs, capacity: capacity)
        XCTAssertFalse(sketch.isExact)
        XCTAssertEqual(sketch.count, n)
        let levels = sketch.compressionLevels
        XCTAssertGreaterThanOrEqual(levels, 1)
        XCTAssertLessThanOrEqual(Double(levels), log2(Double(n) / Double(capacity)) + 1)
        XCTAssertEqual(sketch.rankErrorBound, Double(levels) / Double(capacity))
        let items = sketch.sortedItems()
        XCTAssertEqual(items.count, capacity)
        let sorted = xs.sorted()
        for p in [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] {
            let q = QuantileSummary.quantile(sorted: items, p: p)
            // Share of the exact values at or below the sketch's quantile.
            let rank = Double(QuantileSummary.partition(sorted: sorted) { $0 > q }) / Double(n)
            // The bound plus the rank resolution of `capacity` equal-weight items.
            XCTAssertEqual(rank, p, accuracy: sketch.rankErrorBound + 1 / Double(capacity), "p = \(p)")
        }
    }

    func testTheSketchIsDeterministic() {
        let xs = values(20_000, seed: 4)
        var a = binaryCounterSketch(xs, capacity: 256), b = binaryCounterSketch(xs, capacity: 256)
        XCTAssertEqual(a.sortedItems(), b.sortedItems())
    }

    /// The exact sample quantiles' share of `sorted` at or below each quantile of `sketch` is
    /// within the sketch's own rank-error bound (plus the rank resolution of its items).
    private func assertWithinBound(_ sketch: inout QuantileSketch, exact sorted: [Double], _ label: String, line: UInt = #line) {
        let items = sketch.sortedItems()
        for p in [0.01, 0.1, 0.5, 0.9, 0.99] {
            let q = QuantileSummary.quantile(sorted: items, p: p)
            let rank = Double(QuantileSummary.partition(sorted: sorted) { $0 > q }) / Double(sorted.count)
            XCTAssertEqual(rank, p, accuracy: sketch.rankErrorBound + 1 / Double(items.count), "\(label) p = \(p)", line: line)
        }
    }

    /// Merging is symmetric: a into b gives the sketch b into a gives, compressed or not.
    func testMergeDoesNotDependOnWhichSideMergesIntoWhich() {
        for (na, nb, capacity) in [(300, 500, 1000), (3000, 1700, 256), (5000, 40, 128)] {
            let xs = values(na + nb, seed: UInt64(na))
            var a = QuantileSketch(capacity: capacity), b = QuantileSketch(capacity: capacity)
            xs.prefix(na).forEach { a.append($0) }
            xs.dropFirst(na).forEach { b.append($0) }
            var ab = a, ba = b
            ab.merge(b)
            ba.merge(a)
            XCTAssertEqual(ab.count, na + nb)
            XCTAssertEqual(ab.count, ba.count)
            XCTAssertEqual(ab.rankErrorBound, ba.rankErrorBound)
            XCTAssertEqual(ab.sortedItems(), ba.sortedItems(), "\(na) + \(nb) into \(capacity)")
        }
    }

    /// Whatever the order blocks are merged in (the binary counter, a left fold, shuffled), the
    /// quantiles stay within the bound the sketch reports; in exact mode the order changes nothing.
    func testAnyMergeOrderStaysWithinItsReportedBound() {
        let n = 1 << 15, capacity = 512
        let xs = values(n, seed: 5)
        let sorted = xs.sorted()
        let blocks = ParallelBlocks.blocks(runs: n).map { block -> QuantileSketch in
            var s = QuantileSketch(capacity: capacity)
            xs[block].forEach { s.append($0) }
            return s
        }
        var rng = Xoshiro256StarStar(seed: 6)
        var counter = binaryCounterSketch(xs, capacity: capacity)
        assertWithinBound(&counter, exact: sorted, "binary counter")
        for (label, order) in [("left fold", Array(blocks.indices)), ("shuffled", blocks.indices.shuffled(using: &rng))] {
            var sketch = blocks[order[0]]
            for i in order.dropFirst() { sketch.merge(blocks[i]) }
            XCTAssertEqual(sketch.count, n)
            XCTAssertFalse(sketch.isExact)
            assertWithinBound(&sketch, exact: sorted, label)
        }
        var exactA = QuantileSketch(), exactB = QuantileSketch()
        for i in blocks.indices { exactA.merge(blocks[i]) }
        for i in blocks.indices.reversed() { exactB.merge(blocks[i]) }
        XCTAssertTrue(exactA.isExact)
        XCTAssertEqual(exactA.sortedItems(), sorted)
        XCTAssertEqual(exactB.sortedItems(), sorted)
    }
}
