import XCTest
@testable import GovSimCore
@testable import GovSimNumerics

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
}
