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
public struct MilestonePlan: Sendable, Equatable, Hashable {
    /// Calendar years of the milestones, strictly increasing.
    public let years: [Int]
    /// Planned adoption at the end of each milestone year, share 0–1, not decreasing.
    public let adoption: [Double]

    public init(years: [Int], adoption: [Double]) {
        precondition(!years.isEmpty && years.count == adoption.count, "a plan needs one adoption value per milestone year")
        self.years = years
        self.adoption = adoption
    }

    /// Tᵢ: the planned adoption at the last milestone.
    public var target: Double { adoption[adoption.count - 1] }

    /// The last milestone year.
    public var lastYear: Int { years[years.count - 1] }

    /// The plan as a progress curve for a practice whose start adoption is `start`, with
    /// milestones placed at programme years relative to `startYear`.
    public func curve(start: Double, startYear: Int) -> AdoptionCurve.Milestones {
        let increase = target - start
        let offsets = years.map { Double($0 - startYear) }
        let progress = adoption.map { increase != 0 ? ($0 - start) / increase : 0 }
        return AdoptionCurve.Milestones(offsets: offsets, progress: progress)
    }
}

extension AdoptionCurve {
    /// A milestone plan in progress terms: P(τ) linear from (0, 0) through (τₖ, pₖ), flat at the
    /// last pₖ after the last milestone (``MilestonePlan``).
    public struct Milestones: Sendable, Equatable {
        /// τₖ: programme years of the milestones (calendar year − start year), increasing, ≥ 1.
        public let offsets: [Double]
        /// pₖ = (vₖ − s)/(T − s): the share of the planned increase reached at each milestone
        /// (the last is 1, or 0 when the plan adds nothing).
        public let progress: [Double]

        public init(offsets: [Double], progress: [Double]) {
            self.offsets = offsets
            self.progress = progress
        }

        /// P(τ): 0 for τ ≤ 0, linear interpolation between (0, 0) and the milestones, the last
        /// milestone's progress after it.
        @inlinable
        public func progress(_ tau: Double) -> Double {
            guard tau > 0 else { return 0 }
            var previousTau = 0.0, previous = 0.0
            for k in 0..<offsets.count {
                let x = offsets[k], y = progress[k]
                if tau <= x {
                    return x > previousTau ? previous + (y - previous) * (tau - previousTau) / (x - previousTau) : y
                }
                previousTau = x
                previous = y
            }
            return previous
        }
    }
}
