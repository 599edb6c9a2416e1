/// A programme board's milestone plan for one practice: planned adoption (share 0–1) at the end
/// of given calendar years (`practices.<kind>.curve: {plan: {2026: 0.2, 2027: 0.5, 2029: 0.8}}`,
/// `docs/model.md` §1).
///
/// Interpolation (the contract every reimplementation must follow): with s the start adoption
/// in the base year (programme year 0) and milestones (τₖ, vₖ) at programme years
/// τₖ = yearₖ − start_year, the planned adoption A(τ) is linear from (0, s) to (τ₁, v₁), linear
/// between consecutive milestones, and flat at the last milestone's value after it. The target
/// Tᵢ is the last milestone's value. The plan's progress is P(τ) = (A(τ) − s)/(T − s) (0 when
/// T = s), which is 0 at τ ≤ 0 and 1 from the last milestone on; delay and delivery shortfall
/// then act on it like on any curve: aᵢ(t) = sᵢ + δ·(Tᵢ − sᵢ)·P(t − d).
///
/// Values are plain numbers (not distributions); uncertainty enters through delivery, delay and
/// the target (a variant that overrides `target_adoption` scales the planned increase).
package struct MilestonePlan: Sendable, Equatable, Hashable {
    /// Calendar years of the milestones, strictly increasing.
    package let years: [Int]
    /// Planned adoption at the end of each milestone year, share 0–1, not decreasing.
    package let adoption: [Double]

    package init(years: [Int], adoption: [Double]) {
        precondition(!years.isEmpty && years.count == adoption.count, "a plan needs one adoption value per milestone year")
        self.years = years
        self.adoption = adoption
    }

    /// Tᵢ: the planned adoption at the last milestone.
    package var target: Double { adoption[adoption.count - 1] }

    /// The last milestone year.
    package var lastYear: Int { years[years.count - 1] }
}
