import CLAPACK
import Foundation

/// Why a ``Cholesky`` factorisation failed.
package enum CholeskyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The array does not hold dimension × dimension values (or the dimension is negative or
    /// too large for LAPACK's 32-bit integers).
    case sizeMismatch(dimension: Int, count: Int)
    /// An entry is NaN or infinite (zero-based row and column).
    case nonFinite(row: Int, column: Int)
    /// The matrix is not symmetric: entries (row, column) and (column, row) differ by more than
    /// the tolerance.
    case notSymmetric(row: Int, column: Int, difference: Double)
    /// The leading principal minor of this order (1-based) is not positive definite.
    case notPositiveDefinite(order: Int)
    /// LAPACK rejected an argument (a bug in the wrapper, not in the data).
    case lapack(routine: String, info: Int)

    package var description: String {
        switch self {
        case .sizeMismatch(let n, let count):
            return "Cholesky: expected a \(n) × \(n) matrix (\(n &* n) values), got \(count) values"
        case .nonFinite(let i, let j):
            return "Cholesky: entry (\(i + 1), \(j + 1)) is not a finite number"
        case .notSymmetric(let i, let j, let diff):
            return "Cholesky: matrix is not symmetric: entries (\(i + 1), \(j + 1)) and (\(j + 1), \(i + 1)) differ by \(diff)"
        case .notPositiveDefinite(let order):
            return "Cholesky: matrix is not positive definite (leading minor of order \(order))"
        case .lapack(let routine, let info):
            return "Cholesky: LAPACK \(routine) failed with info = \(info)"
        }
    }
}

/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive definite matrix, by LAPACK's
/// `dpotrf` (blocked right-looking algorithm; Golub & Van Loan, *Matrix Computations*, 4th ed.,
/// §4.2).
///
/// Matrices are plain column-major `[Double]` arrays with an explicit dimension: entry (i, j)
/// of an n × n matrix is `a[i + j * n]`.
///
/// - Complexity: n³/3 flops for the factorisation; O(n²) per triangular solve or product.
package struct Cholesky: Sendable, Equatable {
    /// The order n of the matrix.
    package let dimension: Int
    /// The lower-triangular factor L, column-major n × n, zeros above the diagonal.
    package let lower: [Double]

    /// Factorises the symmetric positive definite matrix `matrix` (column-major,
    /// `dimension` × `dimension`).
    ///
    /// Symmetry is checked: |a_ij − a_ji| must not exceed `symmetryTolerance` times the largest
    /// absolute entry (LAPACK itself reads only the lower triangle).
    ///
    /// - Throws: ``CholeskyError``: wrong size, non-finite or asymmetric entries, or a leading
    ///   minor that is not positive definite.
    package init(matrix: [Double], dimension n: Int, symmetryTolerance: Double = 1e-12) throws {
        guard n >= 0, n <= 46_340, n * n == matrix.count else {
            throw CholeskyError.sizeMismatch(dimension: n, count: matrix.count)
        }
        var scale = 0.0
        for j in 0..<n {
            for i in 0..<n {
                let x = matrix[i + j * n]
                guard x.isFinite else { throw CholeskyError.nonFinite(row: i, column: j) }
                scale = max(scale, abs(x))
            }
        }
        for j in 0..<n {
            for i in (j + 1)..<max(n, j + 1) {
                let diff = abs(matrix[i + j * n] - matrix[j + i * n])
                if diff > symmetryTolerance * scale {
                    throw CholeskyError.notSymmetric(row: i, column: j, difference: diff)
                }
            }
        }
        var a = matrix
        if n > 0 {
            var uplo = CChar(UInt8(ascii: "L"))
            var order = Int32(n), lda = Int32(n), info: Int32 = 0
            a.withUnsafeMutableBufferPointer { buffer in
                dpotrf_(&uplo, &order, buffer.baseAddress, &lda, &info, 1)
            }
            if info > 0 { throw CholeskyError.notPositiveDefinite(order: Int(info)) }
            if info < 0 { throw CholeskyError.lapack(routine: "dpotrf", info: Int(info)) }
            for j in 1..<max(n, 1) {
                for i in 0..<j { a[i + j * n] = 0 }
            }
        }
        self.dimension = n
        self.lower = a
    }

    /// Solves L·y = b by forward substitution. O(n²).
    package func solveLower(_ b: [Double]) -> [Double] {
        precondition(b.count == dimension, "Cholesky.solveLower: vector of length \(b.count), expected \(dimension)")
        let n = dimension
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= lower[i + k * n] * y[k] }
            y[i] = s / lower[i + i * n]
        }
        return y
    }

    /// Solves Lᵀ·x = y by back substitution. O(n²).
    package func solveUpper(_ y: [Double]) -> [Double] {
        precondition(y.count == dimension, "Cholesky.solveUpper: vector of length \(y.count), expected \(dimension)")
        let n = dimension
        var x = y
        var i = n - 1
        while i >= 0 {
            var s = x[i]
            for k in (i + 1)..<max(n, i + 1) { s -= lower[k + i * n] * x[k] }
            x[i] = s / lower[i + i * n]
            i -= 1
        }
        return x
    }

    /// Solves A·x = b (A = L·Lᵀ). O(n²).
    package func solve(_ b: [Double]) -> [Double] {
        solveUpper(solveLower(b))
    }

    /// The product L·x. O(n²).
    package func multiplyLower(_ x: [Double]) -> [Double] {
        precondition(x.count == dimension, "Cholesky.multiplyLower: vector of length \(x.count), expected \(dimension)")
        let n = dimension
        var y = [Double](repeating: 0, count: n)
        for j in 0..<n where x[j] != 0 {
            for i in j..<n { y[i] += lower[i + j * n] * x[j] }
        }
        return y
    }

    /// The inverse L⁻¹, column-major lower triangular. O(n³).
    package func lowerInverse() -> [Double] {
        let n = dimension
        var inverse = [Double](repeating: 0, count: n * n)
        var e = [Double](repeating: 0, count: n)
        for j in 0..<n {
            e[j] = 1
            let column = solveLower(e)
            e[j] = 0
            for i in j..<n { inverse[i + j * n] = column[i] }
        }
        return inverse
    }

    /// log det A = 2 Σ log L_ii. O(n).
    package var logDeterminant: Double {
        var s = 0.0
        for i in 0..<dimension { s += log(lower[i + i * dimension]) }
        return 2 * s
    }
}
