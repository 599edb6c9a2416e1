import Foundation

/// The planned progress of a practice's adoption programme: the share (0–1) of the planned
/// increase from start to target adoption reached `τ` years after the programme starts
/// (`docs/model.md`, section 1, "Adoption").
///
/// - Logistic: P(τ) = (σ(k(τ − m)) − σ(−km)) / (1 − σ(−km)), with σ the logistic function,
///   midpoint m (years) and speed k (per year), normalised so that P(0) = 0.
/// - Bass diffusion (Bass 1969, Management Science 15(5)): P(τ) = (1 − e^{−(p+q)τ}) /
///   (1 + (q/p)·e^{−(p+q)τ}), with innovation p and imitation q (per year). With p = 0.03 and
///   q = 0.38 (Sultan, Farley & Lehmann 1990) P(5) ≈ 0.33 and P(10) ≈ 0.81.
/// - Step: P(τ) = 1 for τ ≥ 1, else 0 (full adoption in the first year).
/// - Plan: a programme board's milestones, interpolated linearly (``MilestonePlan``); 1 from the
///   last milestone on.
///
/// P(τ) = 0 for τ ≤ 0 (before the programme's possibly delayed start, adoption stays at its
/// start level); Bass and logistic are non-decreasing and below 1.
public enum AdoptionCurve: Sendable, Equatable {
    /// Logistic curve: `midpoint` in years from the programme start to half the planned
    /// increase (`practices.<kind>.curve.logistic.midpoint`), `speed` per year
    /// (`practices.<kind>.curve.logistic.speed`).
    case logistic(midpoint: Double, speed: Double)
    /// Bass diffusion: innovation coefficient `p` and imitation coefficient `q`, both per year
    /// (`practices.<kind>.curve.bass.p` and `.q`).
    case bass(p: Double, q: Double)
    /// Full planned adoption in the first programme year (used by `govsim calibrate`).
    case step
    /// A milestone plan in progress terms (``MilestonePlan/curve(start:startYear:)``).
    case plan(Milestones)

    /// The kind of curve, as written in a scenario.
    package var kind: AdoptionCurveKind {
        switch self {
        case .logistic: return .logistic
        case .bass: return .bass
        case .step: return .step
        case .plan: return .plan
        }
    }

    /// Planned progress `τ` years after the programme starts.
    @inlinable
    public func progress(_ tau: Double) -> Double {
        guard tau > 0 else { return 0 }
        switch self {
        case .logistic(let m, let k):
            let s0 = 1 / (1 + exp(k * m))
            let s = 1 / (1 + exp(-k * (tau - m)))
            return (s - s0) / (1 - s0)
        case .bass(let p, let q):
            let e = exp(-(p + q) * tau)
            return (1 - e) / (1 + (q / p) * e)
        case .step:
            return tau >= 1 ? 1 : 0
        case .plan(let milestones):
            return milestones.progress(tau)
        }
    }
}
