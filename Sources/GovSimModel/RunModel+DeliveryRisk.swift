extension RunModel {
    /// `docs/model.md` §1, "Practices that lower delivery risk": with mitigation μ > 0
    /// (`programme_risk.practice_mitigation`) and x = ½(s_ri + s_oa), the start adoption of rapid
    /// iteration and outcome accountability, the run's programme risks shrink by the factor
    /// k = 1 − μ·x:
    ///
    /// δ' = 1 − (1 − δ)·k, d' = d·k, ω' = 1 + (ω − 1)·k.
    ///
    /// The start adoption (the capability the programme starts with) is used, not the adoption
    /// the programme reaches, which itself depends on δ. With μ = 0, `m` is returned unchanged.
    static func mitigated(_ m: ModelParameters) -> ModelParameters {
        guard m.riskMitigation > 0 else { return m }
        let x = 0.5 * (m.practices[.rapidIteration].start + m.practices[.outcomeAccountability].start)
        let k = 1 - m.riskMitigation * x
        var out = m
        out.delivery = 1 - (1 - m.delivery) * k
        out.delay = m.delay * k
        out.costOverrun = 1 + (m.costOverrun - 1) * k
        return out
    }
}
