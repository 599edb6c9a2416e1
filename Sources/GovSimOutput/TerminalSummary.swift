/// The one-screen summary printed at the end of `govsim run`: final-year key figures with their
/// medians and 90% intervals (p5–p95), as an aligned plain-text table, then the appraisal
/// (NPV, NPSV, BCR as the ratio of expected present values, P(NPV > 0)).
package enum TerminalSummary {
    /// The summary; `boldHeader` wraps the table's header row in ANSI bold (for a terminal).
    package static func render(_ result: SimulationResult, boldHeader: Bool = false) -> String {
        render(result, appraisal: AppraisalTable.summary(result.budgets, scenario: result.scenario), boldHeader: boldHeader)
    }

    /// The summary with the run's appraisal summary (``OutputSummaries/appraisal``, computed once
    /// for every output); `boldHeader` wraps the table's header row in ANSI bold.
    package static func render(_ result: SimulationResult, appraisal: AppraisalSummary, boldHeader: Bool = false) -> String {
        let s = result.scenario
        let last = s.horizon
        let year = result.calendarYear(last)
        func row(_ label: String, _ metric: Metric, _ unit: String, digits: Int) -> [String] {
            let q = result.summary[metric]![last]
            return [label, fmt(q.p50, digits), "\(fmt(q.p5, digits)) to \(fmt(q.p95, digits))", fmt(q.mean, digits), unit]
        }
        var rows: [[String]] = [["", "median", "90% interval", "mean", "unit"]]
        rows.append(row("Productivity gain", .productivityGainPct, "% vs no programme", digits: 2))
        rows.append(row("Productivity index", .productivityIndex, "base year = 100", digits: 1))
        rows.append(row("Spending", .spending, "\(s.currency) per year", digits: 1))
        rows.append(row("Net savings", .netSavings, "\(s.currency) per year", digits: 1))
        rows.append(row("Cumulative net savings", .cumulativeNetSavings, "\(s.currency) since \(s.startYear + 1)", digits: 1))
        rows.append(row("Satisfaction", .satisfaction, "points 0-100", digits: 1))
        rows.append(row("Satisfaction gain", .satisfactionGain, "points vs no programme", digits: 2))
        for kind in PracticeKind.allCases {
            rows.append(row("Adoption: \(kind.rawValue.replacingUnderscores())", Metric.adoption(kind), "share 0-1", digits: 2))
        }
        var out = "\(s.name): \(s.runs) runs, seed \(s.seed), final year \(year)\n"
        out += TextTable.render(rows, rightAligned: [1, 2, 3], boldHeader: boldHeader)
        let paybackShare =
            Double(result.budgets.filter { $0.paybackYear != nil && $0.npv.count > 0 }.count) / Double(max(1, result.budgets.count))
        out += "Chance of paying back (cumulative net savings turning positive) by \(year): \(fmt(100 * paybackShare, 1))%\n"
        out +=
            "Chance of no productivity gain in \(year) (final-year gain ≤ 0): \(fmt(100 * BudgetTable.probabilityOfNoGain(result.budgets), 1))%\n"
        out += appraisalLines(result, appraisal)
        return out
    }

    /// The appraisal block: NPV (financial case), NPSV (economic case), BCR of expected PVs and P(NPV > 0).
    static func appraisalLines(_ result: SimulationResult, _ a: AppraisalSummary) -> String {
        let s = result.scenario
        let settings = a.settings
        func ratio(_ r: Double?) -> String { r.map { fmt($0, 2) } ?? "n/a" }
        var rows: [[String]] = [["Appraisal to \(s.startYear + settings.period)", "mean", "mc se", "BCR", "P(>0)", "unit"]]
        for (label, c) in [("NPV (financial case)", a.financial), ("NPSV (economic case)", a.economic)] {
            rows.append([
                label, fmt(c.npv, 1), fmt(c.npvDistribution.standardError, 1), ratio(c.benefitCostRatio),
                "\(fmt(100 * c.probabilityPositive, 1))%", "\(s.currency), real \(s.startYear) prices",
            ])
        }
        return TextTable.render(rows, rightAligned: [1, 2, 3, 4])
    }

    /// `x` with `digits` decimals, locale-free.
    package static func fmt(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return String(describing: x) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (abs(x) * scale).rounded() / scale
        let negative = x < 0 && r != 0
        let whole = Int(r)
        var frac = String(Int(((r - Double(whole)) * scale).rounded()))
        while frac.count < digits { frac = "0" + frac }
        return (negative ? "-" : "") + String(whole) + (digits > 0 ? "." + frac : "")
    }
}

/// Plain-text tables with columns padded to equal width.
package enum TextTable {
    /// Renders `rows` (the first is the header) with two spaces between columns; the columns in
    /// `rightAligned` are right-aligned. `boldHeader` wraps the first row in ANSI bold.
    package static func render(_ rows: [[String]], rightAligned: Set<Int> = [], boldHeader: Bool = false) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (r, row) in rows.enumerated() {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                line += (i > 0 ? "  " : "") + (rightAligned.contains(i) ? pad + cell : cell + pad)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += (r == 0 && boldHeader ? "\u{1B}[1m" + line + "\u{1B}[0m" : line) + "\n"
        }
        return out
    }
}
