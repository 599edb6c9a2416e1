import Foundation

extension Distribution {
    /// The distribution of k·X for X with this distribution (k > 0): every location and scale
    /// parameter multiplied by k (a lognormal's μ shifted by ln k).
    package func scaled(by k: Double) -> Distribution {
        precondition(k > 0, "scale by a positive factor")
        switch self {
        case .fixed(let v): return .fixed(k * v)
        case .uniform(let a, let b): return .uniform(min: k * a, max: k * b)
        case .triangular(let a, let m, let b): return .triangular(min: k * a, mode: k * m, max: k * b)
        case .pert(let a, let m, let b, let l): return .pert(min: k * a, mode: k * m, max: k * b, lambda: l)
        case .normal(let m, let s): return .normal(mean: k * m, sd: k * s)
        case .truncatedNormal(let m, let s, let lo, let hi): return .truncatedNormal(mean: k * m, sd: k * s, lower: k * lo, upper: k * hi)
        case .lognormal(let mu, let sigma): return .lognormal(mu: mu + log(k), sigma: sigma)
        case .beta(let a, let b, let lo, let hi): return .beta(alpha: a, beta: b, lower: k * lo, upper: k * hi)
        case .studentT(let loc, let scale, let df): return .studentT(location: k * loc, scale: k * scale, df: df)
        }
    }
}
