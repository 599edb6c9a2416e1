/// Heteroskedasticity-consistent (sandwich) covariance of the estimates.
extension LinearRegression {
    /// The sandwich (XᵀX)⁻¹ Xᵀ Ω X (XᵀX)⁻¹ with Ω = diag(ωᵢ), computed from the QR factors
    /// without forming XᵀX: with X_s P = Q₁R, the estimates are Aᵀy for A = Q₁R⁻ᵀ, so in
    /// scaled, pivoted coordinates the covariance is Σᵢ ωᵢ aᵢ aᵢᵀ (aᵢ = row i of A), which is
    /// then unpermuted and unscaled like the classical one.
    ///
    /// HC1: ωᵢ = eᵢ² n/(n − p). HC3: ωᵢ = eᵢ²/(1 − hᵢᵢ)² (MacKinnon & White 1985). HC3 refuses an
    /// observation with 1 − hᵢᵢ ≤ √ε ≈ 1.5e-8: its weight would amplify rounding in eᵢ by more
    /// than 1/ε, i.e. the value would be meaningless.
    static func robustStandardErrors(
        kind: RobustCovariance, q1: Matrix, rInverse: Matrix,
        permutation perm: [Int], scale: [Double], residuals: [Double],
        leverages: [Double], estimates: [Double]
    ) throws -> RobustStandardErrors {
        let n = q1.rows, p = perm.count
        var weights = [Double](repeating: 0, count: n)
        switch kind {
        case .hc1:
            let factor = Double(n) / Double(n - p)
            for i in 0..<n { weights[i] = residuals[i] * residuals[i] * factor }
        case .hc3:
            for i in 0..<n {
                let oneMinusH = 1 - leverages[i]
                guard oneMinusH > Double.ulpOfOne.squareRoot() else {
                    throw RegressionError.leverageOne(observation: i)
                }
                weights[i] = residuals[i] * residuals[i] / (oneMinusH * oneMinusH)
            }
        }
        // A = Q₁ R⁻ᵀ (n × p).
        let a = q1.multiplied(by: rInverse.transposed)
        var meat = Matrix(rows: p, columns: p)
        for l in 0..<p {
            for k in 0...l {
                var sum = 0.0
                for i in 0..<n { sum += weights[i] * a[i, k] * a[i, l] }
                meat[k, l] = sum
                meat[l, k] = sum
            }
        }
        let covariance = unpermuteAndUnscale(meat, permutation: perm, scale: scale)
        let standardErrors = (0..<p).map { covariance[$0, $0].squareRoot() }
        let df = Double(n - p)
        let t = zip(estimates, standardErrors).map { tStatistic($0, $1) }
        return RobustStandardErrors(
            kind: kind, covariance: covariance, standardErrors: standardErrors,
            tStatistics: t, pValues: t.map { SpecialFunctions.studentTTwoSidedP($0, df: df) })
    }
}
