/// `summary.csv`: one row per (year, metric) with the distribution over runs.
///
/// Columns: `year,metric,mean,sd,p5,p25,p50,p75,p95,mc_se` — `year` is the calendar year,
/// `sd` the standard deviation over runs, `mc_se` the Monte Carlo standard error of the mean.
package enum SummaryTable {
    package static let header = ["year", "metric", "mean", "sd", "p5", "p25", "p50", "p75", "p95", "mc_se"]

    package static func make(_ result: SimulationResult) -> CSVTable {
        var table = CSVTable(header: header)
        for row in rows(result.summary, scenario: result.scenario) { table.append(row) }
        return table
    }

    /// The rows for one set of summaries, year by year.
    package static func rows(_ summary: [Metric: [QuantileSummary]], scenario: Scenario) -> [[CSVTable.Cell]] {
        var out: [[CSVTable.Cell]] = []
        for t in 0...scenario.horizon {
            for metric in Metric.allCases {
                let s = summary[metric]![t]
                out.append(
                    [.integer(scenario.startYear + t), .text(metric.rawValue), .number(s.mean), .number(s.standardDeviation)]
                        + s.quantiles.map { .number($0) } + [.number(s.standardError)])
            }
        }
        return out
    }

    /// `organisations.csv` of a portfolio: `organisation` followed by the columns of the summary.
    package static func organisations(_ result: SimulationResult) -> CSVTable {
        var table = CSVTable(header: ["organisation"] + header)
        for (name, summary) in result.organisationSummaries {
            for row in rows(summary, scenario: result.scenario) { table.append([.text(name)] + row) }
        }
        return table
    }
}
