import ArgumentParser
import Foundation
import GovSimCore

/// The partial results of one shard: `shard.json` (what was run), `runs.bin` (every run's inputs
/// and trajectories, see ``ShardCodec``) and a manifest.
enum ShardWriter {
    static func run(_ s: Scenario, input: ScenarioInput, shard k: Int, of n: Int, threads: Int, outDir: String, force: Bool,
                    style: OutputStyleOptions, record: ReproductionRecord) throws {
        let blockCount = ParallelBlocks.blocks(runs: s.runs).count
        guard n <= blockCount else {
            throw CLIError("--shard \(k)/\(n): \(s.runs) runs make only \(blockCount) blocks of \(ParallelBlocks.blockSize); use at most \(blockCount) shards")
        }
        let blocks = (blockCount * (k - 1) / n)..<(blockCount * k / n)
        let transaction = try OutputDirectory(path: outDir, force: force, inputs: input.inputPaths).begin()
        defer { transaction.abort() }
        var hash = SHA256()
        var bytes = 0
        var writeError: Error?
        _ = SimulationEngine(scenario: s, threads: threads).run(blocks: blocks, formatRecords: { _ in [] }, recordSink: { _ in }, rawSink: { raw in
            guard writeError == nil else { return }
            hash.update(raw)
            bytes += raw.count
            do { try transaction.append("runs.bin", Data(raw)) } catch { writeError = error }
        })
        if let writeError { throw writeError }
        let description = JSONValue.object([
            "scenario_file": .string(input.displayName), "scenario_sha256": .string(SHA256.hex(input.bytes)),
            "runs": .integer(s.runs), "seed": .string(String(s.seed)), "sampling": .string(s.sampling.rawValue),
            "shard": .integer(k), "shards": .integer(n), "first_block": .integer(blocks.lowerBound), "end_block": .integer(blocks.upperBound),
            "govsim_version": .string(GovSimVersion.string),
        ]).render()
        try transaction.write("shard.json", Data(description.utf8))
        var manifest = Manifest(command: ["govsim"] + Array(CommandLine.arguments.dropFirst()), scenarioName: s.name,
                                scenarioFile: input.displayName, scenarioSHA256: SHA256.hex(input.bytes),
                                seed: s.seed, runs: s.runs, horizon: s.horizon, sampling: s.sampling.rawValue)
        manifest.recordReproduction(record, input: input, runs: s.runs, seed: s.seed, threads: threads, outputFolder: outDir)
        let shardData = Data(description.utf8)
        try transaction.write("manifest.json", Data(manifest.render(entries: [("runs.bin", bytes, hash.finalize()),
                                                                                ("shard.json", shardData.count, SHA256.hex(shardData))]).utf8))
        try transaction.commit()
        style.print("Shard \(k)/\(n): blocks \(blocks.lowerBound)..<\(blocks.upperBound) of \(blockCount) written to \(outDir)/; combine the shards with govsim merge")
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the partial results of `govsim run --shard K/N` into the outputs of one run.",
        discussion: """
        The merged outputs are those of the unsharded run: byte-identical with exact quantiles,
        within the sketch's rank error beyond. The scenario file must be where the shards read
        it, unchanged.

        Examples:
          for k in 1 2 3 4; do govsim run scenarios/reference.yaml --shard $k/4 --out outputs/shard-$k & done; wait
          govsim merge outputs/shard-1 outputs/shard-2 outputs/shard-3 outputs/shard-4 --out outputs/reference
        """
    )

    @Argument(help: "Shard output folders (any order).")
    var folders: [String]

    @OptionGroup var output: OutputOptions
    @OptionGroup var style: OutputStyleOptions

