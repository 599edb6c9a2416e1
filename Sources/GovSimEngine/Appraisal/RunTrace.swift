/// One deterministic run at central values with every intermediate quantity per year, for
/// `govsim trace` (`trace.csv`): a reviewer can rebuild the numbers in a spreadsheet.
///
/// Central values: every uncertain input at its mean, delivery at its mean (full-delivery
/// probability × 1 + the rest × the mean shortfall delivery), the effect switch at its mean (the
/// uplift times 1 − `effects.no_effect_probability`), and no yearly shocks (their SDs 0).
/// Only a single organisation can be traced.
package struct RunTrace: Sendable {
    package let scenario: Scenario
    /// Years 0 … horizon.
    package let years: [RunModel.YearTrace]
    package let settings: AppraisalSettings

    package init(scenario: Scenario) {
        precondition(scenario.portfolio == nil, "trace follows one organisation")
        let central = RunTrace.centralScenario(scenario)
        self.scenario = central
        settings = central.appraisal
        let sampler = InputSampler(scenario: central)
        let parameters = ModelParameters(layout: sampler.layout, values: sampler.values(run: 0))
        var trajectory = RunTrajectory(horizon: central.horizon)
        var years: [RunModel.YearTrace] = []
        RunModel.simulate(parameters, shocks: YearlyShocks(stream: RandomStream(seed: central.seed, run: 0)), into: &trajectory) {
            years.append($0)
        }
        self.years = years
    }

    /// `scenario` with every parameter at its mean, delivery at its mean and the shock SDs 0.
    package static func centralScenario(_ scenario: Scenario) -> Scenario {
        var s = scenario
        let full = s["programme_risk.full_delivery_probability"].mean
        let delivery = full + (1 - full) * s["programme_risk.shortfall_delivery"].mean
        for (path, d) in s.parameters { s.parameters[path] = .fixed(d.mean) }
        for path in ["baseline.demand_shock_sd", "baseline.productivity_shock_sd", "baseline.spending_noise_sd", "satisfaction.noise_sd"]
        where s.parameters[path] != nil { s.parameters[path] = .fixed(0) }
        s.parameters["programme_risk.full_delivery_probability"] = .fixed(0)
        s.parameters["programme_risk.shortfall_delivery"] = .fixed(delivery)
        // The effect switch at its mean: U·(1 − p_none) with the switch always on.
        if let none = s.parameters["effects.no_effect_probability"]?.mean, let u = s.parameters["effects.full_adoption_uplift"]?.mean {
            s.parameters["effects.full_adoption_uplift"] = .fixed(u * (1 - none))
            s.parameters["effects.no_effect_probability"] = .fixed(0)
        }
        s.correlation = nil
        return s
    }

    /// The columns of `trace.csv`, in order.
    package static var header: [String] {
        ["year"] + PracticeKind.allCases.map { "adoption_\($0.rawValue)" } + PracticeKind.allCases.map { "maturity_\($0.rawValue)" }
            + [
                "phi", "j_curve", "uplift_ratio", "cost_scale", "labour_term", "price_index", "spending_counterfactual",
                "operating_spending", "investment", "run_cost", "spending", "net_savings", "cash_releasing_savings",
                "staff_time_reinvested", "gdp_deflator_index", "discount_factor", "pv_cash_releasing", "pv_staff_time_reinvested",
                "pv_investment", "pv_run_cost",
            ]
            + RunTrace.investmentLines.map { "investment_\($0)" }
    }

    /// The lines of the investment (``RunModel/YearTrace/programmeCosts``), nominal, in order:
    /// their sum is the `investment` column.
    package static let investmentLines = ["rollout", "build", "fixed_programme", "training", "double_running"]

    /// The columns of this trace's `trace.csv`: ``header`` then, per benefit line of the
    /// scenario, `benefit_line_<name>` (real base-year prices, undiscounted) and
    /// `pv_benefit_line_<name>` (a cash-releasing line's nominal saving B·P(t) deflated and
    /// discounted, as in the appraisal; `cash_releasing_savings` excludes those lines).
    package var columns: [String] {
        RunTrace.header + scenario.benefitLines.flatMap { ["benefit_line_\($0.name)", "pv_benefit_line_\($0.name)"] }
    }

    /// `trace.csv`: one row per simulated year (nominal money unless named pv_ or benefit_line_;
    /// `pv_*` are real base-year prices discounted to the base year, `benefit_line_*` real
    /// base-year prices). Years after the horizon are extended as in ``AppraisalSettings`` and not listed.
    package func table() -> CSVTable {
        var table = CSVTable(header: columns)
        let factors = settings.schedule.factors(through: max(scenario.horizon, 1))
        var deflator = 1.0
        for y in years {
            if y.year > 0 { deflator *= 1 + settings.gdpDeflator }
            // Operating cash-releasing savings; cash-releasing benefit lines are their own columns.
            let cash = y.spendingCounterfactual - y.spending + y.investment + y.runCost - y.cashReleasingLines
            let isCash = scenario.benefitLines.map(\.cashReleasing)
            let d = y.year <= settings.period ? factors[y.year] : 0
            let values: [Double] =
                y.adoption + y.maturity + [
                    y.phi, y.jCurve, y.ratio, y.costScale, y.labourTerm, y.price,
                    y.spendingCounterfactual, y.operating, y.investment, y.runCost, y.spending, y.netSavings, cash, y.staffTimeReinvested,
                    deflator, d, y.year == 0 ? 0 : cash / deflator * d, y.year == 0 ? 0 : y.staffTimeReinvested / deflator * d,
                    y.year == 0 ? 0 : y.investment / deflator * d, y.year == 0 ? 0 : y.runCost / deflator * d,
                ]
                + y.programmeCosts
                + y.benefitLines.enumerated().flatMap { k, b in [b, y.year == 0 ? 0 : (isCash[k] ? b * y.price / deflator : b) * d] }
            table.append([.integer(scenario.startYear + y.year)] + values.map(CSVTable.Cell.number))
        }
        return table
    }
}
