/// `runs.csv`: one row per run with its sampled uncertain inputs (one column per input, named by
/// its scenario path) and its key results.
public enum RunsTable {
    public static let resultColumns = ["final_productivity_gain_pct", "cumulative_net_savings", "final_satisfaction",
                                       "final_satisfaction_gain", "total_investment", "npv_net_savings", "payback_year", "benefit_cost_ratio"]

    public static func make(_ result: SimulationResult) -> CSVTable {
        var table = CSVTable(header: ["run"] + result.inputNames + resultColumns)
        for r in result.records { table.append(row(r, startYear: result.scenario.startYear)) }
        return table
    }

    /// The header line (with its newline) for these input names.
    public static func headerLine(inputNames: [String]) -> String {
        CSVTable(header: ["run"] + inputNames + resultColumns).render()
    }

    /// The CSV lines of some records (for writing `runs.csv` in pieces).
    public static func lines<C: Collection>(_ records: C, startYear: Int) -> String where C.Element == RunRecord {
        var out = ""
        for r in records {
            var first = true
            for cell in row(r, startYear: startYear) {
                if !first { out += "," }
                first = false
                out += CSVTable.format(cell)
            }
            out += "\n"
        }
        return out
    }

    static func row(_ r: RunRecord, startYear: Int) -> [CSVTable.Cell] {
        [.integer(r.run)] + r.inputs.map { .number($0) } + [
            .number(r.finalProductivityGainPct), .number(r.cumulativeNetSavings), .number(r.finalSatisfaction),
            .number(r.finalSatisfactionGain), .number(r.totalInvestment), .number(r.budget.npv[0]),
            r.budget.paybackYear.map { .integer(startYear + $0) } ?? .text("never"),
            r.budget.benefitCostRatio.map { .number($0) } ?? .empty,
        ]
    }
}
