/// The sampled uncertain inputs and key results of one run (a row of `runs.csv`).
package struct RunRecord: Sendable, Equatable {
    /// Zero-based run index.
    package let run: Int
    /// Values of the uncertain inputs, in ``InputSampler/dimensions`` order.
    package let inputs: [Double]
    /// Final-year productivity gain over the counterfactual (%).
    package let finalProductivityGainPct: Double
    /// Net savings summed over the horizon (currency, nominal).
    package let cumulativeNetSavings: Double
    /// Final-year satisfaction (points 0–100).
    package let finalSatisfaction: Double
    /// Final-year satisfaction gain over the counterfactual (points).
    package let finalSatisfactionGain: Double
    /// Investment summed over the horizon (currency, nominal).
    package let totalInvestment: Double
    /// NPV, payback and benefit–cost ratio of the run.
    package let budget: BudgetMeasures

    package init(run: Int, inputs: [Double], trajectory t: RunTrajectory, budget: BudgetMeasures) {
        self.budget = budget
        self.run = run
        self.inputs = inputs
        finalProductivityGainPct = t.final(.productivityGainPct)
        cumulativeNetSavings = t.final(.cumulativeNetSavings)
        finalSatisfaction = t.final(.satisfaction)
        finalSatisfactionGain = t.final(.satisfactionGain)
        var investment = 0.0
        for year in 0..<t.years { investment += t[.investment, year] }
        totalInvestment = investment
    }
}
