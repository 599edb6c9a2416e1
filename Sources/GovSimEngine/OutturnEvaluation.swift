/// How observed KPIs (outturn) sit in a forecast's distribution: for each observation, its
/// probability integral transform (PIT), the forecast median and its error, the 50% and 90%
/// bands and whether the observation falls inside them; and across observations, the coverage
/// of the bands (a calibrated forecast covers about 50% and 90% of observations).
///
/// Contract: the forecast distribution of an observation is that of its metric in its year over
/// the runs, *without* measurement error (the outturn's `sd` is not used here). PIT = (number
/// of runs below the observation + half the number equal to it) / runs, so it lies in [0, 1]
/// and is uniform for a calibrated forecast of a continuous quantity. Quantiles are exact
/// type-7 sample quantiles (``QuantileSummary``) of the runs' values; the bands are closed
/// intervals [p25, p75] and [p5, p95].
package struct OutturnEvaluation: Sendable {
    /// One observation's evaluation.
    package struct Point: Sendable {
        package let observation: OutturnFile.Observation
        package let pit: Double
        /// Forecast quantiles (p5, p25, p50, p75, p95) of the observed metric in its year.
        package let forecast: QuantileSummary
        package var median: Double { forecast.p50 }
        /// Observed minus forecast median (metric units).
        package var medianError: Double { observation.value - forecast.p50 }
        package var in50: Bool { observation.value >= forecast.p25 && observation.value <= forecast.p75 }
        package var in90: Bool { observation.value >= forecast.p5 && observation.value <= forecast.p95 }
    }

    /// Coverage of one band over all observations.
    package struct Coverage: Sendable, Equatable {
        /// Nominal coverage (0.5 or 0.9).
        package let nominal: Double
        package let points: Int
        package let inside: Int
        package var share: Double { points == 0 ? 0 : Double(inside) / Double(points) }
        /// Binomial standard error of the share for a calibrated forecast, √(p(1−p)/n), treating
        /// the observations as independent (they are not quite: years of one metric are
        /// correlated, so read it as a lower bound).
        package var standardError: Double { points == 0 ? 0 : (nominal * (1 - nominal) / Double(points)).squareRoot() }
    }

    package let points: [Point]

    /// Evaluates `observations` given `values[k]`, the values over the runs of observation k's
    /// metric in its year (see ``observedValues(plan:observations:threads:progress:)``).
    package init(observations: [OutturnFile.Observation], values: [[Double]]) {
        precondition(observations.count == values.count, "OutturnEvaluation: one column of values per observation")
        points = zip(observations, values).map { o, column in
            var below = 0, equal = 0
            for x in column { if x < o.value { below += 1 } else if x == o.value { equal += 1 } }
            let pit = column.isEmpty ? 0.5 : (Double(below) + 0.5 * Double(equal)) / Double(column.count)
            return Point(observation: o, pit: pit, forecast: QuantileSummary(column))
        }
    }

    /// Coverage of the 50% band.
    package var coverage50: Coverage { Coverage(nominal: 0.5, points: points.count, inside: points.filter(\.in50).count) }
    /// Coverage of the 90% band.
    package var coverage90: Coverage { Coverage(nominal: 0.9, points: points.count, inside: points.filter(\.in90).count) }

    /// The runs' values of each observation's (metric, year), simulating every run of `plan`
    /// (same runs, in run order, as `govsim run` of the scenario): `result[k][i]` is run i's
    /// value for observation k. Independent of `threads`.
    package static func observedValues(
        plan: PlanSimulator, observations: [OutturnFile.Observation], threads: Int,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> [[Double]] {
        let blocks = ParallelBlocks.blocks(runs: plan.scenario.runs)
        let runs = plan.scenario.runs
        var blocksDone: (@Sendable (Int) -> Void)? = nil
        if let progress { blocksDone = { done in progress(min(runs, done * ParallelBlocks.blockSize)) } }
        let parts = ParallelBlocks.map(blockCount: blocks.count, threads: threads, progress: blocksDone) { b -> [Double] in
            var out: [Double] = []
            out.reserveCapacity(blocks[b].count * observations.count)
            plan.simulate(block: blocks[b]) { _, work in
                for o in observations { out.append(work.total[o.metric, o.yearIndex]) }
            }
            return out
        }
        var columns = [[Double]](repeating: [], count: observations.count)
        for k in 0..<observations.count { columns[k].reserveCapacity(plan.scenario.runs) }
        for part in parts {
            for (i, x) in part.enumerated() { columns[i % observations.count].append(x) }
        }
        return columns
    }
}
