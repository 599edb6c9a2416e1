/// The appraisals of a set of runs in a compact layout, filled run by run in run order: what
/// ``AppraisalSummary`` needs and no more. Per case, the present values by category are kept
/// as running compensated sums (the same sums, in the same order, as summing every run's
/// values), the NPV and the per-run benefit–cost ratio (runs with a cost) as one Float64 array
/// each, and the payback years as counts; across both cases, the nominal cumulative cost and
/// the PV of costs as Float64 arrays (for their quantiles).
///
/// Memory: 8 bytes per run for each of the two NPVs, the two ratio arrays (runs with a cost),
/// the nominal cost and the PV of costs: at most 48 bytes per run, against about 300 for an
/// array of ``RunAppraisal`` (its two cases, each with a benefit-line array).
package struct AppraisalColumns: Sendable, Equatable {
    /// One case (financial or economic) of every run added.
    package struct Case: Sendable, Equatable {
        /// Compensated running sums (sum, compensation) of cash-releasing savings, staff time
        /// reinvested, residual value, investment and run cost, in run order.
        var sums = [CompensatedSum](repeating: CompensatedSum(), count: 5)
        /// Compensated running sums of each benefit line; their number is the first run's.
        var lineSums: [CompensatedSum] = []
        /// The NPV of each run, in run order.
        package private(set) var npv: [Double] = []
        /// Benefits ÷ costs of each run with a cost (costs > 0), in run order.
        package private(set) var ratios: [Double] = []
        /// Runs paying back in each year 0 … period (index 0 unused).
        package private(set) var paybackCounts: [Int]
        /// Runs that never pay back within the period.
        package private(set) var paybackNever = 0

        init(period: Int) {
            paybackCounts = [Int](repeating: 0, count: period + 1)
        }

        mutating func add(_ v: RunAppraisal.CaseValues, first: Bool) {
            sums[0].add(v.cashReleasing)
            sums[1].add(v.staffTimeReinvested)
            sums[2].add(v.residualValue)
            sums[3].add(v.investment)
            sums[4].add(v.runCost)
            if first { lineSums = [CompensatedSum](repeating: CompensatedSum(), count: v.benefitLines.count) }
            for k in lineSums.indices { lineSums[k].add(v.benefitLines[k]) }
            npv.append(v.npv)
            if v.costs > 0 { ratios.append(v.benefits / v.costs) }
            if let y = v.paybackYear { paybackCounts[y] += 1 } else { paybackNever += 1 }
        }

        /// Reserves room for `runs` runs (ratios included: pages never written are not resident).
        mutating func reserve(_ runs: Int) {
            npv.reserveCapacity(runs)
            ratios.reserveCapacity(runs)
        }

        /// The compensated sums' totals: cash-releasing, staff time, residual, investment, run cost.
        var totals: [Double] { sums.map(\.total) }
        var lineTotals: [Double] { lineSums.map(\.total) }
    }

    package private(set) var count = 0
    package private(set) var financial: Case
    package private(set) var economic: Case
    /// Investment plus run cost summed over the simulated years (nominal), each run in run order.
    package private(set) var cumulativeCostNominal: [Double] = []
    /// PV of the financial case's costs, each run in run order.
    package private(set) var pvCosts: [Double] = []

    /// Empty columns for appraisals over a period of `period` years.
    package init(period: Int) {
        financial = Case(period: period)
        economic = Case(period: period)
    }

    /// Columns of `runs` (in run order).
    package init(_ runs: [RunAppraisal], period: Int) {
        self.init(period: period)
        reserve(runs.count)
        for r in runs { add(r) }
    }

    /// Reserves room for `runs` runs in every per-run array.
    package mutating func reserve(_ runs: Int) {
        financial.reserve(runs)
        economic.reserve(runs)
        cumulativeCostNominal.reserveCapacity(runs)
        pvCosts.reserveCapacity(runs)
    }

    /// Adds the next run.
    package mutating func add(_ r: RunAppraisal) {
        financial.add(r.financial, first: count == 0)
        economic.add(r.economic, first: count == 0)
        cumulativeCostNominal.append(r.cumulativeCostNominal)
        pvCosts.append(r.financial.costs)
        count += 1
    }
}

/// A running sum with a compensation term (Neumaier's variant of Kahan summation): `total` is
/// the same as ``AppraisalSummary``'s means have always summed, value by value in order.
struct CompensatedSum: Sendable, Equatable {
    var sum = 0.0, compensation = 0.0

    mutating func add(_ x: Double) {
        let t = sum + x
        compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
        sum = t
    }

    var total: Double { sum + compensation }
}
