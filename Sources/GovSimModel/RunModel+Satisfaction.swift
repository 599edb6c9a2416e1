extension RunModel {
    /// Section 5 of `docs/model.md`, "Citizen satisfaction": advances satisfaction with and
    /// without the programme to year `t` (≥ 1).
    ///
    /// - q(t) = (1 − θ)·100·(ρ(t) − 1), reinvested quality (% of output);
    /// - z(t) = max(0, 100·σ_D ε_D(t)), strain from unexpected demand (%);
    /// - **T_s(t) = s₀ + τ·t + G_C·(M_C(t) − s_C) + G_R·(M_R(t) − s_R) + β_q·q(t) − β_z·z(t)**
    ///   (a J-curve dip enters once, through q(t), which it makes negative);
    /// - **T_s,cf(t) = s₀ + τ·t − β_z·z(t)**;
    /// - **sat(t) = clamp₀¹⁰⁰(sat(t−1) + clamp_{±Δ}(α·(clamp₀¹⁰⁰(T_s) − sat(t−1))) + η(t))**, and the
    ///   same for the counterfactual with the same η.
    ///
    /// The practices with a satisfaction gain are addressed by kind (customer focus and rapid
    /// iteration), never by position.
    ///
    /// - Parameters:
    ///   - maturity: Mᵢ(t), in ``PracticeKind/allCases`` order.
    ///   - surprise: σ_D ε_D(t), from ``CounterfactualEconomy/advance(_:productivityShock:demandShock:)``.
    ///   - noise: η(t) = σ_s·ε_s(t).
    static func advanceSatisfaction(
        _ m: ModelParameters, _ sat: inout (programme: Double, counterfactual: Double), year t: Int,
        maturity: [Double], ratio: Double, surprise: Double, noise: Double
    ) {
        let theta = m.captureRate
        let strainCF = m.strainPerPct * max(0, 100 * surprise)
        let quality = (1 - theta) * 100 * (ratio - 1)
        let cf = PracticeKind.customerFocus, ri = PracticeKind.rapidIteration
        let drift = m.satisfactionTrend * Double(t)
        var target =
            m.satisfaction + drift
            + m.customerFocusGain * (maturity[cf.position] - m.practices[cf].start)
            + m.rapidIterationGain * (maturity[ri.position] - m.practices[ri].start)
            + m.qualityGainPerPct * quality
            - strainCF
        target = min(100, max(0, target))
        let targetCF = min(100, max(0, m.satisfaction + drift - strainCF))
        let step = min(m.satisfactionMaxChange, max(-m.satisfactionMaxChange, m.satisfactionAdjustment * (target - sat.programme)))
        let stepCF = min(m.satisfactionMaxChange, max(-m.satisfactionMaxChange, m.satisfactionAdjustment * (targetCF - sat.counterfactual)))
        sat.programme = min(100, max(0, sat.programme + step + noise))
        sat.counterfactual = min(100, max(0, sat.counterfactual + stepCF + noise))
    }
}
