import XCTest

@testable import GovSimRandom

final class SymmetricEigenTests: XCTestCase {
    func testTwoByTwo() throws {
        let e = try SymmetricEigen(matrix: [2, 1, 1, 2], dimension: 2)
        XCTAssertEqual(e.eigenvalues[0], 1, accuracy: 1e-15)
        XCTAssertEqual(e.eigenvalues[1], 3, accuracy: 1e-15)
        let v0 = e.eigenvector(0), v1 = e.eigenvector(1)
        XCTAssertEqual(abs(v0[0]), 0.5.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(v0[0], -v0[1], accuracy: 1e-15)
        XCTAssertEqual(v1[0], v1[1], accuracy: 1e-15)
    }

    /// A random symmetric 7 × 7 matrix: V·diag(λ)·Vᵀ reproduces it, V is orthonormal, the
    /// eigenvalues ascend and agree with the values-only decomposition.
    func testReconstructionAndOrthogonality() throws {
        let n = 7
        var rng = Xoshiro256StarStar(seed: 12)
        var a = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            for i in 0...j {
                let x = Double(rng.next() >> 11) * 0x1.0p-53 * 2 - 1
                a[i + j * n] = x
                a[j + i * n] = x
            }
        }
        let e = try SymmetricEigen(matrix: a, dimension: n)
        let back = e.reconstruct { $0 }
        for k in 0..<(n * n) { XCTAssertEqual(back[k], a[k], accuracy: 1e-13) }
        for p in 0..<n {
            for q in 0..<n {
                let dot = zip(e.eigenvector(p), e.eigenvector(q)).reduce(0.0) { $0 + $1.0 * $1.1 }
                XCTAssertEqual(dot, p == q ? 1 : 0, accuracy: 1e-13)
            }
        }
        XCTAssertEqual(e.eigenvalues, e.eigenvalues.sorted())
        let valuesOnly = try SymmetricEigen(matrix: a, dimension: n, computeVectors: false)
        XCTAssertTrue(valuesOnly.eigenvectors.isEmpty)
        for k in 0..<n { XCTAssertEqual(valuesOnly.eigenvalues[k], e.eigenvalues[k], accuracy: 1e-13) }
    }

    func testErrors() {
        XCTAssertThrowsError(try SymmetricEigen(matrix: [1, 2, 3, 4], dimension: 2)) {
            guard case .notSymmetric(1, 0, _)? = $0 as? SymmetricEigenError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try SymmetricEigen(matrix: [1, 2, 3], dimension: 2)) {
            XCTAssertEqual($0 as? SymmetricEigenError, .sizeMismatch(dimension: 2, count: 3))
        }
        XCTAssertThrowsError(try SymmetricEigen(matrix: [.infinity], dimension: 1)) {
            XCTAssertEqual($0 as? SymmetricEigenError, .nonFinite(row: 0, column: 0))
        }
    }
}
