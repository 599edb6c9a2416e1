import XCTest

@testable import GovSimEngine

/// Selection gives the same quantiles as a sort, bit for bit (exact equality, no tolerance: the
/// order statistics are the same values).
final class QuantileSummarySelectionTests: XCTestCase {
    /// Value sets that stress the partition: random, with many ties, sorted, reversed, constant,
    /// tiny, and with signed zeros.
    private func samples() -> [[Double]] {
        var rng = SplitMix64(seed: 42)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        let random = (0..<10_007).map { _ in uniform() * 200 - 100 }
        let ties = (0..<5_000).map { _ in (uniform() * 7).rounded(.down) - 3 }
        return [
            random, ties, random.sorted(), random.sorted().reversed(), [Double](repeating: 2.5, count: 999),
            [1], [3, -1], [0, -0.0, 0, -0.0, 1, -1], Array(random.prefix(17)), Array(ties.prefix(33)),
        ]
    }

    func testQuantilesEqualThoseOfTheSortedValues() {
        let probabilities = QuantileSummary.probabilities + AppraisalSummary.curveProbabilities + [0, 1, 0.8, 0.9]
        for values in samples() {
            let sorted = values.sorted()
            var copy = values
            let selected = QuantileSummary.quantiles(selecting: &copy, at: probabilities)
            for (p, q) in zip(probabilities, selected) {
                let expected = QuantileSummary.quantile(sorted: sorted, p: p)
                XCTAssertEqual(q.bitPattern, expected.bitPattern, "p = \(p), n = \(values.count)")
            }
            XCTAssertEqual(copy.sorted(), sorted, "selection only reorders the values")
            // A second selection on the reordered array gives the same numbers again.
            XCTAssertEqual(QuantileSummary.quantiles(selecting: &copy, at: probabilities).map(\.bitPattern), selected.map(\.bitPattern))
        }
    }

    func testSummaryBySelectionEqualsSummaryBySorting() {
        for values in samples() {
            var moments = MomentAccumulator()
            for x in values { moments.add(x) }
            var a = values, b = values
            XCTAssertEqual(QuantileSummary(selecting: &a, moments: moments), QuantileSummary(sorting: &b, moments: moments))
            XCTAssertEqual(QuantileSummary(values), QuantileSummary(sorting: &b, moments: moments))
        }
    }

    func testNoValuesGiveNaN() {
        var empty: [Double] = []
        XCTAssertTrue(QuantileSummary.quantiles(selecting: &empty, at: [0.5]).allSatisfy(\.isNaN))
    }
}
