import CLAPACK

/// Why a ``SymmetricEigen`` decomposition failed.
package enum SymmetricEigenError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The array does not hold dimension × dimension values.
    case sizeMismatch(dimension: Int, count: Int)
    /// An entry is NaN or infinite (zero-based row and column).
    case nonFinite(row: Int, column: Int)
    /// Entries (row, column) and (column, row) differ by more than the tolerance.
    case notSymmetric(row: Int, column: Int, difference: Double)
    /// The QR iteration did not converge (`info` off-diagonal elements did not reach zero).
    case noConvergence(info: Int)
    /// LAPACK rejected an argument (a bug in the wrapper, not in the data).
    case lapack(routine: String, info: Int)

    package var description: String {
        switch self {
        case .sizeMismatch(let n, let count):
            return "SymmetricEigen: expected a \(n) × \(n) matrix (\(n &* n) values), got \(count) values"
        case .nonFinite(let i, let j):
            return "SymmetricEigen: entry (\(i + 1), \(j + 1)) is not a finite number"
        case .notSymmetric(let i, let j, let diff):
            return "SymmetricEigen: matrix is not symmetric: entries (\(i + 1), \(j + 1)) and (\(j + 1), \(i + 1)) differ by \(diff)"
        case .noConvergence(let info):
            return "SymmetricEigen: dsyev did not converge (\(info) off-diagonal elements remain)"
        case .lapack(let routine, let info):
            return "SymmetricEigen: LAPACK \(routine) failed with info = \(info)"
        }
    }
}

/// The eigendecomposition A = V·diag(λ)·Vᵀ of a real symmetric matrix, by LAPACK's `dsyev`
/// (Householder tridiagonalisation followed by the implicit QL/QR algorithm; Golub & Van Loan,
/// *Matrix Computations*, 4th ed., §8.3), with a workspace query for the optimal work size.
///
/// Matrices are plain column-major `[Double]` arrays with an explicit dimension: entry (i, j)
/// of an n × n matrix is `a[i + j * n]`.
///
/// - Complexity: about 4n³/3 flops for the eigenvalues alone, about 9n³ with eigenvectors.
package struct SymmetricEigen: Sendable, Equatable {
    /// The order n of the matrix.
    package let dimension: Int
    /// The eigenvalues in ascending order.
    package let eigenvalues: [Double]
    /// The orthonormal eigenvectors, column-major n × n: column k belongs to `eigenvalues[k]`.
    /// Empty when the decomposition was made without vectors.
    package let eigenvectors: [Double]

    /// Decomposes the symmetric matrix `matrix` (column-major, `dimension` × `dimension`).
    ///
    /// Symmetry is checked: |a_ij − a_ji| must not exceed `symmetryTolerance` times the largest
    /// absolute entry (LAPACK itself reads only the lower triangle).
    ///
    /// - Throws: ``SymmetricEigenError``.
    package init(
        matrix: [Double], dimension n: Int, computeVectors: Bool = true,
        symmetryTolerance: Double = 1e-12
    ) throws {
        guard n >= 0, n <= 46_340, n * n == matrix.count else {
            throw SymmetricEigenError.sizeMismatch(dimension: n, count: matrix.count)
        }
        var scale = 0.0
        for j in 0..<n {
            for i in 0..<n {
                let x = matrix[i + j * n]
                guard x.isFinite else { throw SymmetricEigenError.nonFinite(row: i, column: j) }
                scale = max(scale, abs(x))
            }
        }
        for j in 0..<n {
            for i in (j + 1)..<max(n, j + 1) {
                let diff = abs(matrix[i + j * n] - matrix[j + i * n])
                if diff > symmetryTolerance * scale {
                    throw SymmetricEigenError.notSymmetric(row: i, column: j, difference: diff)
                }
            }
        }
        self.dimension = n
        if n == 0 {
            self.eigenvalues = []
            self.eigenvectors = []
            return
        }
        var a = matrix
        var w = [Double](repeating: 0, count: n)
        var jobz = CChar(UInt8(ascii: computeVectors ? "V" : "N"))
        var uplo = CChar(UInt8(ascii: "L"))
        var order = Int32(n), lda = Int32(n), info: Int32 = 0
        // Workspace query: lwork = −1 returns the optimal size in work[0].
        var lwork: Int32 = -1
        var query = 0.0
        a.withUnsafeMutableBufferPointer { ap in
            w.withUnsafeMutableBufferPointer { wp in
                dsyev_(&jobz, &uplo, &order, ap.baseAddress, &lda, wp.baseAddress, &query, &lwork, &info, 1, 1)
            }
        }
        if info != 0 { throw SymmetricEigenError.lapack(routine: "dsyev (workspace query)", info: Int(info)) }
        lwork = Int32(max(Double(3 * n - 1), query.rounded(.up), 1))
        var work = [Double](repeating: 0, count: Int(lwork))
        a.withUnsafeMutableBufferPointer { ap in
            w.withUnsafeMutableBufferPointer { wp in
                work.withUnsafeMutableBufferPointer { workp in
                    dsyev_(
                        &jobz, &uplo, &order, ap.baseAddress, &lda, wp.baseAddress, workp.baseAddress,
                        &lwork, &info, 1, 1)
                }
            }
        }
        if info > 0 { throw SymmetricEigenError.noConvergence(info: Int(info)) }
        if info < 0 { throw SymmetricEigenError.lapack(routine: "dsyev", info: Int(info)) }
        self.eigenvalues = w
        self.eigenvectors = computeVectors ? a : []
    }

    /// The eigenvector of `eigenvalues[k]` (unit length; its sign is arbitrary).
    package func eigenvector(_ k: Int) -> [Double] {
        precondition(!eigenvectors.isEmpty, "SymmetricEigen: decomposition made without eigenvectors")
        precondition(k >= 0 && k < dimension, "SymmetricEigen: eigenvector \(k) out of range")
        return Array(eigenvectors[k * dimension..<(k + 1) * dimension])
    }

    /// V·diag(f(λ))·Vᵀ, column-major: the matrix function f applied through the
    /// decomposition (for example clipping negative eigenvalues). O(n³).
    package func reconstruct(_ f: (Double) -> Double) -> [Double] {
        precondition(!eigenvectors.isEmpty, "SymmetricEigen: decomposition made without eigenvectors")
        let n = dimension
        var out = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            let lambda = f(eigenvalues[k])
            if lambda == 0 { continue }
            let base = k * n
            for j in 0..<n {
                let vj = lambda * eigenvectors[base + j]
                if vj == 0 { continue }
                for i in 0..<n { out[i + j * n] += eigenvectors[base + i] * vj }
            }
        }
        return out
    }
}
