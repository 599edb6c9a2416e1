/// `evaluation.csv` and `calibration.csv` of `govsim evaluate`.
///
/// `evaluation.csv`: one row per observation, in the outturn file's order:
/// `year,metric,observed,pit,median,in_50,in_90,median_error,p5,p25,p75,p95` — `pit` the share
/// of runs below the observation (ties count half), `in_50`/`in_90` `true` when the observation
/// lies in the forecast's [p25, p75] / [p5, p95], `median_error` observed − median.
///
/// `calibration.csv`: one row per band: `band,nominal,points,inside,coverage,binomial_se`.
package enum EvaluationTable {
    package static let header = [
        "year", "metric", "observed", "pit", "median", "in_50", "in_90", "median_error", "p5", "p25", "p75", "p95",
    ]
    package static let calibrationHeader = ["band", "nominal", "points", "inside", "coverage", "binomial_se"]

    package static func make(_ evaluation: OutturnEvaluation) -> CSVTable {
        var table = CSVTable(header: header)
        for p in evaluation.points {
            let o = p.observation, q = p.forecast
            table.append([
                .integer(o.year), .text(o.metric.rawValue), .number(o.value), .number(p.pit), .number(p.median),
                .text(p.in50 ? "true" : "false"), .text(p.in90 ? "true" : "false"), .number(p.medianError),
                .number(q.p5), .number(q.p25), .number(q.p75), .number(q.p95),
            ])
        }
        return table
    }

    package static func calibration(_ evaluation: OutturnEvaluation) -> CSVTable {
        var table = CSVTable(header: calibrationHeader)
        for (band, c) in [("50%", evaluation.coverage50), ("90%", evaluation.coverage90)] {
            table.append([
                .text(band), .number(c.nominal), .integer(c.points), .integer(c.inside), .number(c.share), .number(c.standardError),
            ])
        }
        return table
    }
}
