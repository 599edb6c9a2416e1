import Foundation

/// The appraisal of a set of runs: per case, the expected present values by category, the
/// expected NPV (= expected PV benefits − expected PV costs), the benefit–cost ratio of the
/// expected PVs (the Green Book BCR), the per-run ratios beside it, P(NPV > 0) and the payback
/// distribution. Sums run in run order, so the result does not depend on the thread count.
package struct AppraisalSummary: Sendable, Equatable {
    /// One case over the runs.
    package struct CaseSummary: Sendable, Equatable {
        /// Mean PV of cash-releasing savings, staff time reinvested, residual value, investment, run cost.
        package let cashReleasing, staffTimeReinvested, residualValue, investment, runCost: Double
        /// Mean PV of each benefit line (``BenefitLine``), in the scenario's order; empty in the financial case.
        package let benefitLines: [Double]
        package var benefits: Double { cashReleasing + staffTimeReinvested + benefitLines.reduce(0, +) + residualValue }
        package var costs: Double { investment + runCost }
        /// Expected NPV: expected PV benefits − expected PV costs.
        package var npv: Double { benefits - costs }
        /// Distribution of the per-run NPVs (for its SD, quantiles and Monte Carlo standard error).
        package let npvDistribution: QuantileSummary
        /// Share of runs with NPV > 0.
        package let probabilityPositive: Double
        /// Ratio of the expected PV of benefits to the expected PV of costs; nil if costs are 0.
        package let benefitCostRatio: Double?
        /// Per-run benefit–cost ratios (runs with a cost), for their spread; not the BCR.
        package let perRunRatios: QuantileSummary?
        /// Share of runs paying back in each year 1 … period (index 0 unused).
        package let paybackShares: [Double]
        /// Share of runs that never pay back within the appraisal period.
        package let paybackNever: Double
        /// Median payback year (nil if at least half the runs never pay back).
        package let paybackMedian: Int?
        /// The NPV's cumulative distribution (the S-curve): its quantiles at
        /// ``AppraisalSummary/curveProbabilities`` (1%, every 2.5% from 2.5% to 97.5%, 99%).
        package let npvCurve: [Double]

        init(_ values: [RunAppraisal.CaseValues], period: Int) {
            var columns = AppraisalColumns.Case(period: period)
            columns.reserve(values.count)
            for (i, v) in values.enumerated() { columns.add(v, first: i == 0) }
            self.init(columns, count: values.count)
        }

        /// The summary of `count` runs' case values gathered in `columns`.
        init(_ columns: AppraisalColumns.Case, count: Int) {
            let n = Double(max(1, count))
            let totals = columns.totals
            cashReleasing = totals[0] / n
            staffTimeReinvested = totals[1] / n
            residualValue = totals[2] / n
            benefitLines = columns.lineTotals.map { $0 / n }
            investment = totals[3] / n
            runCost = totals[4] / n
            let npvs = columns.npv
            // One copy of the NPVs serves the summary and the S-curve (selection, no sort).
            var values = npvs.isEmpty ? [0] : npvs
            var moments = MomentAccumulator()
            for x in values { moments.add(x) }
            npvDistribution = QuantileSummary(selecting: &values, moments: moments)
            npvCurve = QuantileSummary.quantiles(selecting: &values, at: AppraisalSummary.curveProbabilities)
            var positive = 0
            for x in npvs where x > 0 { positive += 1 }
            probabilityPositive = Double(positive) / n
            let costs = investment + runCost
            benefitCostRatio = costs > 0 ? (cashReleasing + staffTimeReinvested + benefitLines.reduce(0, +) + residualValue) / costs : nil
            perRunRatios = columns.ratios.isEmpty ? nil : QuantileSummary(columns.ratios)
            let counts = columns.paybackCounts
            paybackShares = counts.map { Double($0) / n }
            paybackNever = Double(columns.paybackNever) / n
            var cumulative = 0, median: Int? = nil
            for y in 1..<counts.count {
                cumulative += counts[y]
                if 2 * cumulative >= count, count > 0 { median = y; break }
            }
            paybackMedian = median
        }
    }

    package let financial: CaseSummary
    package let economic: CaseSummary
    package let settings: AppraisalSettings
    /// P50, P80 and P90 over runs of the nominal cost (investment + run cost) summed over the
    /// simulated years, and of the PV of costs: the contingency figures budget planners quote.
    package let cumulativeCostQuantiles: [Double]
    package let pvCostQuantiles: [Double]
    /// The probabilities of ``cumulativeCostQuantiles`` and ``pvCostQuantiles``.
    package static let costProbabilities = [0.5, 0.8, 0.9]
    /// The probabilities of ``CaseSummary/npvCurve``: 0.01, 0.025, 0.05, …, 0.975, 0.99. The
    /// extremes are left out: a few runs with a large overrun would stretch the axis of the S-curve
    /// several times beyond the body of the distribution.
    package static let curveProbabilities: [Double] = {
        let fortieths: [Double] = (1...39).map { (k: Int) -> Double in Double(k) / 40 }
        return [0.01] + fortieths + [0.99]
    }()

    /// Summarises the appraisals of the runs (in run order).
    package init(_ runs: [RunAppraisal], settings: AppraisalSettings) {
        self.init(AppraisalColumns(runs, period: settings.period), settings: settings)
    }

    /// Summarises the appraisals gathered in `columns` (in run order).
    package init(_ columns: AppraisalColumns, settings: AppraisalSettings) {
        self.settings = settings
        financial = CaseSummary(columns.financial, count: columns.count)
        economic = CaseSummary(columns.economic, count: columns.count)
        func quantiles(_ values: [Double]) -> [Double] {
            var copy = values
            return copy.isEmpty ? [0, 0, 0] : QuantileSummary.quantiles(selecting: &copy, at: AppraisalSummary.costProbabilities)
        }
        cumulativeCostQuantiles = quantiles(columns.cumulativeCostNominal)
        pvCostQuantiles = quantiles(columns.pvCosts)
    }
}
