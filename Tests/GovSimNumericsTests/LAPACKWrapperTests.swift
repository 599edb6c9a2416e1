import XCTest

@testable import GovSimNumerics

/// The LAPACK wrappers against identities that hold for any correct implementation and
/// hand-computed values.
final class LAPACKWrapperTests: XCTestCase {
    /// A fixed 7×4 test matrix with entries of mixed sign and size.
    let a = Matrix(rowMajor: [
        [1.0, 2.0, -3.0, 0.5],
        [4.0, -1.0, 2.0, 7.0],
        [0.0, 3.0, 1.0, -2.0],
        [2.5, 0.5, -1.5, 3.0],
        [-1.0, 6.0, 0.0, 1.0],
        [3.0, -2.0, 4.0, 0.0],
        [1.5, 1.0, 2.0, -4.5],
    ])

    func testMatrixBasics() {
        let m = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(m.storage, [1, 4, 2, 5, 3, 6], "column-major storage")
        XCTAssertEqual(m[1, 2], 6)
        XCTAssertEqual(m.transposed, Matrix(rowMajor: [[1, 4], [2, 5], [3, 6]]))
        XCTAssertEqual(m.multiplied(by: m.transposed), Matrix(rowMajor: [[14, 32], [32, 77]]))
        XCTAssertEqual(m.multiplied(by: [1, 0, -1]), [-2, -2])
        XCTAssertEqual(m.column(1), [2, 5])
        XCTAssertEqual(m.row(0), [1, 2, 3])
        XCTAssertEqual(Matrix(columns: [[1, 4], [2, 5], [3, 6]]), m)
    }

    func testPivotedQRReproducesTheMatrix() throws {
        let qr = try HouseholderQR(factoring: a)
        XCTAssertEqual(qr.permutation.sorted(), [0, 1, 2, 3])
        // Q [R; 0] = A P.
        var rFull = Matrix(rows: 7, columns: 4)
        let r = qr.r
        for j in 0..<4 { for i in 0...j { rFull[i, j] = r[i, j] } }
        let qrProduct = try qr.multiplyQ(rFull, transpose: false)
        for k in 0..<4 {
            for i in 0..<7 {
                XCTAssertEqual(qrProduct[i, k], a[i, qr.permutation[k]], accuracy: 1e-13)
            }
        }
        // Pivoting orders |R_kk| non-increasingly here.
        let diagonal = qr.rDiagonal.map(abs)
        for k in 1..<4 { XCTAssertLessThanOrEqual(diagonal[k], diagonal[k - 1] * (1 + 1e-12)) }
        // Q₁ has orthonormal columns; Qᵀ(Q x) = x.
        let q1 = try qr.thinQ()
        let gram = q1.transposed.multiplied(by: q1)
        for i in 0..<4 { for j in 0..<4 { XCTAssertEqual(gram[i, j], i == j ? 1 : 0, accuracy: 1e-14) } }
        let x = [1.0, -2.0, 3.0, 0.25, 5.0, -6.0, 7.0]
        let back = try qr.multiplyQ(try qr.multiplyQ(x, transpose: false), transpose: true)
        for i in 0..<7 { XCTAssertEqual(back[i], x[i], accuracy: 1e-14) }
    }

    func testUnpivotedQRKeepsColumnOrder() throws {
        let qr = try HouseholderQR(factoring: a, pivoting: false)
        XCTAssertEqual(qr.permutation, [0, 1, 2, 3])
        // |R_00| is the norm of the first column.
        let norm = a.column(0).reduce(0) { $0 + $1 * $1 }.squareRoot()
        XCTAssertEqual(abs(qr.rDiagonal[0]), norm, accuracy: 1e-13)
    }

    let u = Matrix(rowMajor: [[2, -1, 3], [0, 4, 1], [0, 0, 0.5]])

    func testTriangularSolveAndInverse() throws {
        let b = [1.0, 2.0, 3.0]
        let x = try u.solvingUpperTriangular(b)
        XCTAssertEqual(x, [-9, -1, 6], "hand back-substitution: x3 = 6, x2 = (2 − 6)/4 = −1, x1 = (1 + x2 − 3·6)/2 = −9")
        let xt = try u.solvingUpperTriangular(b, transpose: true)
        let check = u.transposed.multiplied(by: xt)
        for i in 0..<3 { XCTAssertEqual(check[i], b[i], accuracy: 1e-14) }
        let inverse = try u.upperTriangularInverse()
        let identity = u.multiplied(by: inverse)
        for i in 0..<3 { for j in 0..<3 { XCTAssertEqual(identity[i, j], i == j ? 1 : 0, accuracy: 1e-14) } }
        XCTAssertEqual(inverse[2, 0], 0)
    }

    func testTriangularRoutinesIgnoreTheLowerTriangle() throws {
        var junk = u
        junk[2, 0] = 99; junk[1, 0] = -7
        XCTAssertEqual(try junk.upperTriangularInverse(), try u.upperTriangularInverse())
        XCTAssertEqual(try junk.solvingUpperTriangular([1, 2, 3]), try u.solvingUpperTriangular([1, 2, 3]))
    }

    func testSingularTriangleIsAnError() {
        let singular = Matrix(rowMajor: [[1, 2], [0, 0]])
        XCTAssertThrowsError(try singular.upperTriangularInverse()) { error in
            XCTAssertEqual((error as? LAPACKError)?.routine, "dtrtri")
            XCTAssertEqual((error as? LAPACKError)?.info, 2)
        }
        XCTAssertThrowsError(try singular.solvingUpperTriangular([1, 1])) { error in
            XCTAssertEqual((error as? LAPACKError)?.info, 2)
        }
        XCTAssertEqual(try singular.upperTriangularReciprocalCondition(), 0)
    }

    func testConditionEstimate() throws {
        // Exact 1-norm condition: ‖U‖₁ ‖U⁻¹‖₁.
        func norm1(_ m: Matrix) -> Double {
            (0..<m.columns).map { j in m.column(j).reduce(0) { $0 + abs($1) } }.max()!
        }
        let exact = 1 / (norm1(u) * norm1(try u.upperTriangularInverse()))
        let estimate = try u.upperTriangularReciprocalCondition(norm: .one)
        // The estimator bounds ‖U⁻¹‖ from below, so the estimate is ≥ the exact rcond, and in
        // practice within a factor 3.
        XCTAssertGreaterThanOrEqual(estimate, exact * (1 - 1e-12))
        XCTAssertLessThanOrEqual(estimate, 3 * exact)
    }

    func testSingularValues() throws {
        // AᵀA = [[25, 20], [20, 25]] has eigenvalues 45 and 5.
        let s = try Matrix(rowMajor: [[3, 0], [4, 5]]).singularValues()
        XCTAssertEqual(s[0], 45.0.squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(s[1], 5.0.squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(try Matrix(rowMajor: [[3, 0], [4, 5]]).conditionNumber2(), 3, accuracy: 1e-14)
        XCTAssertEqual(try Matrix(rowMajor: [[1, 2], [2, 4]]).singularValues()[1], 0, accuracy: 1e-15)
        // Singular values of A equal those of R from its QR factorisation.
        let fromA = try a.singularValues()
        let fromR = try HouseholderQR(factoring: a).r.singularValues()
        for k in 0..<4 { XCTAssertEqual(fromA[k], fromR[k], accuracy: 1e-13 * fromA[0]) }
    }
}
