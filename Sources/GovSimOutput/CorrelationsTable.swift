/// `correlations.csv`: for every pair of correlated inputs, the target rank correlation and the
/// Spearman rank correlation achieved over all runs:
/// `input_a,input_b,target,achieved,difference` (achieved − target). With `repair: nearest`, the
/// target is the repaired matrix's entry (the change is reported in the terminal and manifest).
package enum CorrelationsTable {
    package static let header = ["input_a", "input_b", "target", "achieved", "difference"]

    package static func make(_ result: SimulationResult) -> CSVTable {
        var table = CSVTable(header: header)
        guard let target = result.scenario.correlation else { return table }
        // In a portfolio, the first organisation's inputs are reported.
        func column(_ name: String) -> [Double]? { result.correlatedInputs[name] }
        let names = target.names
        for a in 0..<names.count {
            for b in (a + 1)..<names.count {
                guard let x = column(names[a]), let y = column(names[b]) else { continue }
                let achieved = SpearmanCorrelation.coefficient(x, y)
                table.append([.text(names[a]), .text(names[b]), .number(target[a, b]), .number(achieved), .number(achieved - target[a, b])])
            }
        }
        return table
    }
}
