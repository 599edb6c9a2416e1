/// The summaries of a simulation's runs that several of its outputs share: budget.csv,
/// appraisal.csv, report.html and the terminal summary. The pipeline computes them once per
/// output folder and passes them down (a value, not a cache), so every run's measures are gathered
/// into columns once and each appraisal quantile selected once, instead of once per output.
package struct OutputSummaries: Sendable {
    /// Every run's budget measures in columns, in run order (budget.csv's distributions).
    package let budgets: BudgetColumns
    /// The appraisal summary of the runs (appraisal.csv, the report's appraisal section, the
    /// terminal summary's appraisal block), from ``budgets``' appraisal columns.
    package let appraisal: AppraisalSummary

    /// The summaries of `result`'s runs.
    package init(_ result: SimulationResult) {
        var columns = BudgetColumns(scenario: result.scenario, reserving: result.budgets.count)
        columns.add(contentsOf: result.budgets)
        budgets = columns
        appraisal = AppraisalTable.summary(columns, scenario: result.scenario)
    }
}
