import Foundation

extension Distribution {
    /// The quantile function (inverse CDF) at probability `u` in (0, 1).
    ///
    /// Exact inversions for the uniform, triangular, normal and lognormal (through
    /// ``SpecialFunctions/normalQuantile(_:)``); the truncated normal inverts Φ between its
    /// bounds, working in the upper tail when both bounds are above the mean, and with logarithms of
    /// survival ratios from the near bound when that bound is 30 or more standard deviations from
    /// the mean (either side); PERT and beta
    /// use ``SpecialFunctions/inverseRegularizedIncompleteBeta(_:_:_:)``.
    ///
    /// - Complexity: O(1), except beta and PERT, which iterate (typically 3–6 Newton steps).
    @inlinable
    public func quantile(_ u: Double) -> Double {
        switch self {
        case .fixed(let v):
            return v
        case .uniform(let a, let b):
            return a + (b - a) * u
        case .triangular(let a, let m, let b):
            let fc = (m - a) / (b - a)
            if u < fc { return a + ((b - a) * (m - a) * u).squareRoot() }
            return b - ((b - a) * (b - m) * (1 - u)).squareRoot()
        case .pert(let a, let m, let b, let lambda):
            let (alpha, beta) = Distribution.pertShape(min: a, mode: m, max: b, lambda: lambda)
            return a + (b - a) * SpecialFunctions.inverseRegularizedIncompleteBeta(alpha, beta, u)
        case .normal(let mean, let sd):
            return mean + sd * SpecialFunctions.normalQuantile(u)
        case .truncatedNormal(let mean, let sd, let lower, let upper):
            let zl = (lower - mean) / sd, zu = (upper - mean) / sd
            // A mean far beyond a bound: both survival probabilities underflow, so work with
            // their logarithms, measuring from the near bound.
            if zl >= SpecialFunctions.farTailThreshold {
                let d = SpecialFunctions.truncatedNormalTailQuantile(a: zl, b: zu, p: u, q: 1 - u)
                return Swift.min(Swift.max(lower + sd * d, lower), upper)
            }
            if zu <= -SpecialFunctions.farTailThreshold {
                let d = SpecialFunctions.truncatedNormalTailQuantile(a: -zu, b: -zl, p: 1 - u, q: u)
                return Swift.min(Swift.max(upper - sd * d, lower), upper)
            }
            let x: Double
            if zl > 0 {
                // Both bounds in the upper tail: invert the survival function for accuracy.
                let sl = SpecialFunctions.normalSurvival(zl), su = SpecialFunctions.normalSurvival(zu)
                x = -SpecialFunctions.normalQuantile(sl - u * (sl - su))
            } else {
                let pl = SpecialFunctions.normalCDF(zl), pu = SpecialFunctions.normalCDF(zu)
                x = SpecialFunctions.normalQuantile(pl + u * (pu - pl))
            }
            return Swift.min(Swift.max(mean + sd * x, lower), upper)
        case .lognormal(let mu, let sigma):
            return exp(mu + sigma * SpecialFunctions.normalQuantile(u))
        case .beta(let alpha, let beta, let lower, let upper):
            return lower + (upper - lower) * SpecialFunctions.inverseRegularizedIncompleteBeta(alpha, beta, u)
        case .studentT(let location, let scale, let df):
            return location + scale * SpecialFunctions.studentTQuantile(u, df: df)
        }
    }

    /// The shape setup of the beta inverse behind a beta or PERT distribution, for
    /// ``quantile(_:betaSetup:)`` (nil for the other distributions).
    public var betaInverseSetup: SpecialFunctions.BetaInverseSetup? {
        switch self {
        case .pert(let a, let m, let b, let lambda):
            let (alpha, beta) = Distribution.pertShape(min: a, mode: m, max: b, lambda: lambda)
            return SpecialFunctions.BetaInverseSetup(alpha, beta)
        case .beta(let alpha, let beta, _, _):
            return SpecialFunctions.BetaInverseSetup(alpha, beta)
        default:
            return nil
        }
    }

    /// ``quantile(_:)`` with the beta inverse's shape setup made in advance (``betaInverseSetup``
    /// of this distribution, or nil): bit-for-bit the same value, faster for beta and PERT.
    @inlinable
    public func quantile(_ u: Double, betaSetup: SpecialFunctions.BetaInverseSetup?) -> Double {
        guard let betaSetup else { return quantile(u) }
        switch self {
        case .pert(let a, _, let b, _):
            return a + (b - a) * betaSetup.inverse(u)
        case .beta(_, _, let lower, let upper):
            return lower + (upper - lower) * betaSetup.inverse(u)
        default:
            return quantile(u)
        }
    }

    /// The cumulative distribution function at `x`.
    public func cdf(_ x: Double) -> Double {
        switch self {
        case .fixed(let v):
            return x < v ? 0 : 1
        case .uniform(let a, let b):
            return Swift.min(1, Swift.max(0, (x - a) / (b - a)))
        case .triangular(let a, let m, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            if x <= m { return (x - a) * (x - a) / ((b - a) * (m - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - m))
        case .pert(let a, let m, let b, let lambda):
            let (alpha, beta) = Distribution.pertShape(min: a, mode: m, max: b, lambda: lambda)
            return SpecialFunctions.regularizedIncompleteBeta(alpha, beta, (x - a) / (b - a))
        case .normal(let mean, let sd):
            return SpecialFunctions.normalCDF((x - mean) / sd)
        case .truncatedNormal(let mean, let sd, let lower, let upper):
            if x <= lower { return 0 }
            if x >= upper { return 1 }
            let zl = (lower - mean) / sd, zu = (upper - mean) / sd, z = (x - mean) / sd
            if zl >= SpecialFunctions.farTailThreshold {
                return SpecialFunctions.truncatedNormalTailCDF(a: zl, b: zu, d: z - zl)
            }
            if zu <= -SpecialFunctions.farTailThreshold {
                return 1 - SpecialFunctions.truncatedNormalTailCDF(a: -zu, b: -zl, d: zu - z)
            }
            if zl > 0 {
                // Both bounds in the upper tail, as in `quantile`: use survival probabilities.
                let sl = SpecialFunctions.normalSurvival(zl), su = SpecialFunctions.normalSurvival(zu)
                return (sl - SpecialFunctions.normalSurvival(z)) / (sl - su)
            }
            let pl = SpecialFunctions.normalCDF(zl), pu = SpecialFunctions.normalCDF(zu)
            return (SpecialFunctions.normalCDF(z) - pl) / (pu - pl)
        case .lognormal(let mu, let sigma):
            return x <= 0 ? 0 : SpecialFunctions.normalCDF((log(x) - mu) / sigma)
        case .beta(let alpha, let beta, let lower, let upper):
            return SpecialFunctions.regularizedIncompleteBeta(alpha, beta, (x - lower) / (upper - lower))
        case .studentT(let location, let scale, let df):
            return SpecialFunctions.studentTCDF((x - location) / scale, df: df)
        }
    }
}
