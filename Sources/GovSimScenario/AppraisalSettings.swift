import Foundation

/// The appraisal conventions of a scenario: how the yearly streams of one run are turned into
/// present values (see `docs/appraisal.md`).
///
/// Money is appraised in real base-year prices: a nominal amount of year t is divided by
/// (1 + `gdpDeflator`)^t, a general deflator separate from the organisation's own cost inflation
/// (`baseline.inflation`), so costs that rise faster than prices in general (the relative price
/// effect) count as rising in real terms.
///
/// The appraisal period P may exceed the simulation horizon H: each year H+1 … P repeats the
/// final simulated year's real values, benefits multiplied by (1 − `benefitDecay`)^(t − H), run
/// costs unchanged and no further investment. If P < H, years after P are ignored. At the end
/// of the period a residual value of `residualYears` further years of the final year's real net
/// benefit (financial and economic separately) is added, discounted as those years would be.
package struct AppraisalSettings: Sendable, Equatable {
    /// The discount schedule (real rates).
    package var schedule: DiscountSchedule
    /// Appraisal period: years after the base year that are appraised (≥ 1).
    package var period: Int
    /// Yearly decay of benefits after the simulation horizon (share 0–1).
    package var benefitDecay: Double
    /// General (GDP) deflator, per year.
    package var gdpDeflator: Double
    /// Further years of final-year net benefit valued as the residual value (≥ 0, may be fractional).
    package var residualYears: Double
    /// Per benefit line of the scenario (``BenefitLine``), in order: whether it is cash-releasing
    /// (valued as a nominal budget saving B(t)·P(t) deflated by the GDP deflator, in both cases)
    /// rather than a non-cash benefit (real B(t), economic case only). Missing entries are false.
    package var cashReleasingLines: [Bool] = []

    package init(
        schedule: DiscountSchedule = .greenBook, period: Int = 30, benefitDecay: Double = 0,
        gdpDeflator: Double = 0.02, residualYears: Double = 0
    ) {
        precondition(period >= 1, "an appraisal period of at least one year")
        self.schedule = schedule
        self.period = period
        self.benefitDecay = benefitDecay
        self.gdpDeflator = gdpDeflator
        self.residualYears = residualYears
    }

    /// Upper bound of the error of extending a benefit of `finalBenefit` (real, per year) flat from
    /// year `horizon` to the end of the period when the true benefit grows by at most `growth` a
    /// year in real terms after the horizon: Σ_{t=H+1…P} D(t)·B_H·((1 + g)^{t−H} − 1)
    /// (`docs/appraisal.md`, "Residual-value approximation bound"). Zero when P ≤ H.
    package func extensionBound(finalBenefit: Double, growth: Double, horizon: Int) -> Double {
        guard period > horizon else { return 0 }
        let factors = schedule.factors(through: period)
        var bound = 0.0
        for t in (horizon + 1)...period { bound += factors[t] * abs(finalBenefit) * (pow(1 + abs(growth), Double(t - horizon)) - 1) }
        return bound
    }
}
