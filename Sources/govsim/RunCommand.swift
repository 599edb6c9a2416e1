import ArgumentParser
import Foundation
import GovSimCore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and write summary.csv, runs.csv, report.html and manifest.json.",
        discussion: """
            Examples:
              govsim run                 # the built-in reference -> outputs/reference/
              govsim run scenarios/digital-first.yaml --runs 20000 --seed 7
              govsim run my-plan.yaml --out outputs/my-plan-v2
              govsim run my-plan.yaml --condition-on outturn.csv   # updated by outturn
            """
    )

    @Argument(help: "Scenario YAML file (default: the built-in reference scenario).")
    var scenario: String?

    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var output: OutputOptions<RunFolder>
    @OptionGroup var style: OutputStyleOptions

    @Option(
        help: ArgumentHelp(
            "Run only the K-th of N equal slices of the runs (fixed blocks of run indices) and write partial results for `govsim merge`.",
            valueName: "K/N"))
    var shard: String?

    @Flag(
        name: .customLong("shard-from-env"),
        help:
            "Take K from SLURM_ARRAY_TASK_ID (an array 1-N) or JOB_COMPLETION_INDEX + 1 (Kubernetes, 0-based), and N from --shards or else the Slurm array's size."
    )
    var shardFromEnvironment = false

    @Option(
        name: .customLong("condition-on"),
        help: ArgumentHelp(
            "Condition the forecast on observed KPIs: an outturn CSV year,metric,value,sd (sequential importance resampling of the runs; writes posterior.csv too).",
            valueName: "outturn.csv"))
    var conditionOn: String?

    @Option(help: "Number of shards N with --shard-from-env (required outside a whole Slurm array 1-N, e.g. when re-submitting one task).")
    var shards: Int?

    @Flag(
        name: .customLong("no-runs-csv"),
        help:
            "Do not write runs.csv (one row per run; about 670 bytes a run); every other file is unchanged. With --shard, the merged folder has no runs.csv."
    )
    var noRunsCSV = false

    func validate() throws {
        if shard != nil && shardFromEnvironment { throw ValidationError("Give either --shard K/N or --shard-from-env, not both.") }
        if shards != nil && !shardFromEnvironment {
            throw ValidationError("--shards N is used only with --shard-from-env; with --shard give K/N.")
        }
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1.") }
        if conditionOn != nil && (shard != nil || shardFromEnvironment) {
            throw ValidationError("--condition-on conditions the whole set of runs, so it cannot be sharded; leave out --shard.")
        }
    }

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            let input = try ScenarioInput.load(scenario)
            let s = simulation.apply(to: input.scenario)
            let outDir = output.folder(scenarioName: s.name)
            var record = simulation.record(.run, scenarios: scenario.map { [$0] } ?? [])
            if noRunsCSV { record.noRunsCSV = true }
            record.csvDialect = output.recordedDialect
            if let (k, n) = try shardChoice() {
                record.shard = k
                record.shards = n
                try ShardWriter.run(
                    s, input: input, shard: k, of: n, threads: simulation.threadCount, outDir: outDir, force: output.force, style: style,
                    record: record)
                return
            }
            try ResourceGuard.refuseIfTooLarge(s, input: input.document, runsOption: simulation.runs)
            if !noRunsCSV { try ResourceGuard.refuseIfDiskTooSmall(s, outDir: outDir) }
            let context = PipelineContext(command: commandLine, threads: simulation.threadCount, outputFolder: outDir)
            if let conditionOn {
                record.conditionOn = conditionOn
                let outturn = try OutturnInput.load(conditionOn, scenario: s)
                try outturn.requireSD()
                let options = RunPipeline.Options(document: input.document, scenario: s, record: record, context: context)
                var notes: [String] = []
                let phases = PhasedProgress(style)
                let outcome = try writeArtifacts(to: outDir, force: output.force, inputs: input.inputPaths + [conditionOn], style: style) {
                    sink in
                    defer { phases.finish() }
                    let outcome = try ConditionPipeline.run(
                        options, outturn: outturn, threads: simulation.threadCount, into: sink, phases: phases.begin)
                    notes = outcome.notes
                    return outcome.run
                }
                for note in notes { style.print(note) }
                style.print(
                    TerminalSummary.render(outcome.result, appraisal: outcome.summaries.appraisal, boldHeader: style.styledStdout),
                    terminator: "")
                style.print("Results (conditioned on \(conditionOn)) written to \(outDir)/")
                return
            }
            let options = RunPipeline.Options(document: input.document, scenario: s, record: record, context: context)
            let progress = style.progressReporter(total: s.runs, unit: "runs")
            let outcome = try writeArtifacts(to: outDir, force: output.force, inputs: input.inputPaths, style: style) { sink in
                try RunPipeline.run(options, threads: simulation.threadCount, into: sink, progress: progress?.callback)
            }
            progress?.finish()
            style.print(
                TerminalSummary.render(outcome.result, appraisal: outcome.summaries.appraisal, boldHeader: style.styledStdout),
                terminator: "")
            style.print("Results written to \(outDir)/")
        }
    }

    /// (K, N) of a sharded run, or nil.
    func shardChoice() throws -> (Int, Int)? {
        if let shard { return try ShardChoice.parse(shard) }
        guard shardFromEnvironment else { return nil }
        return try ShardChoice.fromEnvironment(ProcessInfo.processInfo.environment, shards: shards)
    }
}

/// The command line as typed, for the manifest's `invocation` section.
var commandLine: [String] { ["govsim"] + Array(CommandLine.arguments.dropFirst()) }

/// Runs a streaming pipeline into one output transaction on `folder` (never a folder holding one
/// of `inputs`, see ``OutputLocation``), prints its notes and commits; on an error nothing is
/// written.
func writeArtifacts(
    to folder: String, force: Bool, inputs: [String], style: OutputStyleOptions,
    _ pipeline: (ArtifactSink) throws -> RunPipeline.Outcome
) throws -> RunPipeline.Outcome {
    let transaction = try OutputDirectory(path: folder, force: force, inputs: inputs).begin()
    defer { transaction.abort() }
    let outcome = try pipeline(transaction)
    for note in outcome.notes { style.print(note) }
    try transaction.commit()
    return outcome
}
