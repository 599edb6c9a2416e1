extension RunModel {
    /// The programme's costs of one year by line, nominal currency, cost overrun ω included
    /// (`docs/model.md` §4, "Programme costs"). Their sum is the investment I(t).
    struct ProgrammeCosts {
        /// Roll-out per adoption: P(t)·ω·Σᵢ Iᵢ·max(0, Tᵢ − sᵢ)·(pᵢ(t) − pᵢ(t−1)).
        var rollout = 0.0
        /// Build profile: P(t)·ω·b·B(t).
        var build = 0.0
        /// Fixed programme cost: P(t)·ω·f·min(1, max(0, D + d − (t − 1))).
        var fixed = 0.0
        /// Training: P(t)·ω·c_tr·Σᵢ max(0, aᵢ(t) − aᵢ(t−1)).
        var training = 0.0
        /// Double running: P(t)·ω·c_dr·Σᵢ wᵢ·max(0, aᵢ(t) − Mᵢ(t)).
        var doubleRunning = 0.0

        /// I(t), the year's investment: the sum of the lines.
        var total: Double { rollout + build + fixed + training + doubleRunning }
    }

    /// The programme costs of year `t` (all 0 in the base year).
    ///
    /// - Parameters:
    ///   - price: P(t), the organisation's price index (base year 1).
    ///   - adoption: aᵢ by year, from ``adoptionPaths(_:years:)``.
    ///   - planned: pᵢ by year, the planned (delayed) progress.
    ///   - unmatured: Σᵢ wᵢ·max(0, aᵢ(t) − Mᵢ(t)), from ``mature(_:year:lag:weights:into:)``.
    static func programmeCosts(
        _ m: ModelParameters, year t: Int, price: Double, adoption: [[Double]], planned: [[Double]],
        unmatured: Double
    ) -> ProgrammeCosts {
        var c = ProgrammeCosts()
        guard t > 0 else { return c }
        let scale = price * m.costOverrun
        var rollout = 0.0, increase = 0.0
        for (i, p) in m.practices.values.enumerated() {
            rollout += p.investment * max(0, p.target - p.start) * (planned[i][t] - planned[i][t - 1])
            increase += max(0, adoption[i][t] - adoption[i][t - 1])
        }
        c.rollout = scale * rollout
        c.build = t < m.buildProfile.count ? scale * m.buildScale * m.buildProfile[t] : 0
        c.fixed = scale * m.programmeFixedCost * min(1, max(0, m.programmeYears + m.delay - Double(t - 1)))
        c.training = scale * m.trainingCost * increase
        c.doubleRunning = scale * m.doubleRunningCost * unmatured
        return c
    }
}
