import CLAPACK

/// A Householder QR factorisation with column pivoting, `A P = Q R`, from LAPACK `dgeqp3`.
///
/// Algorithm: Businger & Golub (1965), "Linear least squares solutions by Householder
/// transformations", Numer. Math. 7; the level-3 BLAS variant of Quintana-Ortí, Sun & Bischof
/// (1998), SIAM J. Sci. Comput. 19(5), as implemented in LAPACK `dgeqp3`. At each step the
/// remaining column of largest 2-norm is moved forward, so |R₀₀| ≥ |R₁₁| ≥ … (in practice;
/// rank-revealing in the sense of Chan 1987 for almost all matrices), and a small trailing
/// diagonal element identifies columns that are (nearly) linear combinations of earlier ones.
///
/// `Q` is kept implicitly as Householder reflectors and applied with `dormqr`; `R` is read from
/// the upper triangle. Without pivoting (`pivoting: false`) the factorisation is `dgeqrf`.
package struct HouseholderQR: Sendable {
    /// Rows m of the factored matrix.
    package let rows: Int
    /// Columns n of the factored matrix.
    package let columns: Int
    /// `dgeqp3`/`dgeqrf` output: R in the upper triangle, reflectors below it.
    let factors: Matrix
    /// Householder scalar factors, min(m, n) of them.
    let tau: [Double]
    /// Column k of `A P` is column `permutation[k]` of `A` (0-based). Identity without pivoting.
    package let permutation: [Int]

    /// Factors `a`.
    /// - Parameter pivoting: choose columns by largest remaining norm (`dgeqp3`); otherwise keep
    ///   the column order (`dgeqrf`).
    /// - Throws: ``LAPACKError`` if LAPACK reports a failure (only possible for invalid
    ///   arguments, i.e. a bug).
    package init(factoring a: Matrix, pivoting: Bool = true) throws {
        var m = lapackInt(a.rows), n = lapackInt(a.columns), lda = lapackInt(max(1, a.rows))
        var factors = a
        var tau = Array(repeating: 0.0, count: min(a.rows, a.columns))
        var jpvt = Array(repeating: Int32(0), count: a.columns)
        var info: Int32 = 0
        var query = 0.0
        var lwork: Int32 = -1
        if a.rows == 0 || a.columns == 0 {
            self.rows = a.rows; self.columns = a.columns
            self.factors = factors; self.tau = tau
            self.permutation = Array(0..<a.columns)
            return
        }
        if pivoting {
            dgeqp3_(&m, &n, &factors.storage, &lda, &jpvt, &tau, &query, &lwork, &info)
            guard info == 0 else { throw LAPACKError(routine: "dgeqp3", info: Int(info)) }
            var work = Array(repeating: 0.0, count: lapackWorkspaceSize(query, minimum: 3 * a.columns + 1))
            lwork = lapackInt(work.count)
            dgeqp3_(&m, &n, &factors.storage, &lda, &jpvt, &tau, &work, &lwork, &info)
            guard info == 0 else { throw LAPACKError(routine: "dgeqp3", info: Int(info)) }
            self.permutation = jpvt.map { Int($0) - 1 }
        } else {
            dgeqrf_(&m, &n, &factors.storage, &lda, &tau, &query, &lwork, &info)
            guard info == 0 else { throw LAPACKError(routine: "dgeqrf", info: Int(info)) }
            var work = Array(repeating: 0.0, count: lapackWorkspaceSize(query, minimum: a.columns))
            lwork = lapackInt(work.count)
            dgeqrf_(&m, &n, &factors.storage, &lda, &tau, &work, &lwork, &info)
            guard info == 0 else { throw LAPACKError(routine: "dgeqrf", info: Int(info)) }
            self.permutation = Array(0..<a.columns)
        }
        self.rows = a.rows
        self.columns = a.columns
        self.factors = factors
        self.tau = tau
    }

    /// The upper-triangular factor R, min(m, n) × n.
    package var r: Matrix {
        let k = min(rows, columns)
        var out = Matrix(rows: k, columns: columns)
        for j in 0..<columns {
            for i in 0..<min(j + 1, k) { out[i, j] = factors[i, j] }
        }
        return out
    }

    /// The diagonal of R, min(m, n) values, in pivoted order.
    package var rDiagonal: [Double] {
        (0..<min(rows, columns)).map { factors[$0, $0] }
    }

    /// `Q · c` or `Qᵀ · c` for an m-row matrix `c`, with Q the full m×m orthogonal factor
    /// (LAPACK `dormqr`, side L).
    package func multiplyQ(_ c: Matrix, transpose: Bool) throws -> Matrix {
        precondition(c.rows == rows, "Q has \(rows) rows; the operand has \(c.rows)")
        var result = c
        if rows == 0 || c.columns == 0 || tau.isEmpty { return result }
        var side = lapackChar("L"), trans = lapackChar(transpose ? "T" : "N")
        var m = lapackInt(rows), n = lapackInt(c.columns), k = lapackInt(tau.count)
        var lda = lapackInt(max(1, rows)), ldc = lapackInt(max(1, rows))
        var info: Int32 = 0
        var query = 0.0
        var lwork: Int32 = -1
        dormqr_(
            &side, &trans, &m, &n, &k, factors.storage, &lda, tau, &result.storage, &ldc,
            &query, &lwork, &info, 1, 1)
        guard info == 0 else { throw LAPACKError(routine: "dormqr", info: Int(info)) }
        var work = Array(repeating: 0.0, count: lapackWorkspaceSize(query, minimum: c.columns))
        lwork = lapackInt(work.count)
        dormqr_(
            &side, &trans, &m, &n, &k, factors.storage, &lda, tau, &result.storage, &ldc,
            &work, &lwork, &info, 1, 1)
        guard info == 0 else { throw LAPACKError(routine: "dormqr", info: Int(info)) }
        return result
    }

    /// `Q · v` or `Qᵀ · v` for a vector of length m.
    package func multiplyQ(_ v: [Double], transpose: Bool) throws -> [Double] {
        try multiplyQ(Matrix(rows: v.count, columns: 1, storage: v), transpose: transpose).storage
    }

    /// The first min(m, n) columns of Q (the "thin" Q₁ with `A P = Q₁ R`), m × min(m, n).
    package func thinQ() throws -> Matrix {
        let k = min(rows, columns)
        var e = Matrix(rows: rows, columns: k)
        for i in 0..<k { e[i, i] = 1 }
        return try multiplyQ(e, transpose: false)
    }
}
