import XCTest

@testable import GovSimRandom

final class QuantileWindowsTests: XCTestCase {
    /// Leaves of 1,024 values each, combined along the tree the engine uses.
    private func treeWindows(_ xs: [Double]) -> QuantileWindows {
        var nodes: [(level: Int, index: Int, w: QuantileWindows)] = []
        for (b, start) in stride(from: 0, to: xs.count, by: 1024).enumerated() {
            nodes.append((0, b, QuantileWindows(sorted: xs[start..<min(start + 1024, xs.count)].sorted())))
            while nodes.count >= 2, nodes[nodes.count - 1].level == nodes[nodes.count - 2].level, nodes[nodes.count - 2].index % 2 == 0 {
                let r = nodes.removeLast(), l = nodes.removeLast()
                nodes.append((l.level + 1, l.index / 2, QuantileWindows.combine(l.w, r.w)))
            }
        }
        var acc = nodes.removeLast().w
        while let l = nodes.popLast() { acc = QuantileWindows.combine(l.w, acc) }
        return acc
    }

    /// Every stored value is the exact order statistic at its rank (the contract), whatever happened.
    private func assertExactOrderStatistics(_ w: QuantileWindows, _ sorted: [Double], file: StaticString = #filePath, line: UInt = #line) {
        for window in w.windows {
            XCTAssertEqual(window.values, Array(sorted[window.start..<window.start + window.values.count]), file: file, line: line)
        }
    }

    private func uniform(_ n: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<n).map { _ in Double.random(in: -1..<3, using: &rng) }
    }

    func testQuantilesPastTheOldSketchThresholdAreExactFromFewValues() {
        // 300,000 runs: more than the 116,509 where the old sketch began.
        let xs = uniform(300_000, seed: 1), sorted = xs.sorted()
        let w = treeWindows(xs)
        assertExactOrderStatistics(w, sorted)
        let direct = QuantileSummary(xs)
        for q in QuantileSummary.probabilities.indices {
            let (value, error) = w.quantile(q)
            XCTAssertEqual(error, 0)
            XCTAssertEqual(value, direct.quantiles[q])
        }
        XCTAssertEqual(Double(w.positive) / Double(w.count), direct.fractionPositive)
        XCTAssertEqual(Double(w.negative) / Double(w.count), direct.fractionNegative)
        // Memory: window q holds 2(k√(p(1−p)n) + k²/3) + 5 values, 21.6 √n + 145 in all (4% of the runs here).
        XCTAssertLessThanOrEqual(w.storedValues, Int(21.7 * Double(300_000).squareRoot()) + 145)
    }

    func testTiesAndPointMassesStayExact() {
        // Half the values exactly 0, the rest from ten values: ranks, not values, are kept.
        var rng = Xoshiro256StarStar(seed: 2)
        let xs = (0..<50_000).map { _ -> Double in Bool.random(using: &rng) ? 0 : Double(Int.random(in: 1...10, using: &rng)) }
        let w = treeWindows(xs), direct = QuantileSummary(xs)
        assertExactOrderStatistics(w, xs.sorted())
        for q in QuantileSummary.probabilities.indices { XCTAssertEqual(w.quantile(q).value, direct.quantiles[q]) }
        XCTAssertEqual(Double(w.positive) / Double(w.count), direct.fractionPositive)
    }

    func testAQuantileOutsideItsWindowReportsItsTrueRankDistance() {
        // Runs in ascending order (never the case for independent runs): each block's windows miss
        // the whole's quantiles, which must then be exact order statistics with a reported distance.
        let xs = uniform(40_000, seed: 3).sorted()
        let w = treeWindows(xs)
        assertExactOrderStatistics(w, xs)
        var anyError = false
        for q in QuantileSummary.probabilities.indices {
            let (value, error) = w.quantile(q)
            let h = QuantileSummary.probabilities[q] * Double(xs.count - 1)
            let lo = Int(h.rounded(.down))
            anyError = anyError || error > 0
            if error == 0 {
                XCTAssertEqual(value, QuantileSummary.quantile(sorted: xs, p: QuantileSummary.probabilities[q]))
            } else {
                // The value is the order statistic `error` ranks (or fewer for the interpolation's upper neighbour) away.
                let candidates = [lo - error, lo + error, lo - error + 1, lo + error - 1].filter { xs.indices.contains($0) }.map { xs[$0] }
                XCTAssertTrue(
                    candidates.contains { abs($0 - value) <= 1e-12 * max(1, abs(value)) } || value.isNaN,
                    "p \(QuantileSummary.probabilities[q])")
            }
        }
        XCTAssertTrue(anyError)
    }

    func testCombineIsTheSameForAnySplitOfTheBlocksIntoTreeNodes() {
        let xs = uniform(7 * 1024 + 300, seed: 4)
        let whole = treeWindows(xs)
        // The same tree built from a shard's nodes ([0, 3) then [3, 8)) gives equal windows.
        func leaf(_ b: Int) -> QuantileWindows { QuantileWindows(sorted: xs[(b * 1024)..<min((b + 1) * 1024, xs.count)].sorted()) }
        let n01 = QuantileWindows.combine(leaf(0), leaf(1)), n23 = QuantileWindows.combine(leaf(2), leaf(3))
        let n45 = QuantileWindows.combine(leaf(4), leaf(5)), n67 = QuantileWindows.combine(leaf(6), leaf(7))
        let root = QuantileWindows.combine(QuantileWindows.combine(n01, n23), QuantileWindows.combine(n45, n67))
        XCTAssertEqual(root, whole)
    }

    func testRestoringRefusesWindowsThatBreakTheShape() {
        let w = treeWindows(uniform(3000, seed: 5))
        XCTAssertEqual(QuantileWindows(count: w.count, positive: w.positive, negative: w.negative, windows: w.windows), w)
        var unsorted = w.windows
        unsorted[0].values.swapAt(0, 1)
        XCTAssertNil(QuantileWindows(count: w.count, positive: w.positive, negative: w.negative, windows: unsorted))
        var beyond = w.windows
        beyond[4].start = w.count
        XCTAssertNil(QuantileWindows(count: w.count, positive: w.positive, negative: w.negative, windows: beyond))
        XCTAssertNil(QuantileWindows(count: w.count, positive: w.count, negative: 1, windows: w.windows))
    }
}
