/// The measures a budget planner reads for one run: net present value of net savings, cumulative
/// investment, payback year and benefit–cost ratio.
///
/// - NPV at real rate r: Σ_{t=1…H} N_real(t) / (1 + r)^t, with N_real the net savings in
///   base-year prices (`net_savings_real`). Linear in the yearly values, so the NPV of the mean
///   path equals the mean NPV (the reconciliation with `summary.csv`).
/// - Cumulative investment: Σ investment(t), nominal.
/// - Payback year: the first programme year whose cumulative net savings (nominal) are positive;
///   nil ("never") if none within the horizon.
/// - Benefit–cost ratio: PV of real operating savings (counterfactual spending minus operating
///   spending, i.e. net savings plus investment and run cost) ÷ PV of real investment and run
///   cost, at the headline rate; nil when the programme costs nothing.
package struct BudgetMeasures: Sendable, Equatable {
    /// NPV at each of the scenario's discount rates (headline first).
    package let npv: [Double]
    package let cumulativeInvestment: Double
    /// Index of the payback year (1 … horizon), or nil if the run never pays back.
    package let paybackYear: Int?
    package let benefitCostRatio: Double?
    /// The run's economic and financial case under the scenario's appraisal settings (nil if not asked for).
    package let appraisal: RunAppraisal?
    /// Final-year productivity gain over the counterfactual (%), for P(gain ≤ 0).
    package let finalProductivityGainPct: Double

    /// Measures from stored parts (a shard's ``ShardAggregate``).
    init(
        npv: [Double], cumulativeInvestment: Double, paybackYear: Int?, benefitCostRatio: Double?, appraisal: RunAppraisal?,
        finalProductivityGainPct: Double
    ) {
        self.npv = npv
        self.cumulativeInvestment = cumulativeInvestment
        self.paybackYear = paybackYear
        self.benefitCostRatio = benefitCostRatio
        self.appraisal = appraisal
        self.finalProductivityGainPct = finalProductivityGainPct
    }

    /// The measures of trajectory `t` at `discountRates` (the headline rate first), with its
    /// appraisal under `settings` when given. `appraisalFactors`, when given, must be
    /// `RunAppraisal.discountFactors(settings)`: simulations compute them once for all runs.
    package init(
        trajectory t: RunTrajectory, discountRates: [Double], appraisal settings: AppraisalSettings? = nil,
        appraisalFactors: [Double]? = nil
    ) {
        appraisal = settings.map { s in
            appraisalFactors.map { RunAppraisal(trajectory: t, settings: s, factors: $0) } ?? RunAppraisal(trajectory: t, settings: s)
        }
        finalProductivityGainPct = t.final(.productivityGainPct)
        var npv = [Double](repeating: 0, count: discountRates.count)
        var factors = [Double](repeating: 1, count: discountRates.count)
        var investment = 0.0, payback: Int? = nil, benefits = 0.0, costs = 0.0
        for year in 1..<t.years {
            for (i, r) in discountRates.enumerated() {
                factors[i] /= 1 + r
                npv[i] += t[.netSavingsReal, year] * factors[i]
            }
            investment += t[.investment, year]
            if payback == nil, t[.cumulativeNetSavings, year] > 0 { payback = year }
            // Real values: deflate with the run's own price index (spending ÷ real spending).
            let deflator = t[.spendingReal, year] > 0 ? t[.spending, year] / t[.spendingReal, year] : 1
            let cost = (t[.investment, year] + t[.runCost, year]) / deflator
            costs += cost * factors[0]
            benefits += (t[.netSavingsReal, year] + cost) * factors[0]
        }
        self.npv = npv
        cumulativeInvestment = investment
        paybackYear = payback
        benefitCostRatio = costs > 0 ? benefits / costs : nil
    }
}
