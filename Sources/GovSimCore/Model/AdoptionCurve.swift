import Foundation

/// The planned progress of a practice's adoption programme: the share (0–1) of the planned
/// increase from start to target adoption reached `τ` years after the programme starts.
///
/// - Logistic: P(τ) = (σ(k(τ − m)) − σ(−km)) / (1 − σ(−km)), with σ the logistic function,
///   midpoint m (years) and speed k (per year), normalised so that P(0) = 0.
/// - Bass diffusion (Bass 1969, Management Science 15(5)): P(τ) = (1 − e^{−(p+q)τ}) /
///   (1 + (q/p)·e^{−(p+q)τ}), with innovation p and imitation q (per year). With p = 0.03 and
///   q = 0.38 (Sultan, Farley & Lehmann 1990) P(5) ≈ 0.33 and P(10) ≈ 0.81.
/// - Step: P(τ) = 1 for τ ≥ 1, else 0 (full adoption in the first year).
///
/// P(τ) = 0 for τ ≤ 0; P is non-decreasing and below 1 except for the step.
public struct AdoptionCurve: Sendable, Equatable {
    public let kind: AdoptionCurveKind
    /// Logistic midpoint (years) or Bass p (per year).
    public let first: Double
    /// Logistic speed (per year) or Bass q (per year).
    public let second: Double

    public init(kind: AdoptionCurveKind, first: Double = 0, second: Double = 0) {
        self.kind = kind
        self.first = first
        self.second = second
    }

    /// Planned progress `τ` years after the programme starts.
    @inlinable
    public func progress(_ tau: Double) -> Double {
        guard tau > 0 else { return 0 }
        switch kind {
        case .logistic:
            let m = first, k = second
            let s0 = 1 / (1 + exp(k * m))
            let s = 1 / (1 + exp(-k * (tau - m)))
            return (s - s0) / (1 - s0)
        case .bass:
            let p = first, q = second
            let e = exp(-(p + q) * tau)
            return (1 - e) / (1 + (q / p) * e)
        case .step:
            return tau >= 1 ? 1 : 0
        }
    }
}
