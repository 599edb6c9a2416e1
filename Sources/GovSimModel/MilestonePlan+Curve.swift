/// A milestone plan (``MilestonePlan``, scenario layer) as the model's progress curve.
extension MilestonePlan {
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
