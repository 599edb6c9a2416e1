/// `comparison.csv`: paired differences of each variant from the baseline, tidy:
/// `year,metric,variant,baseline,delta_mean,delta_sd,delta_p5,delta_p25,delta_p50,delta_p75,delta_p95,prob_positive,delta_mc_se,better,prob_better`.
///
/// One row per calendar year, metric and non-baseline variant. The whole-horizon measures
/// `npv_net_savings` (headline discount rate) and `cumulative_investment` are in their own file,
/// `comparison_totals.csv` (``totals(_:)``), so that `year` holds only years.
/// `prob_positive` is the share of runs in which the variant's value exceeds the baseline's;
/// `delta_mc_se` is the Monte Carlo standard error of `delta_mean` (sd/√runs). `better` is the
/// measure's ``MetricDirection`` (`higher`, `lower` or `neither`) and `prob_better` the share of
/// runs in which the variant is better than the baseline (lower for spending, investment and run
/// cost; empty for a measure with no better direction).
package enum ComparisonTable {
    package static let header = [
        "year", "metric", "variant", "baseline", "delta_mean", "delta_sd", "delta_p5", "delta_p25",
        "delta_p50", "delta_p75", "delta_p95", "prob_positive", "delta_mc_se", "better", "prob_better",
    ]

    package static func make(_ result: ComparisonResult) -> CSVTable {
        var table = CSVTable(header: header)
        let base = result.baseline
        func row(_ year: CSVTable.Cell, _ metric: String, _ variant: String, _ q: QuantileSummary) -> [CSVTable.Cell] {
            let direction = ComparisonRanking.direction(of: metric)
            return [year, .text(metric), .text(variant), .text(base.name), .number(q.mean), .number(q.standardDeviation)]
                + q.quantiles.map { .number($0) } + [
                    .number(q.fractionPositive), .number(q.standardError), .text(direction.rawValue),
                    direction == .neither ? .empty : .number(ComparisonRanking.probabilityBetter(q, direction: direction)),
                ]
        }
        let years = base.scenario.horizon + 1
        for t in 0..<years {
            for metric in Metric.allCases {
                for outcome in result.outcomes {
                    guard let deltas = outcome.deltas else { continue }
                    table.append(row(.integer(base.scenario.startYear + t), metric.rawValue, outcome.name, deltas[metric]![t]))
                }
            }
        }
        return table
    }

    /// `comparison_totals.csv`: the paired differences of the whole-horizon measures
    /// `npv_net_savings` (headline discount rate; real, present value at the base year) and
    /// `cumulative_investment` (nominal, summed over the horizon), with comparison.csv's columns
    /// but `measure` for `year,metric`.
    package static func totals(_ result: ComparisonResult) -> CSVTable {
        var table = CSVTable(header: ["measure"] + header.dropFirst(2))
        let base = result.baseline
        func row(_ measure: String, _ variant: String, _ q: QuantileSummary) -> [CSVTable.Cell] {
            let direction = ComparisonRanking.direction(of: measure)
            return [.text(measure), .text(variant), .text(base.name), .number(q.mean), .number(q.standardDeviation)]
                + q.quantiles.map { .number($0) } + [
                    .number(q.fractionPositive), .number(q.standardError), .text(direction.rawValue),
                    direction == .neither ? .empty : .number(ComparisonRanking.probabilityBetter(q, direction: direction)),
                ]
        }
        for (v, outcome) in result.outcomes.enumerated() where outcome.deltas != nil {
            table.append(row("npv_net_savings", outcome.name, result.budgetDeltas(v) { $0.npv[0] }))
            table.append(row("cumulative_investment", outcome.name, result.budgetDeltas(v) { $0.cumulativeInvestment }))
        }
        return table
    }

    /// `summary.csv` of a comparison: `variant` followed by the columns of ``SummaryTable``.
    package static func summary(_ result: ComparisonResult) -> CSVTable {
        var table = CSVTable(header: ["variant"] + SummaryTable.header)
        for outcome in result.outcomes {
            for row in SummaryTable.rows(outcome.summary, scenario: outcome.scenario) { table.append([.text(outcome.name)] + row) }
        }
        return table
    }

    /// `budget.csv` of a comparison (see ``BudgetTable``).
    package static func budget(_ result: ComparisonResult) -> CSVTable {
        var table = CSVTable(header: BudgetTable.header)
        for outcome in result.outcomes {
            BudgetTable.append(variant: outcome.name, budgets: outcome.budgets, scenario: outcome.scenario, to: &table)
        }
        return table
    }

    /// The appraisal outputs of a comparison: `appraisal.csv` (every variant, see
    /// ``AppraisalTable``), `options.csv`, `value_of_information.csv`, `switching_values.csv`
    /// (``OptionsTable``) and `report.html` (options table, value of information, money tornado
    /// and switching values). The sweeps re-run the scenario on `threads` threads (the bytes do
    /// not depend on them); `phases` follows them (the inputs swept).
    package static func appraisalFiles(
        _ result: ComparisonResult, scenarioFile: String, scenarioSHA256: String,
        threads: Int = ParallelBlocks.defaultThreads, phases: PhaseProgress? = nil
    ) -> [(String, String)] {
        var table = CSVTable(header: AppraisalTable.header)
        for outcome in result.outcomes {
            AppraisalTable.append(
                variant: outcome.name, summary: AppraisalTable.summary(outcome.budgets, scenario: outcome.scenario),
                scenario: outcome.scenario, yearly: outcome.summary, to: &table)
        }
        let options = OptionsAppraisal(result)
        // Value of information's input columns and regressions are freed: give their pages back
        // before the sweeps' re-runs (``ProcessMemory``).
        ProcessMemory.returnFreedMemory()
        let inputs = AppraisalInput.standard(for: result.baseline.scenario)
        let study =
            options.options.count < 2
            ? nil
            : OptionSwitchingStudy(
                result, options: options, inputs: inputs, threads: threads,
                progress: phases?("switching values", inputs.count, "inputs"))
        let s = result.baseline.scenario
        let report = HTMLReport(
            title: "\(s.name): options appraisal", subtitle: s.description.trimmingSpaces(),
            facts:
                "\(result.outcomes.count) options · \(s.runs) runs · \(s.startYear)–\(s.startYear + s.appraisal.period) · \(s.currency), real \(s.startYear) prices",
            provenance: ReportProvenance(
                scenarioName: s.name, scenarioFile: scenarioFile, scenarioSHA256: scenarioSHA256, seed: s.seed, runs: s.runs,
                command: "compare"),
            sections: [OptionsSection(appraisal: options, scenario: s), ValueOfInformationSection(appraisal: options, scenario: s)]
                + (study.map { [OptionTornadoSection(study: $0, scenario: s)] } ?? []))
        return [
            ("appraisal.csv", table.render()), ("options.csv", OptionsTable.make(options, scenario: s).render()),
            ("value_of_information.csv", OptionsTable.valueOfInformation(options, scenario: s).render()),
        ]
            + (study.map { [("switching_values.csv", OptionsTable.switching($0, scenario: s).render())] } ?? [])
            + [("report.html", report.render())]
    }
}
