/// `posterior.csv` of a conditioned run: for every uncertain input (``PlanSimulator/inputNames``
/// order), its distribution over the prior runs and over the runs conditioned on the outturn.
///
/// Columns: `input,prior_mean,prior_sd,prior_p5,prior_p50,prior_p95,posterior_mean,posterior_sd,
/// posterior_p5,posterior_p50,posterior_p95,sd_ratio` — exact type-7 quantiles over runs;
/// `sd_ratio` = posterior sd / prior sd (below 1: the outturn taught something about the input;
/// empty for a prior sd of 0).
package enum PosteriorTable {
    package static let header = [
        "input", "prior_mean", "prior_sd", "prior_p5", "prior_p50", "prior_p95",
        "posterior_mean", "posterior_sd", "posterior_p5", "posterior_p50", "posterior_p95", "sd_ratio",
    ]

    package static func make(inputNames: [String], prior: [[Double]], posterior: [[Double]]) -> CSVTable {
        var table = CSVTable(header: header)
        for (k, name) in inputNames.enumerated() {
            let a = QuantileSummary(prior.map { $0[k] }), b = QuantileSummary(posterior.map { $0[k] })
            table.append([
                .text(name), .number(a.mean), .number(a.standardDeviation), .number(a.p5), .number(a.p50), .number(a.p95),
                .number(b.mean), .number(b.standardDeviation), .number(b.p5), .number(b.p50), .number(b.p95),
                a.standardDeviation > 0 ? .number(b.standardDeviation / a.standardDeviation) : .empty,
            ])
        }
        return table
    }
}
