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

    @Flag(name: .customLong("shard-from-env"), help: "Take K from SLURM_ARRAY_TASK_ID (minus SLURM_ARRAY_TASK_MIN) or JOB_COMPLETION_INDEX (0-based) and N from --shards.")
    var shardFromEnvironment = false

    @Option(help: "Number of shards N with --shard-from-env.")
    var shards: Int?

    func validate() throws {
        if shard != nil && shardFromEnvironment { throw ValidationError("Give either --shard K/N or --shard-from-env, not both.") }
        if shardFromEnvironment && shards == nil { throw ValidationError("--shard-from-env needs --shards N, the number of shards.") }
    }

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            let input = try ScenarioInput.load(scenario)
            let s = simulation.apply(to: input.scenario)
            let outDir = output.out ?? "outputs/\(s.name)"
            if let (k, n) = try shardChoice() {
                try ShardWriter.run(s, input: input, shard: k, of: n, threads: simulation.threadCount, outDir: outDir, force: output.force, style: style)
                return
            }
            try refuseIfTooLarge(s, input: input, runsOption: simulation.runs)
            try refuseIfDiskTooSmall(s, outDir: outDir)
            let engine = SimulationEngine(scenario: s, threads: simulation.threadCount)
            var manifest = Manifest(command: ["govsim"] + Array(CommandLine.arguments.dropFirst()), scenarioName: s.name,
                                    scenarioFile: input.displayName, scenarioSHA256: SHA256.hex(input.bytes),
                                    seed: s.seed, runs: s.runs, horizon: s.horizon, sampling: s.sampling.rawValue)
            manifest.recordReproduction("run", scenarioArgument: scenario, input: input, runs: s.runs, seed: s.seed, threads: simulation.threadCount, outputFolder: outDir)
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
        guard shardFromEnvironment, let n = shards else { return nil }
        let env = ProcessInfo.processInfo.environment
        let k: Int
        if let id = env["SLURM_ARRAY_TASK_ID"].flatMap(Int.init) {
            k = id - (env["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0) + 1
        } else if let index = env["JOB_COMPLETION_INDEX"].flatMap(Int.init) {
            k = index + 1
        } else {
            throw CLIError("--shard-from-env: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; run inside a Slurm job array or a Kubernetes Indexed Job, or give --shard K/N")
        }
        guard n >= 1, (1...n).contains(k) else {
            throw CLIError("--shard-from-env: shard \(k) is not between 1 and --shards \(n); check the array range (0 to N-1)")
        }
        return (k, n)
    }
}

/// Writes result files plus a manifest listing them, atomically.
func writeResults(_ files: [(String, String)], manifest: Manifest, to folder: String, force: Bool) throws {
    let encoded = files.map { (name: $0.0, contents: Array($0.1.utf8)) }
    let manifestText = manifest.render(files: encoded)
    let all = encoded.map { (name: $0.name, contents: Data($0.contents)) } + [(name: "manifest.json", contents: Data(manifestText.utf8))]
    try OutputDirectory(url: URL(fileURLWithPath: folder), force: force).write(all)
}
