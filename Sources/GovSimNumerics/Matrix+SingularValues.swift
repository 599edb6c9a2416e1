import CLAPACK

/// Singular values through LAPACK `dgesvd` (Golub–Kahan–Reinsch bidiagonalisation and
/// implicit-shift QR; Golub & Reinsch 1970, Numer. Math. 14; LAPACK Users' Guide §2.4.4).
extension Matrix {
    /// The singular values σ₁ ≥ σ₂ ≥ … ≥ σ_min(m,n) ≥ 0, without singular vectors.
    ///
    /// Each is accurate to about ε·σ₁ in absolute terms (ε = 2⁻⁵², LAPACK Users' Guide §4.9),
    /// so singular values below that level carry no information.
    /// - Throws: ``LAPACKError`` if the QR iteration fails to converge (`info > 0`).
    package func singularValues() throws -> [Double] {
        let k = min(rows, columns)
        if k == 0 { return [] }
        var a = self
        var jobu = lapackChar("N"), jobvt = lapackChar("N")
        var m = lapackInt(rows), n = lapackInt(columns), lda = lapackInt(rows)
        var s = Array(repeating: 0.0, count: k)
        var u = [0.0], vt = [0.0]
        var ldu: Int32 = 1, ldvt: Int32 = 1
        var info: Int32 = 0
        var query = 0.0
        var lwork: Int32 = -1
        dgesvd_(&jobu, &jobvt, &m, &n, &a.storage, &lda, &s, &u, &ldu, &vt, &ldvt, &query, &lwork, &info, 1, 1)
        guard info == 0 else { throw LAPACKError(routine: "dgesvd", info: Int(info)) }
        let minimum = max(3 * k + max(rows, columns), 5 * k)
        var work = Array(repeating: 0.0, count: lapackWorkspaceSize(query, minimum: minimum))
        lwork = lapackInt(work.count)
        dgesvd_(&jobu, &jobvt, &m, &n, &a.storage, &lda, &s, &u, &ldu, &vt, &ldvt, &work, &lwork, &info, 1, 1)
        guard info == 0 else {
            throw LAPACKError(
                routine: "dgesvd", info: Int(info),
                reason: info > 0
                    ? "the bidiagonal QR iteration did not converge (\(info) superdiagonals left)" : nil)
        }
        return s
    }

    /// The 2-norm condition number σ_max/σ_min (∞ when σ_min = 0; 1 for an empty matrix).
    package func conditionNumber2() throws -> Double {
        let s = try singularValues()
        guard let first = s.first, let last = s.last else { return 1 }
        return last > 0 ? first / last : .infinity
    }
}
