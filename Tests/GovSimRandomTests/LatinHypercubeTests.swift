import XCTest

@testable import GovSimRandom

final class LatinHypercubeTests: XCTestCase {
    /// The defining property, checked exactly: after sorting, the i-th value of every column lies
    /// in the i-th stratum [i/n, (i+1)/n) (bounds computed as the generator computes them), so
    /// each stratum holds exactly one point; and every value is in (0, 1).
    private func assertLatin(_ s: SampleMatrix, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        let n = s.rows
        for j in 0..<s.columns {
            let sorted = s.column(j).sorted()
            for (i, v) in sorted.enumerated() {
                let lo = Double(i) / Double(n), hi = Double(i + 1) / Double(n)
                if !(v >= lo && v < hi && v > 0 && v < 1) {
                    XCTFail("\(message): column \(j), value \(v) not in stratum \(i) of \(n)", file: file, line: line)
                    return
                }
            }
        }
    }

    func testEveryBlockIsStratifiedExactly() {
        for (n, d) in [(1, 3), (2, 2), (7, 5), (1000, 10), (100_000, 2)] {
            let lhs = LatinHypercube(points: n, dimensions: d, seed: 42)
            for b in [0, 1, 9_999] { assertLatin(lhs.block(b), "n = \(n), d = \(d), block \(b)") }
        }
    }

    func testCallerGeneratorVersionIsStratified() {
        var rng = Xoshiro256StarStar(seed: 5)
        assertLatin(LatinHypercube.sample(points: 500, dimensions: 6, using: &rng), "sample(using:)")
    }

    func testBlocksAreDeterministicAndIndependentOfSplitting() {
        let lhs = LatinHypercube(points: 100, dimensions: 4, seed: 7)
        XCTAssertEqual(lhs.block(3), LatinHypercube(points: 100, dimensions: 4, seed: 7).block(3))
        XCTAssertNotEqual(lhs.block(3), lhs.block(4))
        XCTAssertNotEqual(lhs.block(3), LatinHypercube(points: 100, dimensions: 4, seed: 8).block(3))
        // Runs 250..<420 span blocks 2, 3 and 4.
        let runs = lhs.points(for: 250..<420)
        for r in 250..<420 {
            XCTAssertEqual(runs.row(r - 250), lhs.block(r / 100).row(r % 100))
        }
    }

    /// Columns come from independent permutations and jitters. With n = 10,000 the sample
    /// correlation of two independent columns has SD ≈ 1/√n = 0.01, and the mean position inside
    /// the stratum (uniform on (0, 1), SD √(1/12)) has SE √(1/12/n) ≈ 0.0029: 4.5 SE bounds.
    func testColumnsAreIndependentAndJitterIsUniform() {
        let n = 10_000
        let s = LatinHypercube(points: n, dimensions: 3, seed: 11).block(0)
        let cols = (0..<3).map { s.column($0) }
        func corr(_ x: [Double], _ y: [Double]) -> Double {
            let mx = x.reduce(0, +) / Double(n), my = y.reduce(0, +) / Double(n)
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for i in 0..<n {
                sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my)
            }
            return sxy / (sxx * syy).squareRoot()
        }
        XCTAssertLessThan(abs(corr(cols[0], cols[1])), 4.5 / Double(n).squareRoot())
        XCTAssertLessThan(abs(corr(cols[1], cols[2])), 4.5 / Double(n).squareRoot())
        for c in cols {
            let offsets = c.map { $0 * Double(n) - ($0 * Double(n)).rounded(.down) }
            XCTAssertEqual(offsets.reduce(0, +) / Double(n), 0.5, accuracy: 4.5 * (1.0 / 12 / Double(n)).squareRoot())
        }
    }
}
