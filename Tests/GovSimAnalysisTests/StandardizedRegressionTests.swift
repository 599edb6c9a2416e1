import Foundation
import XCTest

@testable import GovSimAnalysis

final class StandardizedRegressionTests: XCTestCase {
    /// n standard-normal pairs from a fixed seed (xoshiro256** → inverse normal CDF).
    func normalInputs(n: Int, k: Int, seed: UInt64) -> Matrix {
        var generator = Xoshiro256StarStar(seed: seed)
        var storage: [Double] = []
        storage.reserveCapacity(n * k)
        for _ in 0..<(n * k) {
            let u = (Double(generator.next() >> 11) + 0.5) / 9007199254740992.0  // (0, 1)
            storage.append(SpecialFunctions.normalQuantile(u))
        }
        return Matrix(rows: n, columns: k, storage: storage)
    }

    /// y = 2x₁ + x₂, x ~ N(0, 1) independent: SRC = (2, 1)/√5 = (0.894427, 0.447214).
    ///
    /// Monte Carlo tolerance: with no noise b = (2, 1) exactly, so SRC₁ = 2s₁/√(4s₁² + s₂² + 4c)
    /// with sample variances s₁², s₂² (variance 2/n each) and sample covariance c (variance
    /// 1/n). The delta method at (1, 1, 0) gives gradients (1, −1, −4)/(5√5) for (s₁², s₂², c),
    /// so Var(SRC₁) = (2 + 2 + 16)/(125 n) = 0.16/n; the same for SRC₂ with gradients
    /// (−2, 2, −2)/(5√5): (8 + 8 + 4)/(125 n). At n = 20 000 the SD is 0.4/√n ≈ 0.0028; the
    /// test allows 4 SD = 0.0113.
    func testSRCOfLinearModelWithinMonteCarloTolerance() throws {
        let n = 20_000
        let x = normalInputs(n: n, k: 2, seed: 20240601)
        let y = (0..<n).map { 2 * x[$0, 0] + x[$0, 1] }
        let result = try StandardizedRegression(inputs: x, output: y)
        let tolerance = 4 * 0.4 / Double(n).squareRoot()
        XCTAssertEqual(result.src[0], 2 / 5.0.squareRoot(), accuracy: tolerance)
        XCTAssertEqual(result.src[1], 1 / 5.0.squareRoot(), accuracy: tolerance)
        XCTAssertEqual(result.src[0], 0.894427, accuracy: tolerance)
        XCTAssertEqual(result.src[1], 0.447214, accuracy: tolerance)
        XCTAssertEqual(result.rSquared, 1, accuracy: 1e-12)
        XCTAssertEqual(result.inputNames, ["x1", "x2"])
    }

    /// An exact linear model reproduces bᵢ·sd(xᵢ)/sd(y) (sample SDs) to rounding.
    func testExactLinearModelReproducesDefinition() throws {
        let n = 500
        let x = normalInputs(n: n, k: 3, seed: 7)
        let b = [1.5, -0.25, 3.0]
        let y = (0..<n).map { 10 + b[0] * x[$0, 0] + b[1] * x[$0, 1] * 4 + b[2] * (x[$0, 2] + 2) }
        // Column 2 is used as 4·x₂: rescale the input so that the coefficient is b₁.
        var inputs = x
        for i in 0..<n { inputs[i, 1] *= 4; inputs[i, 2] += 2 }
        let result = try StandardizedRegression(inputs: inputs, output: y, inputNames: ["a", "b", "c"])
        func sd(_ v: [Double]) -> Double {
            let m = v.reduce(0, +) / Double(v.count)
            return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
        }
        for j in 0..<3 {
            XCTAssertEqual(result.coefficients[j], b[j], accuracy: 1e-12)
            XCTAssertEqual(result.src[j], b[j] * sd(inputs.column(j)) / sd(y), accuracy: 1e-12)
        }
        XCTAssertEqual(
            result.src.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 0.05,
            "Σ SRC² ≈ R² = 1 for nearly independent inputs")
    }

    /// A monotone but non-linear model: SRRC = 1 exactly on a single input, SRC < 1.
    func testSRRCCapturesMonotoneNonlinearity() throws {
        let n = 400
        let x = normalInputs(n: n, k: 2, seed: 11)
        let y = (0..<n).map { exp(3 * x[$0, 0]) }
        let single = try StandardizedRegression(inputs: Matrix(columns: [x.column(0)]), output: y)
        XCTAssertEqual(single.srrc[0], 1, accuracy: 1e-12)
        XCTAssertEqual(single.rankRSquared, 1, accuracy: 1e-12)
        XCTAssertLessThan(single.src[0], 0.8)
        let both = try StandardizedRegression(inputs: x, output: y)
        XCTAssertGreaterThan(both.srrc[0], 0.99)
        XCTAssertLessThan(abs(both.srrc[1]), 0.1)
    }

    func testRanksAverageTies() {
        XCTAssertEqual(StandardizedRegression.ranks([3, 1, 4, 1, 5]), [3, 1.5, 4, 1.5, 5])
        XCTAssertEqual(StandardizedRegression.ranks([2, 2, 2]), [2, 2, 2])
        XCTAssertEqual(StandardizedRegression.ranks([]), [])
    }

    func testConstantInputIsReported() {
        let x = Matrix(columns: [[1, 2, 3, 4, 5], [7, 7, 7, 7, 7]])
        XCTAssertThrowsError(try StandardizedRegression(inputs: x, output: [1, 3, 2, 5, 4])) { error in
            guard case .collinear? = error as? RegressionError else { return XCTFail("\(error)") }
        }
    }
}
