/// `budget.csv`: per plan variant, the distribution over runs of the measures budget planners
/// read (``BudgetMeasures``), in tidy long form `variant,measure,statistic,value`.
///
/// Measures: `npv_net_savings` (at the headline discount rate) and `npv_net_savings_at_<rate>`
/// for every rate, `cumulative_investment`, `benefit_cost_ratio` (statistics: `mean`, `sd`,
/// `p5`, `p25`, `p50`, `p75`, `p95`, `mc_se`, and `prob_positive` for NPVs; the ratio's
/// statistics cover the runs with a cost and `runs_with_cost` counts them), and `payback_year`
/// (statistics `share_<year>` for each programme year and `share_never`), and
/// `final_productivity_gain_pct` with statistic `prob_nonpositive`: the share of runs whose
/// final-year productivity gain is ≤ 0 (the effect prior can fail).
package enum BudgetTable {
    package static let header = ["variant", "measure", "statistic", "value"]

    /// Appends the rows of one variant.
    package static func append(variant: String, budgets: [BudgetMeasures], scenario: Scenario, to table: inout CSVTable) {
        var columns = BudgetColumns(scenario: scenario, reserving: budgets.count)
        columns.add(contentsOf: budgets)
        append(variant: variant, budgets: columns, scenario: scenario, to: &table)
    }

    /// Appends the rows of one variant from its runs' measures in columns.
    package static func append(variant: String, budgets: BudgetColumns, scenario: Scenario, to table: inout CSVTable) {
        func add(_ measure: String, _ values: [Double], positive: Bool) {
            guard !values.isEmpty else { return }
            let q = QuantileSummary(values)
            var rows: [(String, Double)] = [("mean", q.mean), ("sd", q.standardDeviation)]
            for (p, v) in zip(["p5", "p25", "p50", "p75", "p95"], q.quantiles) { rows.append((p, v)) }
            rows.append(("mc_se", q.standardError))
            if positive { rows.append(("prob_positive", q.fractionPositive)) }
            for (statistic, value) in rows { table.append([.text(variant), .text(measure), .text(statistic), .number(value)]) }
        }
        let rates = scenario.discountRates
        add("npv_net_savings", budgets.npv[0], positive: true)
        for (i, rate) in rates.enumerated() {
            add("npv_net_savings_at_\(CSVTable.formatNumber(rate))", budgets.npv[i], positive: true)
        }
        add("cumulative_investment", budgets.cumulativeInvestment, positive: false)
        let ratios = budgets.benefitCostRatios
        add("benefit_cost_ratio", ratios, positive: false)
        table.append([.text(variant), .text("benefit_cost_ratio"), .text("runs_with_cost"), .integer(ratios.count)])
        let n = Double(max(1, budgets.count))
        let counts = budgets.paybackCounts
        for year in 1...scenario.horizon {
            table.append([
                .text(variant), .text("payback_year"), .text("share_\(scenario.startYear + year)"), .number(Double(counts[year]) / n),
            ])
        }
        table.append([.text(variant), .text("payback_year"), .text("share_never"), .number(Double(budgets.paybackNever) / n)])
        table.append([
            .text(variant), .text("final_productivity_gain_pct"), .text("prob_nonpositive"),
            .number(Double(budgets.noGainCount) / n),
        ])
    }

    /// P(final-year productivity gain ≤ 0): the share of runs without a productivity gain at the horizon.
    package static func probabilityOfNoGain(_ budgets: [BudgetMeasures]) -> Double {
        Double(budgets.filter { $0.finalProductivityGainPct <= 0 }.count) / Double(max(1, budgets.count))
    }

    /// The budget table of a single simulation.
    package static func make(_ result: SimulationResult) -> CSVTable {
        var table = CSVTable(header: header)
        append(variant: result.scenario.name, budgets: result.budgets, scenario: result.scenario, to: &table)
        return table
    }

    /// The budget table of a single simulation from its shared summaries (the same bytes as ``make(_:)``).
    package static func make(_ result: SimulationResult, summaries: OutputSummaries) -> CSVTable {
        var table = CSVTable(header: header)
        append(variant: result.scenario.name, budgets: summaries.budgets, scenario: result.scenario, to: &table)
        return table
    }
}
