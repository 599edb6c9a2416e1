/// `sensitivity.csv`, tidy: `year,metric,input,method,index,value,ci_low,ci_high`.
///
/// `method` is `src` (indices `src`, `srrc`, and per regression `r_squared` and
/// `rank_r_squared` with input `(all inputs)`) or `sobol` (indices `first_order` and
/// `total_order` with bootstrap 95% intervals). Outputs that do not vary (such as the base year)
/// have no rows. `ci_low`/`ci_high` are empty where no interval is computed.
///
/// With `--target npv|npsv|bcr|payback` the per-run appraisal measure is analysed instead, a
/// measure of the whole appraisal period with no year: its rows go to `sensitivity_totals.csv`
/// (``totalsHeader``: `measure` in place of `year,metric`, as comparison_totals.csv), so that
/// `year` only ever holds calendar years.
package enum SensitivityTable {
    package static let header = ["year", "metric", "input", "method", "index", "value", "ci_low", "ci_high"]
    /// The columns of `sensitivity_totals.csv`.
    package static let totalsHeader = ["measure", "input", "method", "index", "value", "ci_low", "ci_high"]

    /// The file ``make(_:)`` writes: `sensitivity.csv`, or `sensitivity_totals.csv` with a target.
    package static func fileName(_ result: SensitivityResult) -> String {
        result.target == nil ? "sensitivity.csv" : "sensitivity_totals.csv"
    }

    /// The rows of `result`: per year and metric (``header``), or with a target per measure
    /// (``totalsHeader``).
    package static func make(_ result: SensitivityResult) -> CSVTable {
        if let target = result.target {
            var table = CSVTable(header: totalsHeader)
            for r in result.rows {
                table.append([
                    .text(target.rawValue), .text(r.input), .text(r.method.rawValue),
                    .text(r.index), .number(r.value), r.ciLow.map { .number($0) } ?? .empty, r.ciHigh.map { .number($0) } ?? .empty,
                ])
            }
            return table
        }
        var table = CSVTable(header: header)
        for r in result.rows {
            // Without a target every row has a year (``SensitivityRow/year`` is nil only for a target's rows).
            table.append([
                .integer(result.scenario.startYear + (r.year ?? 0)),
                .text(r.metric?.rawValue ?? ""), .text(r.input), .text(r.method.rawValue),
                .text(r.index), .number(r.value), r.ciLow.map { .number($0) } ?? .empty, r.ciHigh.map { .number($0) } ?? .empty,
            ])
        }
        return table
    }

    /// The terminal "tornado" summary: for the final-year productivity gain, cumulative net
    /// savings and satisfaction gain, the most influential inputs, largest first, with bars.
    /// With a target, the one appraisal measure instead.
    package static func tornado(_ result: SensitivityResult, top: Int = 8) -> String {
        let year = result.scenario.startYear + result.scenario.horizon
        let label = result.method == .src ? "standardised regression coefficient (SRC)" : "total-order Sobol' index"
        var out: String
        let blocks: [(name: String, ranking: ArraySlice<(input: String, value: Double, low: Double?, high: Double?)>, r2: Double?)]
        if let target = result.target {
            let s = result.scenario
            out =
                "What drives the appraisal's \(target.rawValue) over \(s.startYear)–\(s.startYear + s.appraisal.period) (\(label); \(result.runs) model runs):\n"
            let ranking = result.targetRanking().prefix(top)
            blocks = [(target.rawValue, ranking, result.targetRSquared)]
            if ranking.isEmpty {
                out += "\nno indices: the measure is undefined in some run (a BCR of a run with no cost) or does not vary\n"
            }
        } else {
            out = "What drives the forecast in \(year) (\(label); \(result.runs) model runs):\n"
            blocks = [Metric.productivityGainPct, .cumulativeNetSavings, .satisfactionGain].map {
                ($0.rawValue, result.ranking($0).prefix(top), result.rSquared($0))
            }
        }
        for (name, ranking, r2) in blocks where !ranking.isEmpty || result.target == nil {
            out += "\n\(name)"
            if let r2 {
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
