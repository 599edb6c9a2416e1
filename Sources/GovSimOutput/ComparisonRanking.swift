/// The terminal table of `govsim compare`: variants ranked by the planner's chosen measure, with
/// the paired difference from the baseline (mean and 90% interval) and the chance of beating it.
///
/// The measure's ``MetricDirection`` decides the order and the chance: for a lower-is-better
/// measure (spending, investment, run cost) the variant with the lowest mean difference ranks
/// first and "P(better than baseline)" is the share of runs in which it is lower. A measure
/// with no better direction (adoption) is ranked highest first, with "P(higher than baseline)".
package enum ComparisonRanking {
    /// Measures that can rank variants: run-level budget measures and final-year metrics.
    package static var measures: [String] {
        ["npv_net_savings", "npv", "npsv", "cumulative_investment"] + Metric.allCases.map(\.rawValue)
    }

    /// The direction of a measure of ``measures``.
    package static func direction(of measure: String) -> MetricDirection {
        switch measure {
        case "npv_net_savings", "npv", "npsv": return .higherIsBetter
        case "cumulative_investment": return .lowerIsBetter
        default: return Metric(rawValue: measure)?.direction ?? .neither
        }
    }

    /// The share of runs in which the paired difference `q` is an improvement (higher for a
    /// measure with no direction).
    package static func probabilityBetter(_ q: QuantileSummary, direction: MetricDirection) -> Double {
        direction == .lowerIsBetter ? q.fractionNegative : q.fractionPositive
    }

    /// The non-baseline variants in rank order: best mean difference first (ties in variant order).
    package static func ranked(_ result: ComparisonResult, measure: String) -> [(name: String, delta: QuantileSummary)] {
        let lowerFirst = direction(of: measure) == .lowerIsBetter
        return deltas(result, measure: measure).enumerated().sorted { a, b in
            if a.element.delta.mean != b.element.delta.mean {
                return lowerFirst ? a.element.delta.mean < b.element.delta.mean : a.element.delta.mean > b.element.delta.mean
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Paired differences of `measure` for each non-baseline variant.
    package static func deltas(_ result: ComparisonResult, measure: String) -> [(name: String, delta: QuantileSummary)] {
        var out: [(String, QuantileSummary)] = []
        for (v, outcome) in result.outcomes.enumerated() where v != result.baselineIndex {
            let q: QuantileSummary
            switch measure {
            case "npv_net_savings": q = result.budgetDeltas(v) { $0.npv[0] }
            case "npv": q = result.budgetDeltas(v) { $0.appraisal.financial.npv }
            case "npsv": q = result.budgetDeltas(v) { $0.appraisal.economic.npv }
            case "cumulative_investment": q = result.budgetDeltas(v) { $0.cumulativeInvestment }
            default:
                let metric = Metric(rawValue: measure)!
                q = outcome.deltas![metric]![outcome.scenario.horizon]
            }
            out.append((outcome.name, q))
        }
        return out
    }

    package static func render(_ result: ComparisonResult, rankBy measure: String) -> String {
        let base = result.baseline
        let direction = direction(of: measure)
        let ranked = ranked(result, measure: measure)
        let period = base.scenario.startYear + base.scenario.appraisal.period
        let unit =
            measure == "npv_net_savings"
            ? "\(base.scenario.currency), NPV at \(TerminalSummary.fmt(100 * base.scenario.discountRates[0], 1))% real"
            : measure == "npv"
                ? "\(base.scenario.currency), financial case to \(period), real \(base.scenario.startYear) prices"
                : measure == "npsv"
                    ? "\(base.scenario.currency), economic case to \(period), real \(base.scenario.startYear) prices"
                    : measure == "cumulative_investment"
                        ? base.scenario.currency : "final year \(base.scenario.startYear + base.scenario.horizon)"
        let better =
            direction == .higherIsBetter
            ? "higher is better" : direction == .lowerIsBetter ? "lower is better" : "neither way is better; ranked highest first"
        var rows: [[String]] = [
            [
                "rank", "variant", "mean difference", "90% interval",
                direction == .neither ? "P(higher than baseline)" : "P(better than baseline)",
            ]
        ]
        for (i, entry) in ranked.enumerated() {
            let q = entry.delta
            rows.append([
                "\(i + 1)", entry.name, TerminalSummary.fmt(q.mean, 2),
                "\(TerminalSummary.fmt(q.p5, 2)) to \(TerminalSummary.fmt(q.p95, 2))",
                "\(TerminalSummary.fmt(100 * probabilityBetter(q, direction: direction), 1))%",
            ])
        }
        var out =
            "Variants ranked by \(measure) (\(unit); \(better)), paired with baseline `\(base.name)` over \(base.scenario.runs) runs (common random numbers):\n"
        out += TextTable.render(rows, rightAligned: [0, 2, 3, 4])
        // The baseline's own appraisal over the whole appraisal period (both cases), then the
        // in-horizon cash measure of earlier versions.
        if base.budgets.appraisal.count > 0 {
            let npsv = QuantileSummary(base.budgets.appraisal.economic.npv)
            let npvFinancial = QuantileSummary(base.budgets.appraisal.financial.npv)
            out +=
                "Baseline `\(base.name)` to \(period): NPSV (economic case) mean \(TerminalSummary.fmt(npsv.mean, 1)), P(NPSV > 0) \(TerminalSummary.fmt(100 * npsv.fractionPositive, 1))%; "
                + "NPV (financial case) mean \(TerminalSummary.fmt(npvFinancial.mean, 1)), P(NPV > 0) \(TerminalSummary.fmt(100 * npvFinancial.fractionPositive, 1))%\n"
        }
        let npv = QuantileSummary(base.budgets.npv[0])
        out +=
            "Baseline `\(base.name)`: NPV of net savings within the horizon median \(TerminalSummary.fmt(npv.p50, 1)), P(NPV > 0) \(TerminalSummary.fmt(100 * npv.fractionPositive, 1))%\n"
        return out
    }
}
