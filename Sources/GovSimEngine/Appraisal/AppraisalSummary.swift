import Foundation

/// The appraisal of a set of runs: per case, the expected present values by category, the
/// expected NPV (= expected PV benefits − expected PV costs), the benefit–cost ratio of the
/// expected PVs (the Green Book BCR), the per-run ratios beside it, P(NPV > 0) and the payback
/// distribution. Sums run in run order, so the result does not depend on the thread count.
public struct AppraisalSummary: Sendable, Equatable {
    /// One case over the runs.
    public struct CaseSummary: Sendable, Equatable {
        /// Mean PV of cash-releasing savings, staff time reinvested, residual value, investment, run cost.
        public let cashReleasing, staffTimeReinvested, residualValue, investment, runCost: Double
        /// Mean PV of each benefit line (``BenefitLine``), in the scenario's order; empty in the financial case.
        public let benefitLines: [Double]
        public var benefits: Double { cashReleasing + staffTimeReinvested + benefitLines.reduce(0, +) + residualValue }
        public var costs: Double { investment + runCost }
        /// Expected NPV: expected PV benefits − expected PV costs.
        public var npv: Double { benefits - costs }
        /// Distribution of the per-run NPVs (for its SD, quantiles and Monte Carlo standard error).
        public let npvDistribution: QuantileSummary
        /// Share of runs with NPV > 0.
        public let probabilityPositive: Double
        /// Ratio of the expected PV of benefits to the expected PV of costs; nil if costs are 0.
        public let benefitCostRatio: Double?
        /// Per-run benefit–cost ratios (runs with a cost), for their spread; not the BCR.
        public let perRunRatios: QuantileSummary?
        /// Share of runs paying back in each year 1 … period (index 0 unused).
        public let paybackShares: [Double]
        /// Share of runs that never pay back within the appraisal period.
        public let paybackNever: Double
        /// Median payback year (nil if at least half the runs never pay back).
        public let paybackMedian: Int?
        /// The NPV's cumulative distribution (the S-curve): its quantiles at
        /// ``AppraisalSummary/curveProbabilities`` (1%, every 2.5% from 2.5% to 97.5%, 99%).
        public let npvCurve: [Double]

        init(_ values: [RunAppraisal.CaseValues], period: Int) {
            let n = Double(max(1, values.count))
            func mean(_ key: KeyPath<RunAppraisal.CaseValues, Double>) -> Double { mean { $0[keyPath: key] } }
            func mean(_ value: (RunAppraisal.CaseValues) -> Double) -> Double {
                var sum = 0.0, compensation = 0.0
                for v in values {
                    let x = value(v)
                    let t = sum + x
                    compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
                    sum = t
                }
                return (sum + compensation) / n
            }
            cashReleasing = mean(\.cashReleasing)
            staffTimeReinvested = mean(\.staffTimeReinvested)
            residualValue = mean(\.residualValue)
            let lineCount = values.first?.benefitLines.count ?? 0
            benefitLines = (0..<lineCount).map { k in mean { $0.benefitLines[k] } }
            investment = mean(\.investment)
            runCost = mean(\.runCost)
            let npvs = values.map(\.npv)
            npvDistribution = QuantileSummary(npvs.isEmpty ? [0] : npvs)
            let sortedNPVs = (npvs.isEmpty ? [0] : npvs).sorted()
            npvCurve = AppraisalSummary.curveProbabilities.map { QuantileSummary.quantile(sorted: sortedNPVs, p: $0) }
            probabilityPositive = Double(npvs.filter { $0 > 0 }.count) / n
            let costs = investment + runCost
            benefitCostRatio = costs > 0 ? (cashReleasing + staffTimeReinvested + benefitLines.reduce(0, +) + residualValue) / costs : nil
            let ratios = values.compactMap { $0.costs > 0 ? $0.benefits / $0.costs : nil }
            perRunRatios = ratios.isEmpty ? nil : QuantileSummary(ratios)
            var counts = [Int](repeating: 0, count: period + 1)
            var never = 0
            for v in values { if let y = v.paybackYear { counts[y] += 1 } else { never += 1 } }
            paybackShares = counts.map { Double($0) / n }
            paybackNever = Double(never) / n
            var cumulative = 0, median: Int? = nil
            for y in 1..<counts.count {
                cumulative += counts[y]
                if 2 * cumulative >= values.count, values.count > 0 { median = y; break }
            }
            paybackMedian = median
        }
    }

    public let financial: CaseSummary
    public let economic: CaseSummary
    public let settings: AppraisalSettings
    /// P50, P80 and P90 over runs of the nominal cost (investment + run cost) summed over the
    /// simulated years, and of the PV of costs: the contingency figures budget planners quote.
    public let cumulativeCostQuantiles: [Double]
    public let pvCostQuantiles: [Double]
    /// The probabilities of ``cumulativeCostQuantiles`` and ``pvCostQuantiles``.
    public static let costProbabilities = [0.5, 0.8, 0.9]
    /// The probabilities of ``CaseSummary/npvCurve``: 0.01, 0.025, 0.05, …, 0.975, 0.99. The
    /// extremes are left out: a few runs with a large overrun would stretch the axis of the S-curve
    /// several times beyond the body of the distribution.
    public static let curveProbabilities: [Double] = [0.01] + (1...39).map { Double($0) / 40 } + [0.99]

    /// Summarises the appraisals of the runs (in run order).
    public init(_ runs: [RunAppraisal], settings: AppraisalSettings) {
        self.settings = settings
        financial = CaseSummary(runs.map(\.financial), period: settings.period)
        economic = CaseSummary(runs.map(\.economic), period: settings.period)
        func quantiles(_ values: [Double]) -> [Double] {
            let sorted = values.sorted()
            return sorted.isEmpty ? [0, 0, 0] : AppraisalSummary.costProbabilities.map { QuantileSummary.quantile(sorted: sorted, p: $0) }
        }
        cumulativeCostQuantiles = quantiles(runs.map(\.cumulativeCostNominal))
        pvCostQuantiles = quantiles(runs.map(\.financial.costs))
    }
}
