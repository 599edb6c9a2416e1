import Foundation

/// An ordinary least-squares fit `y = X b + e` by Householder QR with column pivoting.
///
/// ## Algorithm
/// 1. Each design column x_j is scaled to unit 2-norm, `X_s = X D⁻¹` with `D = diag(‖x_j‖₂)`
///    (van der Sluis 1969, Numer. Math. 14: this column equilibration makes the condition
///    number of X_s within a factor √p of the smallest over all column scalings).
/// 2. `X_s P = Q R` by LAPACK `dgeqp3` (``HouseholderQR``). The normal equations XᵀX are never
///    formed: they square the condition number (Golub & Van Loan, *Matrix Computations*,
///    4th ed., §5.3.7), which for the NIST Filip data (κ ≈ 1.8e15) loses every digit.
/// 3. The numerical rank is checked (see ``rankTolerance(observations:parameters:)``); a
///    rank-deficient or numerically singular design throws ``RegressionError/collinear(_:)``
///    naming the dependent columns — no column is silently dropped.
/// 4. `R z = (Qᵀy)[0..<p]` by back substitution (`dtrtrs`); `b_j = z_{π⁻¹(j)} / ‖x_j‖₂`.
/// 5. One step of iterative refinement (Björck 1967, "Iterative refinement of linear least
///    squares solutions I", BIT 7): residuals r = y − Xb are computed from the original data
///    with a compensated dot product (Ogita, Rump & Oishi 2005, "Accurate sum and dot
///    product", SIAM J. Sci. Comput. 26, algorithm Dot2: as accurate as if computed in twice the
///    working precision), b += LS-solve(X, r) with the same QR, and r is recomputed. RSS = Σrᵢ²
///    from these residuals; it stays accurate for exact fits (Wampler1: σ̂ ≈ 1e-12 instead of 0).
/// 6. `(XᵀX)⁻¹ = D⁻¹ P R⁻¹ R⁻ᵀ Pᵀ D⁻¹` with R⁻¹ from `dtrtri`; the covariance of the estimates
///    is σ̂² (XᵀX)⁻¹ with σ̂² = RSS / (n − p).
///
/// Accuracy: every NIST StRD linear dataset is reproduced to the log relative errors required
/// in `Tests/GovSimScenarioTests/NISTLinearRegressionTests.swift` (Filip: about 7 digits).
package struct LinearRegression: Sendable {
    /// Heteroskedasticity-consistent ("sandwich") covariance estimators (MacKinnon & White
    /// 1985, J. Econometrics 29; Long & Ervin 2000, Am. Stat. 54).
    package enum RobustCovariance: String, Sendable, CaseIterable {
        /// White's estimator with the small-sample factor n/(n − p): ωᵢ = eᵢ² · n/(n − p).
        case hc1
        /// Jackknife-like: ωᵢ = eᵢ² / (1 − hᵢᵢ)², hᵢᵢ the leverage. Recommended by Long & Ervin
        /// for n < 250.
        case hc3
    }

    /// Robust standard errors computed on request.
    package struct RobustStandardErrors: Sendable {
        /// Which estimator.
        package let kind: RobustCovariance
        /// Robust covariance matrix of the estimates (units: product of the two terms' coefficient units).
        package let covariance: Matrix
        /// Square roots of the diagonal of ``covariance``.
        package let standardErrors: [Double]
        /// estimate / robust standard error.
        package let tStatistics: [Double]
        /// Two-sided p-values from Student's t with ``LinearRegression/residualDegreesOfFreedom``.
        package let pValues: [Double]
    }

    /// Term names in design order; the intercept (if any) is first and named `intercept`.
    package let termNames: [String]
    /// Whether the first design column is the intercept (a column of ones).
    package let hasIntercept: Bool
    /// Least-squares estimates b, in the response's units per unit of each term.
    package let estimates: [Double]
    /// Classical standard errors √(σ̂² [(XᵀX)⁻¹]_jj), same units as ``estimates``.
    package let standardErrors: [Double]
    /// estimate / standard error (±∞ for an exact fit with a non-zero estimate).
    package let tStatistics: [Double]
    /// Two-sided p-values P(|T| ≥ |t|), T ~ Student's t with ``residualDegreesOfFreedom``.
    package let pValues: [Double]
    /// Classical covariance matrix of the estimates, σ̂² (XᵀX)⁻¹ (computed from R⁻¹).
    package let covariance: Matrix
    /// Residuals eᵢ = yᵢ − ŷᵢ (response units).
    package let residuals: [Double]
    /// Fitted values ŷᵢ (response units).
    package let fittedValues: [Double]
    /// Leverages hᵢᵢ, the diagonal of the hat matrix X(XᵀX)⁻¹Xᵀ = Q₁Q₁ᵀ; they sum to p.
    package let leverages: [Double]
    /// Residual sum of squares Σeᵢ² (response units squared).
    package let residualSumOfSquares: Double
    /// Total sum of squares: Σ(yᵢ − ȳ)² with an intercept, Σyᵢ² without.
    package let totalSumOfSquares: Double
    /// Residual standard deviation σ̂ = √(RSS / (n − p)) (response units).
    package let residualStandardDeviation: Double
    /// R² = 1 − RSS/TSS. With an intercept this is the usual centred R²; without one it is the
    /// uncentred Σŷ²/Σy² (equal to 1 − RSS/Σy² because ŷ ⟂ e), as R's `summary.lm` and NIST
    /// define it for models through the origin.
    package let rSquared: Double
    /// Adjusted R² = 1 − (1 − R²)(n − ι)/(n − p), ι = 1 with an intercept and 0 without (R's convention).
    package let adjustedRSquared: Double
    /// Classical (homoskedastic) F statistic of all non-intercept terms:
    /// ((TSS − RSS)/(p − ι)) / (RSS/(n − p)). NaN when the model has no such term; +∞ for an
    /// exact fit.
    package let fStatistic: Double
    /// Upper-tail probability of ``fStatistic`` under F(p − ι, n − p).
    package let fPValue: Double
    /// Number of observations n.
    package let observationCount: Int
    /// Number of estimated coefficients p (including the intercept).
    package let parameterCount: Int
    /// n − p.
    package let residualDegreesOfFreedom: Int
    /// 2-norm condition number κ₂(X_s) = σ_max/σ_min of the design after scaling every column to
    /// unit 2-norm, from the singular values of R (`dgesvd`); this is the κ that governs the
    /// accuracy of the estimates here (roughly κ·ε relative error).
    package let conditionNumber: Double
    /// 2-norm condition number κ₂(X) of the design as given (unscaled), from the singular values
    /// of R·diag(‖x_j‖₂) (`dgesvd`). Depends on the units of the predictors.
    package let unscaledConditionNumber: Double
    /// Robust standard errors, when requested.
    package let robust: RobustStandardErrors?

    /// The relative tolerance τ = max(n, p)·ε (ε = 2⁻⁵² ≈ 2.2e-16) for the rank decision.
    ///
    /// A pivoted-QR diagonal element |R_kk| ≤ τ·|R_00| of the column-scaled design, or a
    /// condition number κ₂(X_s) ≥ 1/τ, is treated as exact linear dependence. τ is the size of
    /// the backward error of Householder QR in double precision (Higham, *Accuracy and
    /// Stability of Numerical Algorithms*, 2nd ed., Thm. 19.4, up to a modest constant):
    /// directions of X_s smaller than that cannot be told apart from rounding, and estimates
    /// along them would carry no correct digit. It is the same default as numpy's
    /// `matrix_rank` and MATLAB's `rank`. (NIST Filip, κ₂(X_s) ≈ 5e9, passes with a wide margin.)
    package static func rankTolerance(observations: Int, parameters: Int) -> Double {
        Double(max(observations, parameters)) * Double.ulpOfOne
    }

    /// Fits `response` on `predictors` (n × k, one column per predictor), adding an intercept
    /// column of ones first when `intercept` is true.
    /// - Throws: ``RegressionError``.
    package static func fit(
        response: [Double], predictors: Matrix, predictorNames: [String],
        intercept: Bool = true, robust: RobustCovariance? = nil
    ) throws -> LinearRegression {
        guard predictorNames.count == predictors.columns else {
            throw RegressionError.dimensionMismatch("\(predictorNames.count) predictor names for \(predictors.columns) columns")
        }
        var design = predictors
        var names = predictorNames
        if intercept {
            design = Matrix(
                rows: predictors.rows, columns: predictors.columns + 1,
                storage: Array(repeating: 1.0, count: predictors.rows) + predictors.storage)
            names = ["intercept"] + names
        }
        return try LinearRegression(
            design: design, response: response, termNames: names,
            hasIntercept: intercept, robust: robust)
    }

    /// Fits `response` on the full design matrix `design` (n × p, intercept column included if
    /// `hasIntercept`, in which case it must be the first column).
    /// - Throws: ``RegressionError``.
    package init(
        design: Matrix, response: [Double], termNames: [String], hasIntercept: Bool,
        robust: RobustCovariance? = nil
    ) throws {
        let n = design.rows, p = design.columns
        guard response.count == n else {
            throw RegressionError.dimensionMismatch("\(response.count) responses for \(n) design rows")
        }
        guard termNames.count == p else {
            throw RegressionError.dimensionMismatch("\(termNames.count) term names for \(p) design columns")
        }
        guard p >= 1 else { throw RegressionError.dimensionMismatch("the design has no columns") }
        for i in 0..<n where !response[i].isFinite {
            throw RegressionError.nonFiniteValue(observation: i, term: nil, value: response[i])
        }
        for j in 0..<p {
            for i in 0..<n where !design[i, j].isFinite {
                throw RegressionError.nonFiniteValue(observation: i, term: termNames[j], value: design[i, j])
            }
        }
        guard n > p else { throw RegressionError.tooFewObservations(observations: n, parameters: p) }
        if hasIntercept, response.allSatisfy({ $0 == response[0] }) {
            throw RegressionError.constantResponse(value: response[0])
        }
        if !hasIntercept, response.allSatisfy({ $0 == 0 }) { throw RegressionError.zeroResponse }

        // 1. Column scaling to unit 2-norm (an all-zero column keeps scale 1 and is reported
        //    as collinear below).
        var scale = [Double](repeating: 1, count: p)
        var zeroColumns: Set<Int> = []
        var scaled = design
        for j in 0..<p {
            let norm = LinearRegression.norm2(design.storage[(j * n)..<((j + 1) * n)])
            if norm > 0 {
                scale[j] = norm
                for i in 0..<n { scaled.storage[i + j * n] /= norm }
            } else {
                zeroColumns.insert(j)
            }
        }

        // 2. Pivoted Householder QR.
        let qr = try HouseholderQR(factoring: scaled, pivoting: true)
        let perm = qr.permutation
        let r = qr.r.leadingBlock(rows: p, columns: p)
        let tolerance = LinearRegression.rankTolerance(observations: n, parameters: p)
        let singular = try r.singularValues()
        let kappa = singular.last! > 0 ? singular[0] / singular.last! : .infinity
        var rUnscaled = r
        for k in 0..<p { for i in 0..<p { rUnscaled[i, k] *= scale[perm[k]] } }
        let unscaledSingular = try rUnscaled.singularValues()
        let kappaUnscaled = unscaledSingular.last! > 0 ? unscaledSingular[0] / unscaledSingular.last! : .infinity

        // 3. Rank decision.
        let diagonal = qr.rDiagonal.map(abs)
        var rank = p
        for k in 0..<p where !(diagonal[k] > tolerance * diagonal[0]) { rank = k; break }
        if rank == p && !(kappa < 1 / tolerance) { rank = p - 1 }
        if rank < p {
            throw RegressionError.collinear(
                LinearRegression.diagnoseCollinearity(
                    r: r, permutation: perm, scale: scale, zeroColumns: zeroColumns, rank: rank, termNames: termNames, tolerance: tolerance,
                    conditionNumber: kappa))
        }

        // 4. Solve R z = (Qᵀy)[0..<p], undo pivoting and scaling; then one step of iterative
        //    refinement with accurately computed residuals.
        func solve(_ rhs: [Double]) throws -> [Double] {
            let qtr = try qr.multiplyQ(rhs, transpose: true)
            let z = try r.solvingUpperTriangular(Array(qtr[0..<p]))
            var b = [Double](repeating: 0, count: p)
            for k in 0..<p { b[perm[k]] = z[k] / scale[perm[k]] }
            return b
        }
        var estimates = try solve(response)
        var residuals = LinearRegression.accurateResiduals(design: design, response: response, estimates: estimates)
        let correction = try solve(residuals)
        for j in 0..<p { estimates[j] += correction[j] }
        residuals = LinearRegression.accurateResiduals(design: design, response: response, estimates: estimates)
        let fitted = zip(response, residuals).map { $0 - $1 }

        // 5. RSS from those residuals: RSS(b) is stationary at the least-squares solution, so
        //    the remaining error in b enters it only to second order.
        let rss = LinearRegression.sumOfSquares(residuals[...])
        let df = n - p
        let sigma2 = rss / Double(df)

        // 6. (XᵀX)⁻¹ from R⁻¹.
        let rInverse = try r.upperTriangularInverse()
        let unscaledInverse = LinearRegression.unpermuteAndUnscale(
            rInverse.multiplied(by: rInverse.transposed), permutation: perm, scale: scale)
        var covariance = unscaledInverse
        for index in covariance.storage.indices { covariance.storage[index] *= sigma2 }
        let standardErrors = (0..<p).map { covariance[$0, $0].squareRoot() }
        let tStatistics = zip(estimates, standardErrors).map { LinearRegression.tStatistic($0, $1) }
        let pValues = tStatistics.map { SpecialFunctions.studentTTwoSidedP($0, df: Double(df)) }

        // Leverages hᵢᵢ = ‖row i of Q₁‖².
        let q1 = try qr.thinQ()
        var leverages = [Double](repeating: 0, count: n)
        for k in 0..<p { for i in 0..<n { leverages[i] += q1[i, k] * q1[i, k] } }

        // Goodness of fit.
        let tss: Double
        if hasIntercept {
            var mean = response.reduce(0, +) / Double(n)
            mean += response.reduce(0) { $0 + ($1 - mean) } / Double(n)
            tss = response.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        } else {
            tss = LinearRegression.sumOfSquares(response[...])
        }
        let iota = hasIntercept ? 1 : 0
        let rSquared = 1 - rss / tss
        let adjusted = 1 - (1 - rSquared) * Double(n - iota) / Double(df)
        let dfModel = p - iota
        let fStatistic: Double
        let fPValue: Double
        if dfModel == 0 {
            fStatistic = .nan
            fPValue = .nan
        } else {
            fStatistic = rss > 0 ? ((tss - rss) / Double(dfModel)) / sigma2 : .infinity
            fPValue = SpecialFunctions.fSurvival(fStatistic, d1: Double(dfModel), d2: Double(df))
        }

        self.termNames = termNames
        self.hasIntercept = hasIntercept
        self.estimates = estimates
        self.standardErrors = standardErrors
        self.tStatistics = tStatistics
        self.pValues = pValues
        self.covariance = covariance
        self.residuals = residuals
        self.fittedValues = fitted
        self.leverages = leverages
        self.residualSumOfSquares = rss
        self.totalSumOfSquares = tss
        self.residualStandardDeviation = sigma2.squareRoot()
        self.rSquared = rSquared
        self.adjustedRSquared = adjusted
        self.fStatistic = fStatistic
        self.fPValue = fPValue
        self.observationCount = n
        self.parameterCount = p
        self.residualDegreesOfFreedom = df
        self.conditionNumber = kappa
        self.unscaledConditionNumber = kappaUnscaled
        if let robust {
            self.robust = try LinearRegression.robustStandardErrors(
                kind: robust, q1: q1, rInverse: rInverse, permutation: perm, scale: scale,
                residuals: residuals, leverages: leverages, estimates: estimates)
        } else {
            self.robust = nil
        }
    }

    /// The estimate for the term named `name`, if there is one.
    package func estimate(of name: String) -> Double? {
        termNames.firstIndex(of: name).map { estimates[$0] }
    }

    // MARK: - Helpers

    /// t = b / se, with ±∞ for se = 0 and b ≠ 0 and NaN for 0/0.
    static func tStatistic(_ estimate: Double, _ standardError: Double) -> Double {
        estimate / standardError
    }

    /// Maps a matrix M in scaled, pivoted coordinates to original ones:
    /// out[π(a), π(b)] = M[a, b] / (s_π(a) s_π(b)).
    static func unpermuteAndUnscale(_ m: Matrix, permutation perm: [Int], scale: [Double]) -> Matrix {
        let p = perm.count
        var out = Matrix(rows: p, columns: p)
        for b in 0..<p {
            for a in 0..<p {
                out[perm[a], perm[b]] = m[a, b] / (scale[perm[a]] * scale[perm[b]])
            }
        }
        return out
    }

    /// rᵢ = yᵢ − Σⱼ Xᵢⱼ bⱼ by Dot2 (Ogita, Rump & Oishi 2005): each product is split exactly
    /// into value and error with a fused multiply-add (TwoProduct), each sum with Knuth's
    /// TwoSum, and the errors are accumulated and added at the end, so the result is as
    /// accurate as if computed in quadruple-ish (2×53-bit) precision, then rounded.
    static func accurateResiduals(design: Matrix, response: [Double], estimates: [Double]) -> [Double] {
        let n = design.rows, p = design.columns
        var residuals = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = response[i]
            var compensation = 0.0
            for j in 0..<p {
                let a = -design.storage[i + j * n], b = estimates[j]
                let product = a * b
                let productError = (-product).addingProduct(a, b)  // exact: a·b − product
                let total = sum + product
                let virtual = total - sum
                let sumError = (sum - (total - virtual)) + (product - virtual)  // exact: sum + product − total
                sum = total
                compensation += productError + sumError
            }
            residuals[i] = sum + compensation
        }
        return residuals
    }

    /// ‖v‖₂ without overflow or harmful underflow (scaled sum of squares, as LAPACK `dnrm2`).
    static func norm2(_ v: ArraySlice<Double>) -> Double {
        var scale = 0.0, ssq = 1.0
        for x in v where x != 0 {
            let a = abs(x)
            if scale < a {
                ssq = 1 + ssq * (scale / a) * (scale / a)
                scale = a
            } else {
                ssq += (a / scale) * (a / scale)
            }
        }
        return scale * ssq.squareRoot()
    }

    static func sumOfSquares(_ v: ArraySlice<Double>) -> Double {
        let norm = norm2(v)
        return norm * norm
    }
}
