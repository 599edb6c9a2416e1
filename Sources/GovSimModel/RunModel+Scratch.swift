extension RunModel {
    /// The per-run working arrays of ``RunModel/simulate(_:shocks:into:scratch:trace:)``, kept by a
    /// worker and passed to every run it simulates, so that a run allocates nothing once the
    /// arrays have their sizes (they are resized, never shrunk, when a run needs other sizes).
    ///
    /// A scratch holds no result: every entry is overwritten before it is read, so a run's
    /// outputs do not depend on the runs simulated with the same scratch before it.
    package struct Scratch: Sendable {
        /// wᵢ, the normalised weights, in ``PracticeKind/allCases`` order.
        var weights: [Double] = []
        /// sᵢ, each practice's start adoption.
        var starts: [Double] = []
        /// aᵢ(t) and pᵢ(t) by practice, then year (``adoptionPaths(_:years:into:planned:)``).
        var adoption: [[Double]] = []
        var planned: [[Double]] = []
        /// Mᵢ(t) of the current year.
        var maturity: [Double] = []

        package init() {}

        /// Sizes the arrays for `practices` practices and `years` years (no allocation when they
        /// already have these sizes).
        mutating func prepare(practices: Int, years: Int) {
            if adoption.count != practices || adoption.first?.count != years {
                adoption = [[Double]](repeating: [Double](repeating: 0, count: years), count: practices)
                planned = adoption
            }
            if maturity.count != practices { maturity = [Double](repeating: 0, count: practices) }
        }
    }
}
