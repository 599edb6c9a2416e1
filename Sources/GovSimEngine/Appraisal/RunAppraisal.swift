import Foundation

/// The present values of one run's costs and benefits in the two cases of an appraisal, in real
/// base-year prices discounted to the base year (``AppraisalSettings``, `docs/appraisal.md`).
///
/// - Financial (Exchequer) case: benefits are the cash-releasing operating savings
///   (counterfactual spending minus operating spending: the captured share of the productivity
///   gain, net of any J-curve loss) and the cash-releasing benefit lines (``BenefitLine``,
///   `cash_releasing: true`: channel shift, failure demand, legacy, … as nominal savings B·P(t)
///   deflated); costs are investment and run cost.
/// - Economic (social value) case: the financial case plus the non-cash-releasing benefit of staff
///   time freed but reinvested in service quality, valued at its cost (``Metric/staffTimeReinvested``),
///   and the scenario's benefit lines (``BenefitLine``: real base-year values, extended beyond
///   the horizon and into the residual value like the other benefits).
///
/// NPV = PV benefits − PV costs in each case (the economic NPV is the net present social value).
/// The payback year is the first year whose cumulative discounted net benefit is positive.
package struct RunAppraisal: Sendable, Equatable {
    /// Present values of one case by category (currency, real base-year prices, discounted).
    package struct CaseValues: Sendable, Equatable {
        /// Cash-releasing operating savings.
        package var cashReleasing = 0.0
        /// Staff time reinvested in service quality, valued at cost (0 in the financial case).
        package var staffTimeReinvested = 0.0
        /// PV of each benefit line, in the scenario's order (in the financial case only the
        /// cash-releasing lines; the others are 0 there).
        package var benefitLines: [Double] = []
        /// Residual value at the end of the appraisal period.
        package var residualValue = 0.0
        /// Investment (cost overrun included).
        package var investment = 0.0
        /// Run cost of the practices.
        package var runCost = 0.0
        /// First year (1 … period) whose cumulative discounted net benefit is positive; nil if none.
        package var paybackYear: Int?
        /// Real, undiscounted benefit of the last simulated year within the period (the level
        /// that is extended beyond the horizon).
        package var finalBenefit = 0.0

        package init() {}

        package var benefits: Double { cashReleasing + staffTimeReinvested + benefitLineTotal + residualValue }
        /// PV of all benefit lines.
        package var benefitLineTotal: Double { benefitLines.reduce(0, +) }
        package var costs: Double { investment + runCost }
        /// Net present value (net present social value in the economic case).
        package var npv: Double { benefits - costs }
    }

    package var financial: CaseValues
    package var economic: CaseValues
    /// Investment plus run cost summed over the simulated years within the period (nominal,
    /// undiscounted): the cash a budget must find, for contingency quantiles.
    package var cumulativeCostNominal = 0.0

    /// An appraisal from given present values (for tests and merged results).
    package init(financial: CaseValues, economic: CaseValues) {
        self.financial = financial
        self.economic = economic
    }

    /// The discount factors D(0) … D(period + ⌈residual years⌉) an appraisal under `settings`
    /// uses: the same for every run, so simulations compute them once
    /// (``init(trajectory:settings:factors:)``).
    package static func discountFactors(_ settings: AppraisalSettings) -> [Double] {
        settings.schedule.factors(through: lastDiscountedYear(settings))
    }

    /// The last year an appraisal under `settings` discounts: the period's end plus the residual
    /// value's years, rounded up.
    static func lastDiscountedYear(_ settings: AppraisalSettings) -> Int {
        settings.period + Int(settings.residualYears.rounded(.up))
    }

    /// Appraises `t` (a run or a plan total) under `settings`.
    package init(trajectory t: RunTrajectory, settings: AppraisalSettings) {
        self.init(trajectory: t, settings: settings, factors: Self.discountFactors(settings))
    }

    /// Appraises `t` under `settings`, whose ``discountFactors(_:)`` are `factors`.
    package init(trajectory t: RunTrajectory, settings: AppraisalSettings, factors: [Double]) {
        let horizon = t.years - 1
        let period = settings.period
        precondition(factors.count == Self.lastDiscountedYear(settings) + 1, "RunAppraisal: discount factors of other settings")
        var fin = CaseValues(), eco = CaseValues()
        var cumFin = 0.0, cumEco = 0.0
        var deflator = 1.0
        let growth = 1 + settings.gdpDeflator
        // Final simulated year's real values, extended beyond the horizon.
        var cash = 0.0, reinvested = 0.0, run = 0.0
        let lineCount = t.benefitLineCount
        var lines = [Double](repeating: 0, count: lineCount)
        eco.benefitLines = lines
        fin.benefitLines = lines
        let isCash = (0..<lineCount).map { $0 < settings.cashReleasingLines.count && settings.cashReleasingLines[$0] }
        var decay = 1.0
        for year in 1...period {
            var investment = 0.0
            if year <= horizon {
                cumulativeCostNominal += t[.investment, year] + t[.runCost, year]
                deflator *= growth
                investment = t[.investment, year] / deflator
                run = t[.runCost, year] / deflator
                cash = (t[.spendingCounterfactual, year] - t[.spending, year] + t[.investment, year] + t[.runCost, year]) / deflator
                reinvested = t[.staffTimeReinvested, year] / deflator
                // A cash-releasing line is the nominal saving B·P(t) (P = spending ÷ real spending,
                // the run's own price index) deflated like the rest of the cash, and taken out of
                // the operating savings so that it is counted once, under its own name.
                let price = t[.spendingReal, year] > 0 ? t[.spending, year] / t[.spendingReal, year] : 1
                for k in 0..<lineCount {
                    let b = t.benefitLine(k, year: year)
                    lines[k] = isCash[k] ? b * price / deflator : b
                    if isCash[k] { cash -= lines[k] }
                }
            } else {
                decay *= 1 - settings.benefitDecay
            }
            let d = factors[year]
            let c = cash * decay * d, r = reinvested * decay * d
            fin.cashReleasing += c
            eco.cashReleasing += c
            eco.staffTimeReinvested += r
            var lineSum = 0.0, cashLineSum = 0.0
            for k in 0..<lineCount {
                let b = lines[k] * decay * d
                eco.benefitLines[k] += b
                lineSum += b
                if isCash[k] {
                    fin.benefitLines[k] += b
                    cashLineSum += b
                }
            }
            fin.investment += investment * d
            eco.investment += investment * d
            fin.runCost += run * d
            eco.runCost += run * d
            cumFin += c + cashLineSum - (investment + run) * d
            cumEco += c + r + lineSum - (investment + run) * d
            if fin.paybackYear == nil, cumFin > 0 { fin.paybackYear = year }
            if eco.paybackYear == nil, cumEco > 0 { eco.paybackYear = year }
        }
        let finalCashLines = (0..<lineCount).reduce(0) { isCash[$1] ? $0 + lines[$1] : $0 }
        fin.finalBenefit = cash + finalCashLines
        let finalLines = lines.reduce(0, +)
        eco.finalBenefit = cash + reinvested + finalLines
        // Residual value: further years of year P's net benefit, benefits decaying as after the horizon.
        // A fractional last year counts with its fraction.
        var remaining = settings.residualYears
        var k = 1
        var residualDecay = decay
        while remaining > 0 {
            let weight = min(1, remaining)
            residualDecay *= 1 - settings.benefitDecay
            let d = factors[period + k] * weight
            fin.residualValue += ((cash + finalCashLines) * residualDecay - run) * d
            eco.residualValue += ((cash + reinvested + finalLines) * residualDecay - run) * d
            remaining -= 1
            k += 1
        }
        financial = fin
        economic = eco
    }
}
