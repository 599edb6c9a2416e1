/// The budget measures (``BudgetMeasures``) of a set of runs in a compact layout, filled run by
/// run in run order: one Float64 array per measure that needs every run (the NPV at each
/// discount rate, cumulative investment, the benefit–cost ratio of the runs with a cost), the
/// payback years as counts, and the appraisals as ``AppraisalColumns``.
///
/// Memory: 8 bytes per run for each discount rate, the cumulative investment and the ratio,
/// plus at most 48 for the appraisal: about 80 bytes per run with three rates, against about
/// 450 for an array of ``BudgetMeasures`` (each with its NPV array and its appraisal's arrays).
/// `compare` keeps one per variant, because its paired differences, P(best) and EVPI need the
/// values of the same run in every variant.
package struct BudgetColumns: Sendable, Equatable {
    package private(set) var count = 0
    /// The NPV of each run at each discount rate: `npv[i][run]`, headline rate first.
    package private(set) var npv: [[Double]]
    /// Cumulative investment of each run (nominal).
    package private(set) var cumulativeInvestment: [Double] = []
    /// The benefit–cost ratio of each run that has one (a run whose programme costs nothing has
    /// none), in run order.
    package private(set) var benefitCostRatios: [Double] = []
    /// Runs paying back in each year index 0 … horizon (index 0 unused).
    package private(set) var paybackCounts: [Int]
    /// Runs that never pay back within the horizon.
    package private(set) var paybackNever = 0
    /// Runs whose final-year productivity gain is not positive (≤ 0).
    package private(set) var noGainCount = 0
    /// The runs' appraisals (economic and financial case).
    package private(set) var appraisal: AppraisalColumns

    /// Empty columns for `rates` discount rates, a horizon of `horizon` years and an appraisal
    /// period of `period` years; `reserving` runs of room.
    package init(rates: Int, horizon: Int, period: Int, reserving runs: Int = 0) {
        npv = (0..<rates).map { _ in
            var column: [Double] = []
            column.reserveCapacity(runs)
            return column
        }
        cumulativeInvestment.reserveCapacity(runs)
        benefitCostRatios.reserveCapacity(runs)
        paybackCounts = [Int](repeating: 0, count: horizon + 1)
        appraisal = AppraisalColumns(period: period)
        appraisal.reserve(runs)
    }

    /// Empty columns for the runs of `scenario`.
    package init(scenario: Scenario, reserving runs: Int = 0) {
        self.init(rates: scenario.discountRates.count, horizon: scenario.horizon, period: scenario.appraisal.period, reserving: runs)
    }

    /// Adds the next run's measures (their NPVs have one value per rate of these columns; a run
    /// without an appraisal adds none to ``appraisal``).
    package mutating func add(_ b: BudgetMeasures) {
        for i in npv.indices { npv[i].append(b.npv[i]) }
        cumulativeInvestment.append(b.cumulativeInvestment)
        if let r = b.benefitCostRatio { benefitCostRatios.append(r) }
        if let y = b.paybackYear { paybackCounts[y] += 1 } else { paybackNever += 1 }
        if b.finalProductivityGainPct <= 0 { noGainCount += 1 }
        if let a = b.appraisal { appraisal.add(a) }
        count += 1
    }

    /// Adds the next runs' measures, in order.
    package mutating func add<C: Sequence>(contentsOf runs: C) where C.Element == BudgetMeasures {
        for b in runs { add(b) }
    }
}
