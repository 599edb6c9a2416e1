/// `summary.csv`: one row per (year, metric) with the distribution over runs.
///
/// Columns: `year,metric,mean,sd,p5,p25,p50,p75,p95,mc_se` — `year` is the calendar year,
/// `sd` the standard deviation over runs, `mc_se` the Monte Carlo standard error of the mean.
public enum SummaryTable {
    public static let header = ["year", "metric", "mean", "sd", "p5", "p25", "p50", "p75", "p95", "mc_se"]

    public static func make(_ result: SimulationResult) -> CSVTable {
        var table = CSVTable(header: header)
        let years = result.scenario.horizon + 1
        for t in 0..<years {
            for metric in Metric.allCases {
                let s = result.summary[metric]![t]
                table.append([.integer(result.calendarYear(t)), .text(metric.rawValue), .number(s.mean), .number(s.standardDeviation)]
                             + s.quantiles.map { .number($0) } + [.number(s.standardError)])
            }
        }
        return table
    }
}
