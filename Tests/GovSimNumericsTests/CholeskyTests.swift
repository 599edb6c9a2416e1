import XCTest

@testable import GovSimNumerics

final class CholeskyTests: XCTestCase {
    // A classic example with an integer factor: A = L·Lᵀ, L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]].
    let a: [Double] = [4, 12, -16, 12, 37, -43, -16, -43, 98]  // column-major (symmetric)

    func testFactorOfKnownMatrix() throws {
        let c = try Cholesky(matrix: a, dimension: 3)
        XCTAssertEqual(c.lower, [2, 6, -8, 0, 1, 5, 0, 0, 3])
        XCTAssertEqual(c.logDeterminant, 2 * log(6.0), accuracy: 1e-14)
        XCTAssertEqual(c.multiplyLower([1, 1, 1]), [2, 7, 0])
    }

    func testSolvesAndInverse() throws {
        let c = try Cholesky(matrix: a, dimension: 3)
        let b = [1.0, -2, 3]
        let x = c.solve(b)
        for i in 0..<3 {
            let ax = (0..<3).reduce(0.0) { $0 + a[i + $1 * 3] * x[$1] }
            XCTAssertEqual(ax, b[i], accuracy: 1e-12)
        }
        let inv = c.lowerInverse()
        for i in 0..<3 {
            for j in 0..<3 {
                let p = (0..<3).reduce(0.0) { $0 + inv[i + $1 * 3] * c.lower[$1 + j * 3] }
                XCTAssertEqual(p, i == j ? 1 : 0, accuracy: 1e-14)
            }
        }
    }

    func testErrors() {
        XCTAssertThrowsError(try Cholesky(matrix: [1, 2, 2, 1], dimension: 2)) {
            XCTAssertEqual($0 as? CholeskyError, .notPositiveDefinite(order: 2))
        }
        XCTAssertThrowsError(try Cholesky(matrix: [1, 0.5, 0.4, 1], dimension: 2)) {
            guard case .notSymmetric(1, 0, _)? = $0 as? CholeskyError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try Cholesky(matrix: [1, 0, 0], dimension: 2)) {
            XCTAssertEqual($0 as? CholeskyError, .sizeMismatch(dimension: 2, count: 3))
        }
        XCTAssertThrowsError(try Cholesky(matrix: [1, .nan, .nan, 1], dimension: 2)) {
            XCTAssertEqual($0 as? CholeskyError, .nonFinite(row: 1, column: 0))
        }
        XCTAssertEqual(try Cholesky(matrix: [], dimension: 0).lower, [])
    }
}
