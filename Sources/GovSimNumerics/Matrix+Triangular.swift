import CLAPACK

/// Upper-triangular operations on a square `Matrix` through LAPACK (`dtrtrs`, `dtrtri`,
/// `dtrcon`). Only the upper triangle of `self` is read; the strict lower triangle is ignored,
/// so the packed output of ``HouseholderQR`` can be used directly once cut to n × n.
extension Matrix {
    /// The matrix norm used by a condition estimate.
    package enum ConditionNorm: Sendable {
        /// Maximum absolute column sum ‖·‖₁.
        case one
        /// Maximum absolute row sum ‖·‖∞.
        case infinity
    }

    /// Solves `U x = b` (or `Uᵀ x = b` with `transpose`) for the upper triangle U of `self`,
    /// by forward/back substitution (LAPACK `dtrtrs`), for every column of `b`.
    /// - Throws: ``LAPACKError`` with `info = i > 0` when `U[i-1, i-1]` is exactly zero.
    package func solvingUpperTriangular(_ b: Matrix, transpose: Bool = false) throws -> Matrix {
        precondition(rows == columns, "a triangular solve needs a square matrix, not \(rows)×\(columns)")
        precondition(b.rows == rows, "right-hand side has \(b.rows) rows for a \(rows)×\(rows) system")
        var x = b
        if rows == 0 || b.columns == 0 { return x }
        var uplo = lapackChar("U"), trans = lapackChar(transpose ? "T" : "N"), diag = lapackChar("N")
        var n = lapackInt(rows), nrhs = lapackInt(b.columns), lda = lapackInt(rows), ldb = lapackInt(rows)
        var info: Int32 = 0
        dtrtrs_(&uplo, &trans, &diag, &n, &nrhs, storage, &lda, &x.storage, &ldb, &info, 1, 1, 1)
        guard info == 0 else {
            throw LAPACKError(
                routine: "dtrtrs", info: Int(info),
                reason: info > 0
                    ? "diagonal element \(info) of the triangular matrix is exactly zero (singular)" : nil)
        }
        return x
    }

    /// Solves `U x = b` (or `Uᵀ x = b`) for one right-hand side vector.
    package func solvingUpperTriangular(_ b: [Double], transpose: Bool = false) throws -> [Double] {
        try solvingUpperTriangular(Matrix(rows: b.count, columns: 1, storage: b), transpose: transpose).storage
    }

    /// The inverse of the upper triangle U of `self`, itself upper triangular (LAPACK `dtrtri`,
    /// blocked column-oriented inversion; Du Croz & Higham 1992, IMA J. Numer. Anal. 12,
    /// "Stability of methods for matrix inversion"). The strict lower triangle of the result is
    /// zero.
    /// - Throws: ``LAPACKError`` with `info = i > 0` when `U[i-1, i-1]` is exactly zero.
    package func upperTriangularInverse() throws -> Matrix {
        precondition(rows == columns, "a triangular inverse needs a square matrix, not \(rows)×\(columns)")
        var a = self
        for j in 0..<columns { for i in (j + 1)..<max(j + 1, rows) { a[i, j] = 0 } }
        if rows == 0 { return a }
        var uplo = lapackChar("U"), diag = lapackChar("N")
        var n = lapackInt(rows), lda = lapackInt(rows)
        var info: Int32 = 0
        dtrtri_(&uplo, &diag, &n, &a.storage, &lda, &info, 1, 1)
        guard info == 0 else {
            throw LAPACKError(
                routine: "dtrtri", info: Int(info),
                reason: info > 0
                    ? "diagonal element \(info) of the triangular matrix is exactly zero (singular)" : nil)
        }
        return a
    }

    /// An estimate of the reciprocal condition number 1/(‖U‖·‖U⁻¹‖) of the upper triangle U of
    /// `self` in the 1- or ∞-norm (LAPACK `dtrcon`: Hager 1984 / Higham 1988 norm estimator,
    /// usually within a factor 3 of the true value, never larger than it). 0 means exactly
    /// singular.
    package func upperTriangularReciprocalCondition(norm: ConditionNorm = .one) throws -> Double {
        precondition(rows == columns, "a condition estimate needs a square matrix, not \(rows)×\(columns)")
        if rows == 0 { return 1 }
        var normChar = lapackChar(norm == .one ? "1" : "I"), uplo = lapackChar("U"), diag = lapackChar("N")
        var n = lapackInt(rows), lda = lapackInt(rows)
        var rcond = 0.0
        var work = Array(repeating: 0.0, count: 3 * rows)
        var iwork = Array(repeating: Int32(0), count: rows)
        var info: Int32 = 0
        dtrcon_(&normChar, &uplo, &diag, &n, storage, &lda, &rcond, &work, &iwork, &info, 1, 1, 1)
        guard info == 0 else { throw LAPACKError(routine: "dtrcon", info: Int(info)) }
        return rcond
    }
}
