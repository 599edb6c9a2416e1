import Foundation

/// A univariate probability distribution for an uncertain scenario parameter.
///
/// Every distribution is sampled by inversion, `quantile(u)` of a uniform `u`, so that any
/// sampling design (pseudo-random, Latin hypercube, Sobol') and any rank-correlation method
/// keeps each input's marginal distribution exactly. Parameters are in the unit of the
/// scenario field the distribution describes.
public enum Distribution: Hashable, Sendable {
    /// A known value.
    case fixed(Double)
    /// Uniform on [min, max].
    case uniform(min: Double, max: Double)
    /// Triangular on [min, max] with the given mode.
    case triangular(min: Double, mode: Double, max: Double)
    /// Beta-PERT on [min, max] with the given mode and shape λ (4 for the classic PERT).
    case pert(min: Double, mode: Double, max: Double, lambda: Double)
    /// Normal with mean and standard deviation.
    case normal(mean: Double, sd: Double)
    /// Normal(mean, sd) truncated to [lower, upper]; either bound may be infinite.
    case truncatedNormal(mean: Double, sd: Double, lower: Double, upper: Double)
    /// Lognormal: log X ~ Normal(mu, sigma).
    case lognormal(mu: Double, sigma: Double)
    /// Beta(alpha, beta) scaled to [lower, upper] (default [0, 1]).
    case beta(alpha: Double, beta: Double, lower: Double = 0, upper: Double = 1)
    /// Student's t with `df` degrees of freedom, shifted by `location` and scaled by `scale`.
    case studentT(location: Double, scale: Double, df: Double)
}

extension Distribution {
    /// A lognormal distribution given by two quantiles, for example `p5` and `p95`.
    ///
    /// Solves log q_lo = mu + z_lo·sigma and log q_hi = mu + z_hi·sigma with z the standard
    /// normal quantiles of the two probabilities. Requires 0 < q_lo < q_hi and p_lo < p_hi.
    public static func lognormal(
        quantile lowValue: Double, at lowProbability: Double,
        quantile highValue: Double, at highProbability: Double
    ) -> Distribution {
        let zl = SpecialFunctions.normalQuantile(lowProbability)
        let zh = SpecialFunctions.normalQuantile(highProbability)
        let sigma = (log(highValue) - log(lowValue)) / (zh - zl)
        let mu = log(lowValue) - zl * sigma
        return .lognormal(mu: mu, sigma: sigma)
    }

    /// A lognormal distribution with the given mean and standard deviation (both > 0).
    public static func lognormal(mean: Double, sd: Double) -> Distribution {
        let sigma2 = log1p((sd * sd) / (mean * mean))
        return .lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// Whether the distribution has a single value.
    public var isFixed: Bool {
        if case .fixed = self { return true }
        return false
    }

    /// The support of the distribution (possibly infinite at either end).
    public var support: ClosedRange<Double> {
        switch self {
        case .fixed(let v): return v...v
        case .uniform(let a, let b), .triangular(let a, _, let b), .pert(let a, _, let b, _): return a...b
        case .normal, .studentT: return -Double.infinity...Double.infinity
        case .truncatedNormal(_, _, let lo, let hi): return lo...hi
        case .lognormal: return 0...Double.infinity
        case .beta(_, _, let lo, let hi): return lo...hi
        }
    }

    /// The shape parameters (α, β) of the beta distribution behind a PERT(min, mode, max, λ).
    @inlinable
    static func pertShape(min a: Double, mode m: Double, max b: Double, lambda: Double) -> (Double, Double) {
        let alpha = 1 + lambda * (m - a) / (b - a)
        let beta = 1 + lambda * (b - m) / (b - a)
        return (alpha, beta)
    }
}
