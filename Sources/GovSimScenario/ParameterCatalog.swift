/// Every numeric parameter of the scenario format (version 1), with units, allowed ranges,
/// defaults and sources. The loader, the sampler, the model, the documentation and the
/// variant overrides all use this one table, so they cannot disagree.
///
/// Sources are those of `docs/model.md` (figures from the project's domain-evidence file);
/// "assumption" marks a default without a source, which a scenario should override when it can.
package enum ParameterCatalog {
    /// Default full-adoption uplift U: the lognormal whose leader-versus-peer gap at the default
    /// leader and peer adoption (0.9 and 0.3, assumptions) has p5 7% and p95 15% (the OECD finding),
    /// see ``upliftMatching(low:high:coverage:leader:peer:)``.
    package static let defaultUplift = upliftMatching(
        low: 0.07, high: 0.15, coverage: 0.9,
        leader: defaultLeaderAdoption, peer: defaultPeerAdoption)!
    /// Default adoption of a leader and of a peer in the calibration finding (assumptions).
    package static let defaultLeaderAdoption = 0.9, defaultPeerAdoption = 0.3

    /// The full-adoption uplift U for which an organisation at adoption `leader` of every practice
    /// (matured) is G more productive than one at `peer`: with uniform adoption Φ(a·1) = a for any
    /// weights and complementarity, so G = (1 + U·leader)/(1 + U·peer) − 1 and
    /// **U = G / ((leader − peer) − G·peer)**; nil unless leader > peer and G < (leader − peer)/peer.
    package static func uplift(forGap gap: Double, leader: Double, peer: Double) -> Double? {
        let denominator = (leader - peer) - gap * peer
        guard leader > peer, gap >= 0, denominator > 0 else { return nil }
        return gap / denominator
    }

    /// The lognormal prior of U whose leader-versus-peer gap has its (1 ∓ coverage)/2 quantiles at
    /// `low` and `high`: U is an increasing function of the gap, so quantiles map one to one and the
    /// lognormal through the two mapped quantiles reproduces the target interval exactly.
    package static func upliftMatching(low: Double, high: Double, coverage: Double, leader: Double, peer: Double) -> Distribution? {
        guard high > low, low > 0, let ul = uplift(forGap: low, leader: leader, peer: peer),
            let uh = uplift(forGap: high, leader: leader, peer: peer)
        else { return nil }
        return .lognormal(quantile: ul, at: (1 - coverage) / 2, quantile: uh, at: (1 + coverage) / 2)
    }

    /// Bass coefficients per practice (Sultan, Farley & Lehmann 1990 meta-analysis).
    static let bassP = Distribution.triangular(min: 0.01, mode: 0.03, max: 0.05)
    static let bassQ = Distribution.triangular(min: 0.30, mode: 0.38, max: 0.50)

    /// The defaults of one practice: start adoption, target adoption, investment, run cost and
    /// weight (an exhaustive switch, so that a new ``PracticeKind`` cannot go without them).
    static func practiceDefaults(
        _ kind: PracticeKind
    ) -> (start: Double, target: Distribution, investment: Double, runCost: Double, weight: Double) {
        switch kind {
        case .customerFocus: return (0.10, .pert(min: 0.55, mode: 0.80, max: 0.95, lambda: 4), 25, 2, 0.20)
        case .dataAsProduct: return (0.05, .pert(min: 0.50, mode: 0.75, max: 0.95, lambda: 4), 40, 3, 0.35)
        case .rapidIteration: return (0.10, .pert(min: 0.55, mode: 0.80, max: 0.95, lambda: 4), 20, 1.5, 0.20)
        case .outcomeAccountability: return (0.15, .pert(min: 0.55, mode: 0.80, max: 0.95, lambda: 4), 15, 1, 0.25)
        }
    }

    /// Parameters that do not depend on a practice's curve kind, in file order.
    package static let general: [ParameterSpec] =
        [
            ParameterSpec(
                "baseline.spending", unit: "currency per year", summary: "Annual spending in the start year",
                default: .fixed(1000), range: 0...Double.infinity, lowerExclusive: true,
                source: "assumption (a mid-sized agency, in millions)"),
            ParameterSpec(
                "baseline.labour_share", unit: "share 0–1", summary: "Share of spending that is labour cost",
                default: .fixed(0.45), range: 0...1,
                source: "OECD Government at a Glance 2019 (44.8% in 2017)"),
            ParameterSpec(
                "baseline.demand_growth", unit: "per year (0.01 = 1%)", summary: "Real growth of service demand",
                default: .normal(mean: 0.01, sd: 0.005), range: -0.5...0.5,
                source: "derived: 3%/yr nominal government spending growth (OECD Government at a Glance 2019/2021) less 2% inflation"),
            ParameterSpec(
                "baseline.demand_shock_sd", unit: "per year", summary: "SD of yearly demand surprises (log scale)",
                default: .fixed(0.01), range: 0...0.5, uncertain: false, source: "assumption"),
            ParameterSpec(
                "baseline.inflation", unit: "per year", summary: "Inflation of the organisation's costs",
                default: .normal(mean: 0.02, sd: 0.005), range: -0.5...0.5,
                source: "assumption (central-bank target)"),
            ParameterSpec(
                "baseline.productivity_trend", unit: "per year", summary: "Baseline productivity growth without the programme",
                default: .triangular(min: -0.001, mode: 0.002, max: 0.007), range: -0.5...0.5,
                source: "ONS, Public service productivity, UK: 1997 to 2022 (+0.2%/yr, range −0.1 to +0.7)"),
            ParameterSpec(
                "baseline.productivity_shock_sd", unit: "per year", summary: "SD of yearly productivity shocks (log scale)",
                default: .fixed(0.01), range: 0...0.5, uncertain: false, source: "assumption"),
            ParameterSpec(
                "baseline.satisfaction", unit: "points 0–100", summary: "Citizen satisfaction in the start year",
                default: .fixed(75.8), range: 0...100,
                source:
                    "UKCSI July 2018, public services (national) 75.8 of 100 (Institute of Customer Service, 15 Nov 2018; not in the domain-evidence file); for a US body use ACSI federal 2024, 69.7"
            ),
            ParameterSpec(
                "baseline.satisfaction_trend", unit: "points per year", summary: "Drift of satisfaction without the programme",
                default: .fixed(0), range: -20...20, source: "assumption (no drift); set from a satisfaction history"),

            ParameterSpec(
                "effects.full_adoption_uplift", unit: "share (0.11 = 11%)",
                summary:
                    "Observed productivity gap, full matured adoption of all \(PracticeKind.countInWords) practices vs none (before causal share)",
                default: defaultUplift, range: 0...10,
                source:
                    "derived: the lognormal whose leader-versus-peer gap (effects.leader_adoption vs effects.peer_adoption) has p5 7% and p95 15% (OECD: the most digitally advanced organisations are 7–15% more productive than their peers)"
            ),
            ParameterSpec(
                "effects.leader_adoption", unit: "share 0–1",
                summary: "Adoption of every practice in a 'most digitally advanced' organisation of the calibration finding",
                default: .fixed(defaultLeaderAdoption), range: 0...1, uncertain: false,
                source: "assumption (leaders near full adoption; the finding gives no adoption level)"),
            ParameterSpec(
                "effects.peer_adoption", unit: "share 0–1",
                summary: "Adoption of every practice in a sector peer of the calibration finding",
                default: .fixed(defaultPeerAdoption), range: 0...1, uncertain: false,
                source: "assumption (a typical peer part-way; the finding gives no adoption level)"),
            ParameterSpec(
                "effects.causal_share", unit: "share 0–1", summary: "Share of the observed gap caused by the practices",
                default: .triangular(min: 0.25, mode: 0.5, max: 1.0), range: 0...1,
                source:
                    "OECD, Digitalisation, productivity and inclusiveness: digitalisation 'may explain about half' of the gap (mode 0.5; the range 0.25–1 is an assumption)"
            ),
            ParameterSpec(
                "effects.complementarity", unit: "share 0–1",
                summary: "Share of the full uplift that needs all \(PracticeKind.countInWords) practices together",
                default: .triangular(min: 0.1, mode: 0.25, max: 0.5), range: 0...1,
                source: "assumption; direction from Bloom, Sadun & Van Reenen 2012 (AER)"),
            ParameterSpec(
                "effects.no_effect_probability", unit: "probability",
                summary: "Chance that the practices, although adopted, raise productivity not at all (the effect prior can fail)",
                default: .fixed(0.15), range: 0...1, uncertain: false,
                source:
                    "assumption; NAO, The challenges in implementing digital change (2021): 'a consistent pattern of underperformance' over 25 years; Rasul & Rogger 2018: management-practice effects near 0, can be negative"
            ),
        ]
        + PracticeKind.allCases.map { kind in
            let w = practiceDefaults(kind).weight
            return ParameterSpec(
                "effects.weights.\(kind.rawValue)", unit: "share (normalised to sum 1)",
                summary: "Share of the separable uplift due to \(kind.rawValue)",
                default: .triangular(min: w - 0.1, mode: w, max: w + 0.1), range: 0...1,
                source: "assumption (split data 35%, accountability 25%, customer focus 20%, rapid iteration 20%, ±10 points)")
        } + [
            ParameterSpec(
                "effects.realisation_lag", unit: "years", summary: "Years from adoption to full benefit",
                default: .triangular(min: 3, mode: 5, max: 7), range: 0.5...50,
                source: "Brynjolfsson & Hitt 2003 (REStat); McElheran et al. 2025 (Census CES WP 25-27)"),
            ParameterSpec(
                "effects.j_curve_depth", unit: "share per unit of unmatured adoption",
                summary: "Productivity lost while adopted practices are not yet matured (J-curve)",
                default: .fixed(0), range: 0...0.9,
                source:
                    "0: the J-curve's resource cost is costed explicitly as investment.double_running and investment.training; set it only for an output loss not costed there (direction: Brynjolfsson, Rock & Syverson 2021, AEJ: Macro)"
            ),

            ParameterSpec(
                "spending.capture_rate", unit: "share 0–1",
                summary: "Share of a productivity gain banked as lower spending (the rest improves service quality)",
                default: .fixed(0.5), range: 0...1, source: "assumption"),
            ParameterSpec(
                "spending.cost_overrun", unit: "multiplier on investment",
                summary: "Actual ÷ budgeted investment",
                default: .lognormal(mean: 1.45, sd: 1.2), range: 0...100, lowerExclusive: true,
                source:
                    "McKinsey & Oxford 2012: large IT programmes overrun by 45% on average, right-skewed (mean 1.45, sd 1.2: median 1.12, 9% of programmes above 3×)"
            ),
            ParameterSpec(
                "spending.run_cost_overrun", unit: "multiplier on run cost",
                summary: "Actual ÷ budgeted run cost of the practices",
                default: .fixed(1), range: 0...100, lowerExclusive: true,
                source:
                    "assumption (run costs as budgeted); Green Book optimism-bias guidance allows up to +41% on operating costs (outsourcing)"
            ),

            ParameterSpec(
                "investment.build_scale", unit: "multiplier on investment.profile",
                summary: "Scale of the build profile (0 removes it, as the built-in no-programme variant does)",
                default: .fixed(1), range: 0...100,
                source: "convention (the profile as written)"),
            ParameterSpec(
                "investment.fixed_per_year", unit: "currency per year, base-year prices",
                summary: "Fixed programme cost (team, governance) in every programme year, delay years included",
                default: .fixed(0), range: 0...Double.infinity,
                source: "assumption (none unless the business case gives a programme team)"),
            ParameterSpec(
                "investment.double_running", unit: "currency per year at full unmatured adoption, base-year prices",
                summary: "Cost of running old and new ways of working side by side while adopted practices mature",
                default: .fixed(20), range: 0...Double.infinity,
                source:
                    "assumption: 2% of a year's spending (of 1000) while the whole organisation is in transition; the resource cost the J-curve's -1.5% dip stood for"
            ),
            ParameterSpec(
                "investment.training", unit: "currency per unit of adoption increase, base-year prices",
                summary: "Training cost of taking the whole organisation from no to full adoption of one practice",
                default: .fixed(10), range: 0...Double.infinity,
                source: "assumption: about 2% of the labour bill (0.45 × 1000) per practice"),

            ParameterSpec(
                "programme_risk.full_delivery_probability", unit: "probability",
                summary: "Chance that the programme reaches its planned adoption in full",
                default: .fixed(0.25), range: 0...1, uncertain: false,
                source: "McKinsey, Delivering for citizens (2018): about 80% of transformations fall short"),
            ParameterSpec(
                "programme_risk.shortfall_delivery", unit: "share 0–1",
                summary: "Share of the planned adoption increase reached when the programme falls short",
                default: .beta(alpha: 2, beta: 2, lower: 0, upper: 1), range: 0...1,
                source: "assumption (mean 0.5); McKinsey & Oxford 2012 report a 56% benefit shortfall"),
            ParameterSpec(
                "programme_risk.delay", unit: "years", summary: "Delay before adoption starts to rise",
                default: .triangular(min: 0, mode: 1, max: 3), range: 0...50, source: "assumption"),
            ParameterSpec(
                "programme_risk.correlation", unit: "rank correlation",
                summary: "Rank correlation by which cost overrun, delay and delivery shortfall move together (0: independent)",
                default: .fixed(0.5), range: 0...0.9, uncertain: false,
                source:
                    "assumption; direction: NAO, The challenges in implementing digital change (2021), a consistent pattern of programmes that overrun, slip and under-deliver together"
            ),
            ParameterSpec(
                "programme_risk.practice_mitigation", unit: "share 0–1",
                summary: "How far rapid-iteration and outcome-accountability start adoption shrink delay, shortfall and overrun (0: off)",
                default: .fixed(0), range: 0...1,
                source: "assumption (off by default); direction from McKinsey, Delivering for citizens (2018)"),

            ParameterSpec(
                "satisfaction.adjustment_speed", unit: "share of the gap per year",
                summary: "How fast satisfaction moves toward its target level",
                default: .fixed(0.3), range: 0...1, lowerExclusive: true, uncertain: false, source: "assumption"),
            ParameterSpec(
                "satisfaction.max_change", unit: "points per year", summary: "Largest systematic yearly change",
                default: .fixed(4), range: 0...100, lowerExclusive: true, uncertain: false,
                source: "domain evidence: yearly changes of 1–3 points are typical, 4 is large"),
            ParameterSpec(
                "satisfaction.noise_sd", unit: "points", summary: "SD of yearly satisfaction noise",
                default: .fixed(2.0), range: 0...50, uncertain: false,
                source: "ACSI federal series: year-to-year SD about 2.2 points"),
            ParameterSpec(
                "satisfaction.customer_focus_gain", unit: "points", summary: "Satisfaction gain from full, matured customer focus",
                default: .triangular(min: 3, mode: 8, max: 14), range: 0...100,
                source: "assumption; US Veterans Affairs trust rose 24 points in 2016–2021"),
            ParameterSpec(
                "satisfaction.rapid_iteration_gain", unit: "points", summary: "Satisfaction gain from full, matured rapid iteration",
                default: .triangular(min: 1, mode: 3, max: 6), range: 0...100, source: "assumption"),
            ParameterSpec(
                "satisfaction.quality_gain_per_pct", unit: "points per % of output reinvested",
                summary: "Satisfaction gain per percent of productivity reinvested in service quality",
                default: .fixed(0.3), range: 0...10, source: "assumption"),
            ParameterSpec(
                "satisfaction.strain_per_pct", unit: "points per %",
                summary: "Satisfaction lost per percent of disruption or unexpected demand",
                default: .fixed(0.5), range: 0...10, source: "assumption"),

            ParameterSpec(
                "budget.discount_rate", unit: "real, per year", summary: "Discount rate for net present values (of real net savings)",
                default: .fixed(0.035), range: -0.05...0.5, uncertain: false,
                source: "HM Treasury Green Book social time preference rate, 3.5% real"),
            ParameterSpec(
                "appraisal.period", unit: "years after the base year",
                summary:
                    "Appraisal period: years whose costs and benefits are appraised (beyond the horizon, the final simulated year is extended)",
                default: .fixed(30), range: 1...500, uncertain: false, wholeNumber: true,
                source:
                    "assumption (the Green Book asks for the life of the intervention, ch. 5; 30 years is the first band of its discount schedule, not a measured life)"
            ),
            ParameterSpec(
                "appraisal.benefit_decay", unit: "share per year",
                summary: "Yearly decay of benefits after the simulation horizon",
                default: .fixed(0), range: 0...1, uncertain: false,
                source: "assumption (benefits persist at the final simulated year's level)"),
            ParameterSpec(
                "appraisal.gdp_deflator", unit: "per year",
                summary: "General (GDP) deflator that converts nominal amounts to real base-year prices",
                default: .fixed(0.02), range: -0.5...0.5, uncertain: false,
                source: "assumption (the 2% inflation target; the Green Book uses the GDP deflator forecast for real prices)"),
            ParameterSpec(
                "appraisal.residual_years", unit: "years",
                summary: "Residual value: further years of the last appraised year's net benefit valued at the end of the period",
                default: .fixed(0), range: 0...200, uncertain: false,
                source: "assumption (no residual value beyond the appraisal period)"),
            ParameterSpec(
                "appraisal.financial_year_start_month", unit: "month (1-12)",
                summary: "First month of the financial year of yearly money tables (1 = calendar years, 4 = April-March)",
                default: .fixed(1), range: 1...12, uncertain: false, wholeNumber: true,
                source:
                    "convention (1 = calendar years; UK central government's financial year starts in April, the US federal fiscal year in October); calendar amounts are split pro rata"
            ),
            ParameterSpec(
                "calibration.target_low", unit: "share",
                summary: "Lower end of the calibration interval of the leader-versus-peer productivity gap",
                default: .fixed(0.07), range: 0...10, uncertain: false, source: "OECD: 7%"),
            ParameterSpec(
                "calibration.target_high", unit: "share", summary: "Upper end of the calibration interval",
                default: .fixed(0.15), range: 0...10, uncertain: false, source: "OECD: 15%"),
            ParameterSpec(
                "calibration.coverage", unit: "probability", summary: "Central probability of the calibration interval",
                default: .fixed(0.90), range: 0...1, lowerExclusive: true, uncertain: false,
                source: "reading of the OECD range as a central 90% interval"),
        ]

    /// The cost-driver parameters when spending follows a trend (`baseline.spending_trend` or a
    /// spending history) instead of demand growth and inflation.
    package static let spendingTrend: [ParameterSpec] = [
        ParameterSpec(
            "baseline.spending_trend", unit: "log growth per year (0.03 ≈ 3%)",
            summary: "Trend growth of nominal counterfactual spending (replaces demand growth)",
            default: .fixed(0.03), range: -0.5...0.5,
            source: "derived: 3%/yr nominal government spending growth (OECD Government at a Glance); set from a spending history"),
        ParameterSpec(
            "baseline.spending_noise_sd", unit: "log per year", summary: "SD of yearly deviations of spending from its trend",
            default: .fixed(0.01), range: 0...0.5, uncertain: false, source: "assumption; set from a spending history's residual SD"),
    ]

    /// The parameters of one practice for a curve kind, in file order.
    package static func practice(_ kind: PracticeKind, curve: AdoptionCurveKind) -> [ParameterSpec] {
        let d = practiceDefaults(kind)
        let prefix = "practices.\(kind.rawValue)"
        var specs = [
            ParameterSpec(
                "\(prefix).start_adoption", unit: "share 0–1", summary: "Adoption in the start year",
                default: .fixed(d.start), range: 0...1, source: "assumption"),
            ParameterSpec(
                "\(prefix).target_adoption", unit: "share 0–1", summary: "Planned adoption at the end of the programme",
                default: d.target, range: 0...1, source: "assumption"),
        ]
        switch curve {
        case .logistic:
            specs += [
                ParameterSpec(
                    "\(prefix).curve.logistic.midpoint", unit: "years", summary: "Years from programme start to half the planned increase",
                    default: .triangular(min: 3, mode: 5, max: 8), range: 0...100, source: "assumption"),
                ParameterSpec(
                    "\(prefix).curve.logistic.speed", unit: "per year", summary: "Logistic growth rate",
                    default: .triangular(min: 0.4, mode: 0.8, max: 1.2), range: 0...20, lowerExclusive: true,
                    source: "assumption (organisational adoption; citizen e-government uptake is slower, 0.12/yr, Eurostat)"),
            ]
        case .bass:
            specs += [
                ParameterSpec(
                    "\(prefix).curve.bass.p", unit: "per year", summary: "Bass coefficient of innovation",
                    default: bassP, range: 0...1, lowerExclusive: true,
                    source: "Sultan, Farley & Lehmann 1990 (p = 0.03; applying it to agencies is an assumption)"),
                ParameterSpec(
                    "\(prefix).curve.bass.q", unit: "per year", summary: "Bass coefficient of imitation",
                    default: bassQ, range: 0...5, source: "Sultan, Farley & Lehmann 1990 (q = 0.38)"),
            ]
        case .step, .plan:
            break
        }
        specs += [
            ParameterSpec(
                "\(prefix).investment", unit: "currency, base-year prices",
                summary: "One-off cost of taking the whole organisation from no adoption to full adoption",
                default: .fixed(d.investment), range: 0...Double.infinity,
                source:
                    "assumption: the four practices total 10% of a year's spending, about 1% a year over a decade (4% IT share × ~22% new development)"
            ),
            ParameterSpec(
                "\(prefix).run_cost", unit: "currency per year at full adoption, base-year prices",
                summary: "Recurring cost of the practice at full adoption",
                default: .fixed(d.runCost), range: 0...Double.infinity,
                source: "assumption: 7.5 a year for all four at full adoption, 0.75% of spending (a fifth of the 4% IT share, Gartner)"),
        ]
        return specs
    }

    /// All parameters in effect for a choice of curve kinds and spending driver, in file order.
    /// With `spendingTrend`, `baseline.spending_trend` and `baseline.spending_noise_sd` replace
    /// `baseline.demand_growth` and `baseline.demand_shock_sd`.
    package static func specs(curves: [PracticeKind: AdoptionCurveKind], spendingTrend: Bool = false) -> [ParameterSpec] {
        var base = general
        if spendingTrend {
            base.removeAll { $0.path == "baseline.demand_growth" || $0.path == "baseline.demand_shock_sd" }
            base.insert(contentsOf: ParameterCatalog.spendingTrend, at: 1)
        }
        return base + PracticeKind.allCases.flatMap { practice($0, curve: curves[$0] ?? .bass) }
    }

    /// The default curve kind of every practice.
    package static let defaultCurves: [PracticeKind: AdoptionCurveKind] =
        Dictionary(uniqueKeysWithValues: PracticeKind.allCases.map { ($0, .bass) })

    /// Every path any curve kind can use (for suggestions and overrides).
    package static var allPaths: [String] {
        general.map(\.path) + spendingTrend.map(\.path)
            + PracticeKind.allCases.flatMap { kind in
                AdoptionCurveKind.allCases.flatMap { practice(kind, curve: $0).map(\.path) }
            }
    }
}
