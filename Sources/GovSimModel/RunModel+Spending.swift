extension RunModel {
    /// The spending of one year, nominal currency (section 4 of `docs/model.md`).
    struct YearSpending {
        /// S_cf(t): spending without the programme.
        var counterfactual: Double
        /// S_op(t): operating cost with the programme.
        var operating: Double
        /// I(t): investment (roll-out, build, fixed programme and transition costs), cost overrun included.
        var investment: Double
        /// I(t) by line (``ProgrammeCosts``).
        var lines: ProgrammeCosts
        /// R(t): run cost of the adoption the programme added.
        var runCost: Double
        /// The (1 − θ) share of the freed labour cost that is reinvested, not banked (economic case).
        var reinvested: Double
        /// S₀·P(t)·D(t) (S₀·C(t) in spending-trend mode), for `govsim trace`.
        var scale: Double
        /// ℓ·Π_cf(0)/Π_cf(t), the counterfactual labour term, for `govsim trace`.
        var labourTerm: Double
    }

    /// Section 4 of `docs/model.md`, "Spending", in year `t`:
    /// - **S_cf(t) = S₀·P(t)·D(t)·[ℓ·Π_cf(0)/Π_cf(t) + (1 − ℓ)]**;
    /// - **S_op(t) = S₀·P(t)·D(t)·[ℓ·(Π_cf(0)/Π_cf(t))·(1 − θ·(1 − 1/ρ(t))) + (1 − ℓ)]**;
    /// - **I(t)**, the sum of the programme cost lines of ``programmeCosts(_:year:price:adoption:planned:unmatured:)``;
    /// - **R(t) = P(t)·ω_R·Σᵢ Rᵢ·max(0, aᵢ(t) − sᵢ)**;
    /// - staff time reinvested **S₀·P(t)·D(t)·ℓ·(Π_cf(0)/Π_cf(t))·(1 − θ)·(1 − 1/ρ(t))**;
    /// in spending-trend mode P(t)·D(t) is the cost driver C(t) and Π_cf(0) is Π_trend(t).
    /// No investment or run cost in the base year.
    static func spending(
        _ m: ModelParameters, economy: CounterfactualEconomy, ratio: Double,
        adoption: [[Double]], planned: [[Double]], unmatured: Double, year t: Int
    ) -> YearSpending {
        let s0 = m.spending, labour = m.labourShare, theta = m.captureRate
        let price = economy.price, demand = economy.demand
        let scale = m.spendingTrendMode ? s0 * demand : s0 * price * demand
        let labourCF = labour * (m.spendingTrendMode ? economy.trendProductivity : 100) / economy.productivity
        let spendingCF = scale * (labourCF + 1 - labour)
        let operating = scale * (labourCF * (1 - theta * (1 - 1 / ratio)) + 1 - labour)
        let lines = programmeCosts(m, year: t, price: price, adoption: adoption, planned: planned, unmatured: unmatured)
        var runCost = 0.0
        if t > 0 {
            for (i, p) in m.practices.values.enumerated() {
                runCost += p.runCost * max(0, adoption[i][t] - p.start)
            }
            runCost *= price * m.runCostOverrun
        }
        let reinvested = scale * labourCF * (1 - theta) * (1 - 1 / ratio)
        return YearSpending(
            counterfactual: spendingCF, operating: operating, investment: lines.total, lines: lines, runCost: runCost,
            reinvested: reinvested, scale: scale, labourTerm: labourCF)
    }
}
