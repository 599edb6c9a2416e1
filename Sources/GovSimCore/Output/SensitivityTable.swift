/// `sensitivity.csv`, tidy: `year,metric,input,method,index,value,ci_low,ci_high`.
///
/// `method` is `src` (indices `src`, `srrc`, and per regression `r_squared` and
/// `rank_r_squared` with input `(all inputs)`) or `sobol` (indices `first_order` and
/// `total_order` with bootstrap 95% intervals). Outputs that do not vary (such as the base year)
/// have no rows. `ci_low`/`ci_high` are empty where no interval is computed.
public enum SensitivityTable {
    public static let header = ["year", "metric", "input", "method", "index", "value", "ci_low", "ci_high"]

    public static func make(_ result: SensitivityResult) -> CSVTable {
        var table = CSVTable(header: header)
        for r in result.rows {
            table.append([.integer(result.scenario.startYear + r.year), .text(r.metric.rawValue), .text(r.input), .text(r.method.rawValue),
                          .text(r.index), .number(r.value), r.ciLow.map { .number($0) } ?? .empty, r.ciHigh.map { .number($0) } ?? .empty])
        }
        return table
    }

    /// The terminal "tornado" summary: for the final-year productivity gain, cumulative net
    /// savings and satisfaction gain, the most influential inputs, largest first, with bars.
    public static func tornado(_ result: SensitivityResult, top: Int = 8) -> String {
        let year = result.scenario.startYear + result.scenario.horizon
        let label = result.method == .src ? "standardised regression coefficient (SRC)" : "total-order Sobol' index"
        var out = "What drives the forecast in \(year) (\(label); \(result.runs) model runs):\n"
        for metric in [Metric.productivityGainPct, .cumulativeNetSavings, .satisfactionGain] {
            let ranking = result.ranking(metric).prefix(top)
            out += "\n\(metric.rawValue)"
            if let r2 = result.rSquared(metric) {
                out += " (R² = \(TerminalSummary.fmt(r2, 2)))"
                if r2 < 0.7 { out += "\n  note: R² below 0.7 — linear measures explain too little of this output; use --method sobol" }
            }
            out += "\n"
            let scale = ranking.map { abs($0.value) }.max() ?? 1
            var rows: [[String]] = []
            for entry in ranking {
                let width = scale > 0 ? Int((abs(entry.value) / scale * 24).rounded()) : 0
                let bar = String(repeating: entry.value < 0 ? "-" : "+", count: max(width, 1))
                rows.append(["  " + entry.input, TerminalSummary.fmt(entry.value, 3), bar])
            }
            out += TextTable.render(rows, rightAligned: [1])
        }
        return out
    }
}
