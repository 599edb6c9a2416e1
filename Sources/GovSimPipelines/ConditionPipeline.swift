import Foundation

/// `govsim run SCENARIO --condition-on OUTTURN.csv`: the runs conditioned on the outturn
/// (``ImportanceResampler``), then every artifact of `govsim run` made from the conditioned runs
/// (``ConditionedSimulation``), plus `posterior.csv` (prior and posterior of every uncertain
/// input), the outturn drawn over the report's fans, and a `conditioning` section in the
/// manifest (the outturn file, and per observed year the ESS, whether the runs were resampled
/// and the moves' acceptance).
package enum ConditionPipeline {
    /// What the command prints besides the run's own notes.
    package struct Outcome {
        package let run: RunPipeline.Outcome
        package let conditioning: ImportanceResampler.Outcome
        /// One line per observed year (ESS, resampling, moves) and one on the result.
        package let notes: [String]
    }

    /// Conditions `options.scenario`'s runs on `outturn` (every observation with an sd) and
    /// writes the artifacts into `sink`. `phases` follows the work: the resampler's phases
    /// (``ImportanceResampler/PhaseProgress``), then `simulating` the conditioned runs.
    /// - Throws: ``ConditioningError`` when the weights degenerate beyond repair.
    package static func run(
        _ options: RunPipeline.Options, outturn: OutturnFile, threads: Int,
        settings: ImportanceResampler.Settings = .init(), into sink: ArtifactSink,
        phases: PhaseProgress? = nil
    ) throws -> Outcome {
        let plan = PlanSimulator(scenario: options.scenario)
        try ResourceGuard.refuseIfTooLarge(
            MemoryEstimate.conditioning(
                scenario: options.scenario, uncertainInputs: plan.inputCount,
                latentShocksPerYear: plan.latentShockWidth,
                observedYears: outturn.yearIndices.max() ?? 0,
                stages: outturn.yearIndices.count, threads: threads))
        let resampler = ImportanceResampler(plan: plan, outturn: outturn, settings: settings, threads: threads)
        let conditioning = try resampler.run(phases: phases)
        let n = options.scenario.runs
        var notes: [String] = []
        var stages: [JSONValue] = []
        for stage in conditioning.stages {
            var line =
                "Conditioned on \(stage.year) (\(stage.observations) observation\(stage.observations == 1 ? "" : "s")): effective sample size \(ChartNumberFormat.fixed(stage.ess, decimals: 0)) of \(n) runs (\(ChartNumberFormat.fixed(100 * stage.ess / Double(n), decimals: 1))%)"
            if let a = stage.acceptance {
                line +=
                    "; below \(ChartNumberFormat.fixed(100 * settings.resampleBelow, decimals: 0))%, so tempered in \(stage.steps) step\(stage.steps == 1 ? "" : "s"), each resampled and moved (\(settings.moves) Metropolis steps per run, \(ChartNumberFormat.fixed(100 * a, decimals: 0))% accepted)"
            } else if stage.resampled {
                line += "; resampled"
            }
            notes.append(line)
            var object: [String: JSONValue] = [
                "year": .integer(stage.year), "observations": .integer(stage.observations),
                "ess": .number(stage.ess), "resampled": .bool(stage.resampled),
            ]
            if let a = stage.acceptance { object["acceptance"] = .number(a) }
            if stage.acceptance != nil { object["steps"] = .integer(stage.steps) }
            if let rho = stage.rho { object["rho"] = .number(rho) }
            stages.append(.object(object))
        }
        notes.append(
            "The \(n) conditioned runs hold \(conditioning.distinct) distinct runs; posterior.csv compares every uncertain input's prior and posterior"
        )
        var run = options
        run.manifest.extra["conditioning"] = .object([
            "outturn": .string(outturn.fileName), "observations": .integer(outturn.observations.count),
            "method": .string(
                "sequential importance resampling, normal measurement error, adaptive tempering keeping the ESS at \(CSVTable.formatNumber(settings.resampleBelow)) x runs, systematic resampling, \(settings.moves) preconditioned Crank-Nicolson Metropolis moves of the inputs' normal scores and the observed years' shock normals (rho from \(CSVTable.formatNumber(settings.correlation)), adapted to acceptance \(CSVTable.formatNumber(settings.targetAcceptance)); correlated inputs moved under their Gaussian copula)"
            ),
            "stages": .array(stages), "distinct_runs": .integer(conditioning.distinct),
        ])
        run.extraFiles.append(
            (
                "posterior.csv",
                PosteriorTable.make(
                    inputNames: plan.inputNames, prior: conditioning.priorInputs,
                    posterior: conditioning.posteriorInputs
                ).render()
            ))
        run.outturn = (outturn, "conditioned on outturn \(outturn.fileName)")
        let simulation = ConditionedSimulation(plan: plan, particles: conditioning.particles, threads: threads)
        let progress = phases?("simulating", n, "runs")
        let outcome = try RunPipeline.run(run, into: sink) { format, recordSink in
            simulation.run(progress: progress, formatRecords: format, recordSink: recordSink)
        }
        return Outcome(run: outcome, conditioning: conditioning, notes: notes)
    }
}
