/// A scalar parameter the model reads, named by its path in ``ParameterCatalog``: the typed key
/// by which ``InputLayout`` finds a value in a run's values vector and ``ModelParameters`` is
/// built, field by field, by name.
///
/// The per-practice parameters are ``PracticeInput``. Paths the model never reads directly
/// (`programme_risk.full_delivery_probability` and `programme_risk.shortfall_delivery`, which
/// ``InputSampler`` turns into ``delivery``; `effects.no_effect_probability`, which it turns into
/// ``effectPresent``; `effects.leader_adoption` and `effects.peer_adoption`, read by the uplift's
/// default and `govsim calibrate`; `programme_risk.correlation`, which the loader turns into rank
/// correlations; `budget.*` and `calibration.*`, read by the studies)
/// have no key.
package enum ModelInput: Int, CaseIterable, Sendable {
    case spending, labourShare, demandGrowth, demandShockSD, spendingTrend, spendingNoiseSD
    case inflation, productivityTrend, productivityShockSD, satisfaction, satisfactionTrend
    case uplift, causalShare, complementarity, realisationLag, jCurveDepth
    case captureRate, costOverrun, delivery, delay
    case satisfactionAdjustment, satisfactionMaxChange, satisfactionNoiseSD
    case customerFocusGain, rapidIterationGain, qualityGainPerPct, strainPerPct
    case runCostOverrun, programmeFixedCost, doubleRunningCost, trainingCost, riskMitigation, buildScale
    case effectPresent

    /// The parameter's path in the scenario file and the catalog (``InputLayout/deliveryPath``
    /// for the derived delivered share).
    package var path: String {
        switch self {
        case .spending: return "baseline.spending"
        case .labourShare: return "baseline.labour_share"
        case .demandGrowth: return "baseline.demand_growth"
        case .demandShockSD: return "baseline.demand_shock_sd"
        case .spendingTrend: return "baseline.spending_trend"
        case .spendingNoiseSD: return "baseline.spending_noise_sd"
        case .inflation: return "baseline.inflation"
        case .productivityTrend: return "baseline.productivity_trend"
        case .productivityShockSD: return "baseline.productivity_shock_sd"
        case .satisfaction: return "baseline.satisfaction"
        case .satisfactionTrend: return "baseline.satisfaction_trend"
        case .uplift: return "effects.full_adoption_uplift"
        case .causalShare: return "effects.causal_share"
        case .complementarity: return "effects.complementarity"
        case .realisationLag: return "effects.realisation_lag"
        case .jCurveDepth: return "effects.j_curve_depth"
        case .captureRate: return "spending.capture_rate"
        case .costOverrun: return "spending.cost_overrun"
        case .delivery: return InputLayout.deliveryPath
        case .delay: return "programme_risk.delay"
        case .satisfactionAdjustment: return "satisfaction.adjustment_speed"
        case .satisfactionMaxChange: return "satisfaction.max_change"
        case .satisfactionNoiseSD: return "satisfaction.noise_sd"
        case .customerFocusGain: return "satisfaction.customer_focus_gain"
        case .rapidIterationGain: return "satisfaction.rapid_iteration_gain"
        case .qualityGainPerPct: return "satisfaction.quality_gain_per_pct"
        case .strainPerPct: return "satisfaction.strain_per_pct"
        case .runCostOverrun: return "spending.run_cost_overrun"
        case .programmeFixedCost: return "investment.fixed_per_year"
        case .doubleRunningCost: return "investment.double_running"
        case .trainingCost: return "investment.training"
        case .riskMitigation: return "programme_risk.practice_mitigation"
        case .buildScale: return "investment.build_scale"
        case .effectPresent: return InputLayout.effectPresentPath
        }
    }

    /// Whether the parameter is in effect: in spending-trend mode `baseline.spending_trend` and
    /// `baseline.spending_noise_sd` replace `baseline.demand_growth` and `baseline.demand_shock_sd`.
    package func isInEffect(spendingTrend: Bool) -> Bool {
        switch self {
        case .demandGrowth, .demandShockSD: return !spendingTrend
        case .spendingTrend, .spendingNoiseSD: return spendingTrend
        default: return true
        }
    }
}
