import Foundation

/// The state of a run's economy without the programme, advanced one year at a time: the
/// counterfactual productivity index, its shock-free trend, demand (or, in spending-trend mode,
/// the cost driver) and prices (`docs/model.md`, sections 3 "Productivity" and 4 "Spending").
/// The programme path shares it: the programme only multiplies productivity by ρ(t).
struct CounterfactualEconomy: Sendable {
    /// Π_cf(t), with Π_cf(0) = 100.
    private(set) var productivity = 100.0
    /// Π_trend(t) = 100·(1 + g)^t, productivity's path without shocks: in spending-trend mode the
    /// fitted spending trend already contains past productivity growth, so only shocks move
    /// labour cost.
    private(set) var trendProductivity = 100.0
    /// D(t), or C(t) in spending-trend mode; 1 in the base year.
    private(set) var demand = 1.0
    /// P(t) = (1 + π)^t.
    private(set) var price = 1.0

    /// Advances to the next year with standard normal shocks ε_Π and ε_D, and returns the
    /// demand surprise σ_D·ε_D (which also strains satisfaction, section 5).
    ///
    /// - Section 3: Π_cf(t) = Π_cf(t−1)·(1 + g)·exp(σ_Π ε_Π − σ_Π²/2).
    /// - Section 4: D(t) = D(t−1)·(1 + g_D)·exp(σ_D ε_D − σ_D²/2); in spending-trend mode
    ///   C(t) = C(t−1)·exp(g_S + σ_S ε_D) (no mean correction: a log-linear fit estimates the
    ///   median path); P(t) = P(t−1)·(1 + π).
    mutating func advance(_ m: ModelParameters, productivityShock eP: Double, demandShock eD: Double) -> Double {
        let sigmaP = m.productivityShockSD, sigmaD = m.demandShockSD
        let growth = 1 + m.productivityTrend
        productivity *= growth * exp(sigmaP * eP - 0.5 * sigmaP * sigmaP)
        trendProductivity *= growth
        let surprise = sigmaD * eD
        if m.spendingTrendMode {
            demand *= exp(m.demandGrowth + surprise)
        } else {
            demand *= (1 + m.demandGrowth) * exp(surprise - 0.5 * sigmaD * sigmaD)
        }
        price *= 1 + m.inflation
        return surprise
    }
}
