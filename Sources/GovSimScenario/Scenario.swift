/// How the uncertain inputs of the runs are sampled (yearly shocks are always pseudo-random).
package enum SamplingKind: String, Sendable, CaseIterable {
    /// Independent pseudo-random draws per run.
    case random
    /// Latin hypercube, stratified within each block of 1,024 runs.
    case lhs
    /// Scrambled Sobol' sequence (Joe–Kuo direction numbers), point index = run index.
    case sobol
}

/// A validated scenario: what to simulate, for how long, how often, and every model parameter
/// as a fixed value or a probability distribution.
///
/// Scenarios come from YAML files (``ScenarioLoader``) or from code; the numeric parameters live
/// in ``parameters`` keyed by the dotted paths of ``ParameterCatalog``, with defaults filled in.
package struct Scenario: Sendable, Equatable {
    /// Schema version; only 1 exists.
    package var version: Int = 1
    /// Short name, used for the default output folder (`outputs/<name>`).
    package var name: String
    /// Free text describing the scenario.
    package var description: String = ""
    /// Calendar year of the base year (year 0, before the programme).
    package var startYear: Int = 2025
    /// Number of programme years simulated after the base year.
    package var horizon: Int = 15
    /// Number of Monte Carlo runs.
    package var runs: Int = 10_000
    /// Seed of every random draw.
    package var seed: UInt64 = 1
    /// Label of the currency unit of all money amounts, e.g. "GBP million".
    package var currency: String = "GBP million"
    /// Adoption-curve kind of each practice.
    package var curves: [PracticeKind: AdoptionCurveKind] = ParameterCatalog.defaultCurves
    /// The milestone plan of each practice whose curve is `.plan` (``MilestonePlan``).
    package var plans: [PracticeKind: MilestonePlan] = [:]
    /// Planned build investment by calendar year, currency in base-year prices
    /// (`investment.profile`; plain numbers, cost overrun applies).
    package var buildProfile: [Int: Double] = [:]
    /// Planned programme duration in years (`investment.duration`); nil: derived, see
    /// ``effectiveProgrammeDuration``.
    package var programmeDuration: Int?
    /// Whether counterfactual spending follows a trend (`baseline.spending_trend`, or a spending
    /// history) rather than demand growth and inflation.
    package var spendingTrend: Bool = false
    /// Every numeric parameter in effect, keyed by its dotted path.
    package var parameters: [String: Distribution]
    /// Paths the scenario file set explicitly (the others hold defaults).
    package var explicitPaths: Set<String> = []
    /// The values of ``explicitPaths`` as the file wrote them, for the report
    /// (``writtenForm(of:)``).
    package var writtenForms: [String: WrittenDistribution] = [:]
    /// Historical series to fit, read by ``ScenarioDataResolver`` before the scenario is used.
    package var histories: [HistoryReference] = []
    /// Effect priors to take from a regression's `coefficients.csv`.
    package var fitPrior: FitPriorReference?
    /// The trend fits made from ``histories`` (empty until resolved).
    package var baselineFits: [BaselineFit] = []
    /// Further discount rates (real, per year) at which NPVs are reported besides `budget.discount_rate`.
    package var sensitivityDiscountRates: [Double] = []
    /// Named plan variants: overrides of parameters, compared by `govsim compare`.
    package var variants: [Variant] = []
    /// The organisations of a portfolio (empty for a single organisation).
    package var portfolio: Portfolio?
    /// How the uncertain inputs are sampled.
    package var sampling: SamplingKind = .random
    /// Target rank correlations between uncertain inputs (induced by Iman–Conover).
    package var correlation: CorrelationMatrix?

    /// The discount schedule of the appraisal (`appraisal.discounting`); nil means the default:
    /// flat at `budget.discount_rate` if the file sets that rate, else the Green Book schedule.
    package var discounting: DiscountSchedule.Kind?
    /// Optional benefit lines of the economic case (`benefits:`), in file order; their factors
    /// are parameters `benefits.<name>.<factor>` (``BenefitLine``).
    package var benefitLines: [BenefitLine] = []

    /// The appraisal conventions in effect (``AppraisalSettings``).
    package var appraisal: AppraisalSettings {
        let rate = self["budget.discount_rate"].mean
        let kind = discounting ?? (explicitPaths.contains("budget.discount_rate") ? .flat : .greenBook)
        var settings = AppraisalSettings(
            schedule: kind == .flat ? .flat(rate) : .greenBook,
            period: Int(self["appraisal.period"].mean),
            benefitDecay: self["appraisal.benefit_decay"].mean,
            gdpDeflator: self["appraisal.gdp_deflator"].mean,
            residualYears: self["appraisal.residual_years"].mean)
        settings.cashReleasingLines = benefitLines.map(\.cashReleasing)
        return settings
    }

    /// The periods of yearly money tables (`appraisal.financial_year_start_month`).
    package var financialYears: FinancialYears {
        FinancialYears(startMonth: Int(self["appraisal.financial_year_start_month"].mean))
    }

    /// Every discount rate at which NPVs are reported, the headline rate first.
    package var discountRates: [Double] {
        [self["budget.discount_rate"].mean] + sensitivityDiscountRates
    }

    /// A scenario with every parameter at its default.
    package init(name: String) {
        self.name = name
        self.parameters = [:]
        fillDefaults()
    }

    /// The parameter specifications in effect for this scenario's curve kinds, in file order.
    package var specs: [ParameterSpec] {
        ParameterCatalog.specs(curves: curves, spendingTrend: spendingTrend) + benefitLines.flatMap(\.specs)
    }

    /// The distribution of the parameter at `path`. Traps on an unknown path (a programming error).
    package subscript(path: String) -> Distribution {
        get {
            guard let d = parameters[path] else { preconditionFailure("unknown scenario parameter \(path)") }
            return d
        }
        set { parameters[path] = newValue }
    }

    /// Adds the default of every parameter in effect that has no value, and removes values of
    /// parameters not in effect (for example logistic parameters of a Bass curve).
    package mutating func fillDefaults() {
        let specs = self.specs
        var filled: [String: Distribution] = [:]
        for spec in specs { filled[spec.path] = parameters[spec.path] ?? defaultValue(for: spec) }
        parameters = filled
    }

    /// This scenario with `overrides` applied (paths must be parameters in effect).
    package func applying(_ overrides: [String: Distribution]) -> Scenario {
        var s = self
        for (path, value) in overrides { s.parameters[path] = value }
        s.explicitPaths.formUnion(overrides.keys)
        return s
    }

    /// This scenario as `variant` defines it: its overrides applied, then each of its milestone
    /// plans in place of the practice's curve (``replacingPlan(of:with:)``).
    ///
    /// Organisations' own overrides are applied on top of a variant's (``Portfolio/Organisation``),
    /// except for a variant that ``Variant/switchesOffEveryOrganisation``: then each
    /// organisation's targets are its own start adoption and its build scale and fixed programme
    /// cost 0, whatever it overrides.
    package func applying(_ variant: Variant) -> Scenario {
        var s = applying(variant.overrides)
        for (kind, plan) in variant.plans.sorted(by: { $0.key < $1.key }) { s = s.replacingPlan(of: kind, with: plan) }
        if variant.switchesOffEveryOrganisation, var portfolio = s.portfolio {
            for o in portfolio.organisations.indices {
                var overrides = portfolio.organisations[o].overrides
                for kind in PracticeKind.allCases {
                    let start = "practices.\(kind.rawValue).start_adoption"
                    overrides["practices.\(kind.rawValue).target_adoption"] = overrides[start] ?? s[start]
                }
                overrides["investment.build_scale"] = .fixed(0)
                overrides["investment.fixed_per_year"] = .fixed(0)
                portfolio.organisations[o].overrides = overrides
            }
            s.portfolio = portfolio
        }
        return s
    }

    /// This scenario with practice `kind` following milestone plan `plan`: its curve becomes the
    /// plan, the parameters of its former curve (`practices.<kind>.curve.…`) are dropped, and its
    /// target adoption is the plan's last milestone (as for a plan written in the scenario).
    package func replacingPlan(of kind: PracticeKind, with plan: MilestonePlan) -> Scenario {
        var s = self
        let prefix = "practices.\(kind.rawValue).curve."
        s.curves[kind] = .plan
        s.plans[kind] = plan
        s.parameters = s.parameters.filter { !$0.key.hasPrefix(prefix) }
        s.explicitPaths = s.explicitPaths.filter { !$0.hasPrefix(prefix) }
        s.parameters["practices.\(kind.rawValue).target_adoption"] = .fixed(plan.target)
        s.explicitPaths.remove("practices.\(kind.rawValue).target_adoption")
        return s
    }

    /// The default of `spec`; with a milestone plan the target adoption is the last milestone's
    /// value; the full-adoption uplift defaults to the lognormal whose simulated
    /// leader-versus-peer gap matches the scenario's calibration interval
    /// (``ParameterCatalog/upliftMatching(low:high:coverage:leader:peer:)``).
    func defaultValue(for spec: ParameterSpec) -> Distribution {
        if let kind = PracticeKind.allCases.first(where: { spec.path == "practices.\($0.rawValue).target_adoption" }),
            curves[kind] == .plan, let plan = plans[kind]
        {
            return .fixed(plan.target)
        }
        guard spec.path == "effects.full_adoption_uplift" else { return spec.defaultValue }
        func given(_ path: String) -> Double? {
            parameters[path]?.mean ?? ParameterCatalog.general.first { $0.path == path }?.defaultValue.mean
        }
        guard let low = given("calibration.target_low"), let high = given("calibration.target_high"),
            let coverage = given("calibration.coverage"), let leader = given("effects.leader_adoption"),
            let peer = given("effects.peer_adoption"),
            let u = ParameterCatalog.upliftMatching(low: low, high: high, coverage: coverage, leader: leader, peer: peer)
        else { return spec.defaultValue }
        return u
    }
}
