/// The parameter values of one run, sampled from a scenario: a plain value that, with a random
/// stream for the yearly shocks, fully determines the run.
///
/// Each field names the ``ParameterCatalog`` path it is read from (through ``ModelInput`` and
/// ``PracticeInput``, see ``init(layout:values:)``) and the symbol of `docs/model.md`. Money is
/// in the scenario's currency, base-year prices; rates are per year; shares are fractions.
package struct ModelParameters: Sendable, Equatable {
    /// The parameters of one practice (`practices.<kind>.…`).
    package struct Practice: Sendable, Equatable {
        /// sᵢ: adoption in the base year, share 0–1 (`practices.<kind>.start_adoption`).
        package var start: Double
        /// Tᵢ: planned adoption at the end of the programme, share 0–1
        /// (`practices.<kind>.target_adoption`).
        package var target: Double
        /// Pᵢ: planned progress curve (`practices.<kind>.curve`, with its coefficients).
        package var curve: AdoptionCurve
        /// Iᵢ: cost of taking the whole organisation from no to full adoption, currency in
        /// base-year prices (`practices.<kind>.investment`).
        package var investment: Double
        /// Rᵢ: recurring cost at full adoption, currency per year in base-year prices
        /// (`practices.<kind>.run_cost`).
        package var runCost: Double
        /// wᵢ before normalisation: share of the separable uplift, normalised over all practices
        /// by the model (`effects.weights.<kind>`).
        package var weight: Double
    }

    /// H: programme years simulated after the base year (`horizon`, not sampled).
    package var horizon: Int
    /// S₀: spending in the base year, currency per year (`baseline.spending`).
    package var spending: Double
    /// ℓ: share of spending that is labour cost, 0–1 (`baseline.labour_share`).
    package var labourShare: Double
    /// g_D: real demand growth per year (`baseline.demand_growth`); in spending-trend mode g_S,
    /// the log growth of nominal spending (`baseline.spending_trend`).
    package var demandGrowth: Double
    /// σ_D: SD of yearly demand surprises, log scale (`baseline.demand_shock_sd`); in
    /// spending-trend mode σ_S, of deviations from the spending trend (`baseline.spending_noise_sd`).
    package var demandShockSD: Double
    /// Whether counterfactual spending follows a fitted or given trend instead of demand × prices
    /// (a spending history or `baseline.spending_trend` in the scenario).
    package var spendingTrendMode: Bool
    /// π: inflation of the organisation's costs per year (`baseline.inflation`).
    package var inflation: Double
    /// g: baseline productivity growth per year without the programme (`baseline.productivity_trend`).
    package var productivityTrend: Double
    /// σ_Π: SD of yearly productivity shocks, log scale (`baseline.productivity_shock_sd`).
    package var productivityShockSD: Double
    /// s₀: citizen satisfaction in the base year, points 0–100 (`baseline.satisfaction`).
    package var satisfaction: Double
    /// τ: drift of counterfactual satisfaction, points per year (`baseline.satisfaction_trend`).
    package var satisfactionTrend: Double

    /// U: productivity uplift of full, matured adoption of every practice vs none, share
    /// (`effects.full_adoption_uplift`).
    package var uplift: Double
    /// c: share of the observed gap caused by the practices, 0–1 (`effects.causal_share`).
    package var causalShare: Double
    /// κ: share of the full uplift that needs all practices together, 0–1 (`effects.complementarity`).
    package var complementarity: Double
    /// L: years from adoption to full benefit (`effects.realisation_lag`).
    package var realisationLag: Double
    /// j: productivity lost per unit of adopted but unmatured practice (`effects.j_curve_depth`).
    package var jCurveDepth: Double
    /// e: 1 if the practices raise productivity at all in this run, 0 ("adopted but no productivity
    /// effect") with probability `effects.no_effect_probability` (`effects.effect_present`, derived
    /// by ``InputSampler``).
    package var effectPresent: Double = 1

    /// θ: share of a productivity gain banked as lower spending, 0–1 (`spending.capture_rate`).
    package var captureRate: Double
    /// ω: actual ÷ budgeted investment (`spending.cost_overrun`).
    package var costOverrun: Double
    /// δ: share of the planned adoption increase actually reached, 0–1 (`programme_risk.delivery`,
    /// derived by ``InputSampler`` from `programme_risk.full_delivery_probability` and
    /// `programme_risk.shortfall_delivery`).
    package var delivery: Double
    /// d: years before adoption starts to rise (`programme_risk.delay`).
    package var delay: Double

    /// α: share of the gap to the target level satisfaction moves each year
    /// (`satisfaction.adjustment_speed`).
    package var satisfactionAdjustment: Double
    /// Δ: largest systematic yearly change of satisfaction, points (`satisfaction.max_change`).
    package var satisfactionMaxChange: Double
    /// σ_s: SD of the yearly satisfaction noise, points (`satisfaction.noise_sd`).
    package var satisfactionNoiseSD: Double
    /// G_C: satisfaction gain from full, matured customer focus, points
    /// (`satisfaction.customer_focus_gain`).
    package var customerFocusGain: Double
    /// G_R: satisfaction gain from full, matured rapid iteration, points
    /// (`satisfaction.rapid_iteration_gain`).
    package var rapidIterationGain: Double
    /// β_q: satisfaction gain per percent of output reinvested in quality, points per %
    /// (`satisfaction.quality_gain_per_pct`).
    package var qualityGainPerPct: Double
    /// β_z: satisfaction lost per percent of strain (unexpected demand or J-curve disruption),
    /// points per % (`satisfaction.strain_per_pct`).
    package var strainPerPct: Double

    /// The parameters of each practice, addressed by kind.
    package var practices: PerPractice<Practice>

    /// ω_R: actual ÷ budgeted run cost (`spending.run_cost_overrun`).
    package var runCostOverrun: Double = 1
    /// f: fixed programme cost (team, governance) per programme year, currency per year in
    /// base-year prices (`investment.fixed_per_year`); paid while the programme runs, delay included.
    package var programmeFixedCost: Double = 0
    /// c_dr: double-running cost per year when the whole organisation is adopted but unmatured,
    /// currency per year in base-year prices (`investment.double_running`).
    package var doubleRunningCost: Double = 0
    /// c_tr: training cost per unit of adoption increase of one practice (none to full), currency
    /// in base-year prices (`investment.training`).
    package var trainingCost: Double = 0
    /// μ: how much rapid-iteration and outcome-accountability start adoption lower delivery risk,
    /// 0–1 (`programme_risk.practice_mitigation`; 0 turns it off).
    package var riskMitigation: Double = 0
    /// B(t): planned build investment of programme year t (index 0 … H), currency in base-year
    /// prices (`investment.profile`, not sampled).
    package var buildProfile: [Double] = []
    /// b: multiplier on the build profile (`investment.build_scale`, default 1).
    package var buildScale: Double = 1
    /// D: planned programme duration in years (`investment.duration`, else the last year of the
    /// build profile or of any milestone plan; 0 if none), before delay.
    package var programmeYears: Double = 0

    /// One benefit line of the economic case (``BenefitLine``).
    package struct BenefitLineValue: Sendable, Equatable {
        /// Index of the first driver practice in ``PracticeKind/allCases``.
        package var driver: Int
        /// V: value a year at full realisation, currency in base-year prices
        /// (``BenefitLine/fullValue(_:_:)``; 0 for a legacy line).
        package var fullValue: Double
        /// Indices of every driver practice (averaged with equal weights).
        package var drivers: [Int]
        package var category: BenefitLine.Category
        /// The factor values in ``BenefitLine/Category/factors`` order.
        package var factors: [Double]
        /// Whether the line lowers spending by B(t)·P(t) (`cash_releasing`).
        package var cashReleasing: Bool
        package init(
            driver: Int, fullValue: Double, drivers: [Int]? = nil, category: BenefitLine.Category = .other,
            factors: [Double] = [], cashReleasing: Bool = false
        ) {
            self.driver = driver
            self.fullValue = fullValue
            self.drivers = drivers ?? [driver]
            self.category = category
            self.factors = factors
            self.cashReleasing = cashReleasing
        }
    }
    /// The scenario's benefit lines, in file order (`benefits.<name>.…`).
    package var benefitLines: [BenefitLineValue] = []
}
