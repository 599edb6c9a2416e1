import Foundation

extension Distribution {
    /// The mean of the distribution.
    package var mean: Double {
        switch self {
        case .fixed(let v): return v
        case .uniform(let a, let b): return (a + b) / 2
        case .triangular(let a, let m, let b): return (a + m + b) / 3
        case .pert(let a, let m, let b, let lambda): return (a + lambda * m + b) / (lambda + 2)
        case .normal(let mean, _): return mean
        case .truncatedNormal(let mean, let sd, let lower, let upper):
            let (alpha, beta, z) = truncatedNormalTerms(mean: mean, sd: sd, lower: lower, upper: upper)
            return mean + sd * (SpecialFunctions.normalPDF(alpha) - SpecialFunctions.normalPDF(beta)) / z
        case .lognormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .beta(let a, let b, let lo, let hi): return lo + (hi - lo) * a / (a + b)
        case .studentT(let location, _, let df): return df > 1 ? location : .nan
        }
    }

    /// The variance of the distribution.
    package var variance: Double {
        switch self {
        case .fixed: return 0
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        case .triangular(let a, let m, let b): return (a * a + m * m + b * b - a * m - a * b - m * b) / 18
        case .pert(let a, let m, let b, let lambda):
            let (alpha, beta) = Distribution.pertShape(min: a, mode: m, max: b, lambda: lambda)
            return (b - a) * (b - a) * alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1))
        case .normal(_, let sd): return sd * sd
        case .truncatedNormal(let mean, let sd, let lower, let upper):
            let (alpha, beta, z) = truncatedNormalTerms(mean: mean, sd: sd, lower: lower, upper: upper)
            let pa = SpecialFunctions.normalPDF(alpha), pb = SpecialFunctions.normalPDF(beta)
            let aTerm = alpha.isFinite ? alpha * pa : 0, bTerm = beta.isFinite ? beta * pb : 0
            let ratio = (pa - pb) / z
            return sd * sd * (1 + (aTerm - bTerm) / z - ratio * ratio)
        case .lognormal(let mu, let sigma): return (exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma)
        case .beta(let a, let b, let lo, let hi):
            return (hi - lo) * (hi - lo) * a * b / ((a + b) * (a + b) * (a + b + 1))
        case .studentT(_, let scale, let df): return df > 2 ? scale * scale * df / (df - 2) : .infinity
        }
    }

    /// The standard deviation of the distribution.
    package var standardDeviation: Double { variance.squareRoot() }

    /// Standardised bounds α, β and the retained mass Z = Φ(β) − Φ(α). When both bounds are
    /// above the mean Z is formed from upper tails, Q(α) − Q(β): Φ(α) rounds to 1 for α ≳ 8.3,
    /// which made Z = 0 and the moments NaN, and loses digits well before that.
    private func truncatedNormalTerms(mean: Double, sd: Double, lower: Double, upper: Double) -> (Double, Double, Double) {
        let alpha = (lower - mean) / sd, beta = (upper - mean) / sd
        let z =
            alpha > 0
            ? SpecialFunctions.normalSurvival(alpha) - SpecialFunctions.normalSurvival(beta)
            : SpecialFunctions.normalCDF(beta) - SpecialFunctions.normalCDF(alpha)
        return (alpha, beta, z)
    }
}
