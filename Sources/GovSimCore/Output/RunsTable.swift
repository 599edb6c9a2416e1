/// `runs.csv`: one row per run with its sampled uncertain inputs (one column per input, named by
/// its scenario path) and its key results.
public enum RunsTable {
    public static let resultColumns = ["final_productivity_gain_pct", "cumulative_net_savings", "final_satisfaction",
                                       "final_satisfaction_gain", "total_investment", "npv_net_savings", "payback_year", "benefit_cost_ratio"]

    public static func make(_ result: SimulationResult) -> CSVTable {
        var table = CSVTable(header: ["run"] + result.inputNames + resultColumns)
        for r in result.records {
            table.append([.integer(r.run)] + r.inputs.map { .number($0) } + [
                .number(r.finalProductivityGainPct), .number(r.cumulativeNetSavings), .number(r.finalSatisfaction),
                .number(r.finalSatisfactionGain), .number(r.totalInvestment), .number(r.budget.npv[0]),
                r.budget.paybackYear.map { .integer(result.calendarYear($0)) } ?? .text("never"),
                r.budget.benefitCostRatio.map { .number($0) } ?? .empty,
            ])
        }
        return table
    }
}
