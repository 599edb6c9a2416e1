/// `switching_values.csv` of `govsim sensitivity --method switching` (``SwitchingValueStudy``):
/// one row per input and case (`financial` NPV, `economic` NPSV):
/// `input,unit,case,central,switching_value,low,high,mean_base,mean_at_low,mean_at_high,change_at_low,change_at_high,currency`.
///
/// `switching_value` is the input value at which the case's mean NPV is 0 (empty if there is none
/// in the allowed range, or the NPV does not depend on the input); `mean_base` is the scenario's
/// own mean NPV; `mean_at_low` / `mean_at_high` the mean NPV with the input fixed at its sweep
/// values (p10 / p90 if uncertain, 0.75 / 1.25 × the value if fixed) and `change_at_*` their
/// differences from `mean_base`: the money tornado. Money in the scenario's currency, real
/// base-year prices, present value at the base year.
package enum SwitchingValuesTable {
    package static let header = [
        "input", "unit", "case", "central", "switching_value", "low", "high", "mean_base",
        "mean_at_low", "mean_at_high", "change_at_low", "change_at_high", "currency",
    ]

    package static func make(_ study: SwitchingValueStudy, scenario: Scenario) -> CSVTable {
        var table = CSVTable(header: header)
        let currency = "\(scenario.currency), real \(scenario.startYear) prices"
        for row in study.rows {
            for (name, sw, base, lo, hi) in [
                ("financial", row.financialSwitch, study.base.financial.mean, row.financialAtLow, row.financialAtHigh),
                ("economic", row.economicSwitch, study.base.economic.mean, row.economicAtLow, row.economicAtHigh),
            ] {
                table.append([
                    .text(row.input), .text(row.unit), .text(name), .number(row.central), sw.map(CSVTable.Cell.number) ?? .empty,
                    .number(row.low), .number(row.high), .number(base), .number(lo), .number(hi),
                    .number(lo - base), .number(hi - base), .text(currency),
                ])
            }
        }
        return table
    }

    /// The terminal table: inputs ordered by the width of their NPSV swing, with both switching values.
    package static func tornado(_ study: SwitchingValueStudy, scenario: Scenario) -> String {
        let rows = study.rows.enumerated().sorted { a, b in
            let wa = abs(a.element.economicAtHigh - a.element.economicAtLow), wb = abs(b.element.economicAtHigh - b.element.economicAtLow)
            return wa != wb ? wa > wb : a.offset < b.offset
        }.map(\.element)
        func n(_ x: Double?) -> String { x.map { TerminalSummary.fmt($0, abs($0) < 10 ? 3 : 1) } ?? "none" }
        var table: [[String]] = [["input", "central", "NPV = 0 at", "NPSV = 0 at", "NPSV at low", "NPSV at high"]]
        for r in rows {
            table.append([
                r.input, n(r.central), n(r.financialSwitch), n(r.economicSwitch), TerminalSummary.fmt(r.economicAtLow, 1),
                TerminalSummary.fmt(r.economicAtHigh, 1),
            ])
        }
        var out =
            "Switching values and one-way sweeps (\(scenario.currency), real \(scenario.startYear) prices; mean NPV \(TerminalSummary.fmt(study.base.financial.mean, 1)), mean NPSV \(TerminalSummary.fmt(study.base.economic.mean, 1))):\n"
        out += TextTable.render(table, rightAligned: [1, 2, 3, 4, 5])
        return out
    }
}
