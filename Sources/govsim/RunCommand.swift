import ArgumentParser
import Foundation
import GovSimCore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and write summary.csv, runs.csv, report.html and manifest.json.",
        discussion: """
        Examples:
          govsim run                                    # built-in reference scenario -> outputs/reference/
          govsim run scenarios/digital-first.yaml --runs 20000 --seed 7 --out outputs/digital-first
        """
    )

    @Argument(help: "Scenario YAML file (default: the built-in reference scenario).")
    var scenario: String?

    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var style: OutputStyleOptions

    @Option(help: ArgumentHelp("Run only the K-th of N equal slices of the runs (fixed blocks of run indices) and write partial results for `govsim merge`.", valueName: "K/N"))
    var shard: String?

    @Flag(name: .customLong("shard-from-env"), help: "Take K from SLURM_ARRAY_TASK_ID (an array 1-N) or JOB_COMPLETION_INDEX + 1 (Kubernetes, 0-based), and N from --shards or else the Slurm array's size.")
    var shardFromEnvironment = false

    @Option(help: "Number of shards N with --shard-from-env (required outside a whole Slurm array 1-N, e.g. when re-submitting one task).")
    var shards: Int?

    func validate() throws {
        if shard != nil && shardFromEnvironment { throw ValidationError("Give either --shard K/N or --shard-from-env, not both.") }
        if shards != nil && !shardFromEnvironment { throw ValidationError("--shards N is used only with --shard-from-env; with --shard give K/N.") }
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1.") }
    }

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            let input = try ScenarioInput.load(scenario)
            let s = simulation.apply(to: input.scenario)
            let outDir = output.out ?? "outputs/\(s.name)"
            var record = simulation.record(.run, scenarios: scenario.map { [$0] } ?? [])
            if let (k, n) = try shardChoice() {
                record.shard = k
                record.shards = n
                try ShardWriter.run(s, input: input, shard: k, of: n, threads: simulation.threadCount, outDir: outDir, force: output.force, style: style, record: record)
                return
            }
            try refuseIfTooLarge(s, input: input, runsOption: simulation.runs)
            try refuseIfDiskTooSmall(s, outDir: outDir)
            let engine = SimulationEngine(scenario: s, threads: simulation.threadCount)
            var manifest = Manifest(command: ["govsim"] + Array(CommandLine.arguments.dropFirst()), scenarioName: s.name,
                                    scenarioFile: input.displayName, scenarioSHA256: SHA256.hex(input.bytes),
                                    seed: s.seed, runs: s.runs, horizon: s.horizon, sampling: s.sampling.rawValue)
            manifest.recordReproduction(record, input: input, runs: s.runs, seed: s.seed, threads: simulation.threadCount, outputFolder: outDir)
            let progress = style.progressReporter(total: s.runs, unit: "runs")
            let result = try RunOutputWriter.write(to: outDir, force: output.force, scenario: s, input: input, manifest: manifest, style: style) { format, sink in
                engine.run(progress: progress?.callback, formatRecords: format, recordSink: sink)
            }
            progress?.finish()
            style.print(TerminalSummary.render(result, boldHeader: style.styledStdout), terminator: "")
            style.print("Results written to \(outDir)/")
        }
    }

    /// (K, N) of a sharded run, or nil.
    func shardChoice() throws -> (Int, Int)? {
        if let shard {
            let parts = shard.split(separator: "/")
            guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
                throw CLIError("--shard \(shard): write K/N with 1 ≤ K ≤ N, for example --shard 2/4")
            }
            return (k, n)
        }
        guard shardFromEnvironment else { return nil }
        return try Self.shardFromEnvironment(ProcessInfo.processInfo.environment, shards: shards)
    }

    /// (K, N) from a scheduler's environment. Shards are numbered 1…N everywhere.
    ///
    /// - Slurm: K is `SLURM_ARRAY_TASK_ID` itself (an array `--array=1-N`; never offset by
    ///   `SLURM_ARRAY_TASK_MIN`, so re-submitting task 5 alone with `--array=5` computes shard 5).
    ///   N is `shards` if given, else the size of an array starting at 1: `SLURM_ARRAY_TASK_COUNT`,
    ///   or else `SLURM_ARRAY_TASK_MAX` (= MAX − MIN + 1) when `SLURM_ARRAY_TASK_MIN` is 1. A task
    ///   ID of 0 (a 0-based array) or above N is refused.
    /// - Kubernetes Indexed Job: K is `JOB_COMPLETION_INDEX` + 1 (it counts from 0); N must be given.
    static func shardFromEnvironment(_ env: [String: String], shards: Int?) throws -> (Int, Int) {
        func number(_ name: String) throws -> Int? {
            guard let text = env[name] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw CLIError("--shard-from-env: \(name)=\(text) is not a whole number; run inside a Slurm job array or a Kubernetes Indexed Job, or give --shard K/N")
            }
            return value
        }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            let minimum = try number("SLURM_ARRAY_TASK_MIN"), maximum = try number("SLURM_ARRAY_TASK_MAX")
            let count = try number("SLURM_ARRAY_TASK_COUNT")
            let n: Int
            if let shards {
                n = shards
            } else if let size = minimum == 1 ? count ?? maximum : minimum == nil ? count : nil {
                n = size
            } else {
                throw CLIError("--shard-from-env: the Slurm array is not 1-N (SLURM_ARRAY_TASK_MIN=\(minimum.map(String.init) ?? "unset")), so its size is not the shard count; submit with --array=1-N, or give --shards N (as when re-submitting one task)")
            }
            guard id >= 1, id <= n else {
                throw CLIError("--shard-from-env: SLURM_ARRAY_TASK_ID=\(id) is not a shard 1…\(n); shards are numbered from 1: submit with --array=1-\(n)")
            }
            return (id, n)
        }
        if let index = try number("JOB_COMPLETION_INDEX") {
            guard let n = shards else {
                throw CLIError("--shard-from-env: a Kubernetes Indexed Job does not tell its number of completions; give --shards N (the job's completions)")
            }
            guard index >= 0, index < n else {
                throw CLIError("--shard-from-env: JOB_COMPLETION_INDEX=\(index) is not 0…\(n - 1) (shards 1…\(n)); set completions to --shards \(n)")
            }
            return (index + 1, n)
        }
        throw CLIError("--shard-from-env: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; run inside a Slurm job array or a Kubernetes Indexed Job, or give --shard K/N")
    }
}

/// Writes result files plus a manifest listing them, atomically, into `folder` (never a folder
/// holding one of `inputs`, see ``OutputLocation``).
func writeResults(_ files: [(String, String)], manifest: Manifest, to folder: String, force: Bool, inputs: [String]) throws {
    let encoded = files.map { (name: $0.0, contents: Array($0.1.utf8)) }
    let manifestText = manifest.render(files: encoded)
    let all = encoded.map { (name: $0.name, contents: Data($0.contents)) } + [(name: "manifest.json", contents: Data(manifestText.utf8))]
    try OutputDirectory(path: folder, force: force, inputs: inputs).write(all)
}