    struct Shard {
        let folder: String
        let k: Int, n: Int, firstBlock: Int, endBlock: Int
        let scenarioFile: String, scenarioSHA: String, runs: Int, seed: UInt64, sampling: String
    }

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            var shards: [Shard] = []
            for folder in folders {
                let path = URL(fileURLWithPath: folder).appendingPathComponent("shard.json").path
                let data = try readInputFile(path, what: "shard description", limit: 1 << 20)
                guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let k = object["shard"] as? Int, let n = object["shards"] as? Int, let first = object["first_block"] as? Int,
                      let end = object["end_block"] as? Int, let file = object["scenario_file"] as? String,
                      let sha = object["scenario_sha256"] as? String, let runs = object["runs"] as? Int,
                      let seedText = object["seed"] as? String, let seed = UInt64(seedText), let sampling = object["sampling"] as? String else {
                    throw CLIError("\(path): not a shard description written by govsim run --shard; check the folder")
                }
                shards.append(Shard(folder: folder, k: k, n: n, firstBlock: first, endBlock: end, scenarioFile: file, scenarioSHA: sha,
                                    runs: runs, seed: seed, sampling: sampling))
            }
            shards.sort { $0.k < $1.k }
            guard let first = shards.first else { throw CLIError("give the shard folders to merge") }
            for s in shards where s.n != first.n || s.scenarioSHA != first.scenarioSHA || s.runs != first.runs || s.seed != first.seed || s.sampling != first.sampling {
                throw CLIError("\(s.folder): shard \(s.k)/\(s.n) is from a different run than \(first.folder) (scenario, runs, seed or sampling differ); merge shards of one run")
            }
            let present = shards.map(\.k)
            guard present == Array(1...first.n) else {
                let missing = Set(1...first.n).subtracting(present).sorted()
                throw CLIError("shards \(missing.map(String.init).joined(separator: ", ")) of \(first.n) are missing\(present.count != Set(present).count ? " (and a shard is given twice)" : ""); give every shard folder once")
            }
            let input = try ScenarioInput.load(first.scenarioFile == ReferenceScenario.fileName ? nil : first.scenarioFile)
            guard SHA256.hex(input.bytes) == first.scenarioSHA else {
                throw CLIError("\(first.scenarioFile): the scenario changed since the shards ran (its SHA-256 differs); restore it or re-run the shards")
            }
            var s = input.scenario
            s.runs = first.runs
            s.seed = first.seed
            s.sampling = SamplingKind(rawValue: first.sampling) ?? s.sampling
            let blockRanges = ParallelBlocks.blocks(runs: s.runs)
            let codec = ShardCodec(plan: PlanSimulator(scenario: s))
            var rawBlocks: [[UInt8]] = []
            for shard in shards {
                let url = URL(fileURLWithPath: shard.folder).appendingPathComponent("runs.bin")
                guard let data = FileManager.default.contents(atPath: url.path) else { throw CLIError("\(url.path): cannot read the shard's runs; re-run shard \(shard.k)") }
                let bytes = [UInt8](data)
                var offset = 0
                for b in shard.firstBlock..<shard.endBlock {
                    let size = blockRanges[b].count * codec.bytesPerRun
                    guard offset + size <= bytes.count else { throw CLIError("\(url.path): shorter than its \(shard.endBlock - shard.firstBlock) blocks; re-run shard \(shard.k)") }
                    rawBlocks.append(Array(bytes[offset..<(offset + size)]))
                    offset += size
                }
            }
            let outDir = output.out ?? "outputs/\(s.name)"
            let engine = SimulationEngine(scenario: s, threads: 1)
            var manifest = Manifest(command: ["govsim"] + Array(CommandLine.arguments.dropFirst()), scenarioName: s.name,
                                    scenarioFile: input.displayName, scenarioSHA256: SHA256.hex(input.bytes),
                                    seed: s.seed, runs: s.runs, horizon: s.horizon, sampling: s.sampling.rawValue)
            manifest.extra["merged_shards"] = .integer(first.n)
            manifest.recordMerge(of: first.folder, shards: first.n, input: input, scenario: s, outputFolder: outDir)
            let result = try RunOutputWriter.write(to: outDir, force: output.force, scenario: s, input: input, otherInputs: folders, manifest: manifest, style: style) { format, sink in
                try engine.replay(blocks: rawBlocks, formatRecords: format, recordSink: sink)
            }
            style.print(TerminalSummary.render(result, boldHeader: style.styledStdout), terminator: "")
            style.print("Merged \(first.n) shards; results written to \(outDir)/")
        }
    }
}
