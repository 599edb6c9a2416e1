import ArgumentParser
import Foundation
import GovSimCore

/// Writes the partial results of one shard (``ShardPipeline``) into one output transaction.
enum ShardWriter {
    static func run(_ s: Scenario, input: ScenarioInput, shard k: Int, of n: Int, threads: Int, outDir: String, force: Bool,
                    style: OutputStyleOptions, record: ReproductionRecord) throws {
        let manifest = CommandManifest(command: commandLine, record: record, documents: [input.document], scenarioName: s.name,
                                       seed: s.seed, runs: s.runs, horizon: s.horizon, sampling: s.sampling.rawValue,
                                       threads: threads, outputFolder: outDir)
        let prepared = try ShardPipeline.prepare(.init(document: input.document, dataFiles: input.dataFiles, scenario: s,
                                                       shard: k, shards: n, threads: threads, manifest: manifest))
        let transaction = try OutputDirectory(path: outDir, force: force, inputs: input.inputPaths).begin()
        defer { transaction.abort() }
        try prepared.write(into: transaction)
        try transaction.commit()
        let blocks = prepared.blocks
        style.print("Shard \(k)/\(n): blocks \(blocks.lowerBound)..<\(blocks.upperBound) of \(prepared.blockCount) written to \(outDir)/; combine the shards with govsim merge")
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the partial results of `govsim run --shard K/N` into the outputs of one run.",
        discussion: """
        The merged outputs are those of the unsharded run: byte-identical with exact quantiles,
        within the sketch's rank error beyond. Each shard is checked against its own manifest,
        and the shards must come from one run (govsim version, scenario and data files, runs,
        seed, sampling and N) and cover it exactly once; otherwise nothing is written. The
        scenario and its data files are those recorded in the shards: merge reads nothing else.

        Examples:
          for k in 1 2 3 4; do govsim run scenarios/reference.yaml --shard $k/4 --out outputs/shard-$k & done; wait
          govsim merge outputs/shard-1 outputs/shard-2 outputs/shard-3 outputs/shard-4 --out outputs/reference
        """
    )

    @Argument(help: "Shard output folders (any order).")
    var folders: [String]

    @OptionGroup var output: OutputOptions
    @OptionGroup var style: OutputStyleOptions

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            guard !folders.isEmpty else { throw CLIError("give the shard folders to merge, for example govsim merge outputs/shard-*") }
            // Every check below comes before the output transaction begins: a refusal writes nothing.
            let (shards, reference) = try Self.checkedShards(folders)
            let first = reference.shard
            let input = try ScenarioInput.recorded(displayName: first.scenarioFile, bytes: Array(first.scenarioContent.utf8),
                                                   dataFiles: first.dataFileContents)
            var s = input.scenario
            s.runs = first.runs
            s.seed = first.seedValue
            s.sampling = SamplingKind(rawValue: first.sampling) ?? s.sampling
            let engine = SimulationEngine(scenario: s, threads: 1)
            let bytesPerRun = ShardCodec(plan: engine.plan).bytesPerRun
            guard bytesPerRun == first.bytesPerRun else {
                throw CLIError("\(reference.folder): shard.json records \(first.bytesPerRun) bytes per run, but its scenario has \(bytesPerRun); re-run the shards")
            }
            if let message = MemoryEstimate(mergeOf: s).refusal(advice: "merge on a machine with more memory, or re-run the shards with fewer --runs") {
                throw CLIError("merge: " + message)
            }
            let outDir = output.out ?? "outputs/\(s.name)"
            try Self.refuseOverlap(outDir, shards)
            for shard in shards { try shard.checkRunsHash() }

            let shardManifestPath = URL(fileURLWithPath: reference.folder).appendingPathComponent("manifest.json").path
            let shardManifest = try? FolderFile.contents(shardManifestPath, limit: ReproductionCheck.manifestLimit, what: "manifest")
            let manifest = MergePipeline.manifest(shardManifest: shardManifest, path: shardManifestPath, shards: first.shards,
                                                  document: input.document, scenario: s, command: commandLine, outputFolder: outDir)
            let options = RunPipeline.Options(document: input.document, scenario: s, manifest: manifest)
            var current = 0
            let result = try writeArtifacts(to: outDir, force: output.force, inputs: input.inputPaths + folders, style: style) { sink in
                do {
                    return try MergePipeline.run(options, into: sink) { b, runs in
                        while b >= shards[current].shard.endBlock { current += 1 }
                        return try shards[current].readBlock(b, runs: runs)
                    }
                } catch let error as ShardCodec.DecodeError {
                    let shard = shards[current].shard
                    throw CLIError("\(shards[current].folder): runs.bin: \(error.description); re-run shard \(shard.shard)/\(shard.shards)")
                }
            }
            style.print(TerminalSummary.render(result, boldHeader: style.styledStdout), terminator: "")
            style.print("Merged \(first.shards) shards; results written to \(outDir)/")
        }
    }

    /// The shards in shard order, once each, refused unless they are every shard of one run:
    /// the same govsim version (this one's), scenario, data files, runs, seed, sampling, N and
    /// run encoding, and block ranges that tile the run's blocks exactly.
    /// Only the first folder keeps its recorded scenario and data files (the others' are the
    /// same, by hash), so memory does not grow with their size times the number of shards.
    /// Returns the shards in order and the first folder given (which holds the recorded content).
    static func checkedShards(_ paths: [String]) throws -> (shards: [ShardFolder], reference: ShardFolder) {
        let reference = try ShardFolder(paths[0])
        let r = reference.shard
        guard r.govsimVersion == GovSimVersion.string else {
            throw CLIError("\(reference.folder): the shard was written by govsim \(r.govsimVersion), this is govsim \(GovSimVersion.string); merge with govsim \(r.govsimVersion) or re-run the shards")
        }
        var given = [reference]
        for path in paths.dropFirst() {
            let folder = try ShardFolder(path)
            let d = folder.shard
            var differences: [String] = []
            if d.govsimVersion != r.govsimVersion { differences.append("govsim \(d.govsimVersion) instead of \(r.govsimVersion)") }
            if d.scenarioSHA256 != r.scenarioSHA256 { differences.append("another scenario (SHA-256 \(d.scenarioSHA256.prefix(12))… instead of \(r.scenarioSHA256.prefix(12))…)") }
            if d.dataFiles.map({ [$0.path, $0.sha256] }) != r.dataFiles.map({ [$0.path, $0.sha256] }) { differences.append("other data files") }
            if d.runs != r.runs { differences.append("\(d.runs) runs instead of \(r.runs)") }
            if d.seed != r.seed { differences.append("seed \(d.seed) instead of \(r.seed)") }
            if d.sampling != r.sampling { differences.append("sampling \(d.sampling) instead of \(r.sampling)") }
            if d.shards != r.shards { differences.append("\(d.shards) shards instead of \(r.shards)") }
            if d.bytesPerRun != r.bytesPerRun { differences.append("\(d.bytesPerRun) bytes per run instead of \(r.bytesPerRun)") }
            if !differences.isEmpty {
                throw CLIError("\(folder.folder): shard \(d.shard)/\(d.shards) is not from the run of \(reference.folder) (\(differences.joined(separator: ", "))); merge the shards of one run")
            }
            folder.dropRecordedContent()
            given.append(folder)
        }
        var byNumber: [Int: ShardFolder] = [:]
        for folder in given {
            if let other = byNumber[folder.shard.shard] {
                let same = other.canonicalPath == folder.canonicalPath
                throw CLIError("\(folder.folder): shard \(folder.shard.shard)/\(r.shards) is given twice (\(same ? "the same folder" : "also in \(other.folder)")); give each shard folder once")
            }
            byNumber[folder.shard.shard] = folder
        }
        let missing = (1...r.shards).filter { byNumber[$0] == nil }
        guard missing.isEmpty else {
            let list = missing.count > 10 ? missing.prefix(10).map(String.init).joined(separator: ", ") + ", …" : missing.map(String.init).joined(separator: ", ")
            throw CLIError("\(missing.count == 1 ? "shard" : "shards") \(list) of \(r.shards) \(missing.count == 1 ? "is" : "are") missing; give every shard folder once")
        }
        let ordered = (1...r.shards).map { byNumber[$0]! }
        // The descriptions' ranges are each validated against k/n; check the tiling regardless.
        var next = 0
        for folder in ordered {
            guard folder.shard.firstBlock == next else {
                throw CLIError("\(folder.folder): shard \(folder.shard.shard)/\(r.shards) starts at block \(folder.shard.firstBlock), not \(next); the shards do not cover the run exactly once")
            }
            next = folder.shard.endBlock
        }
        guard next == r.blockCount else {
            throw CLIError("the shards end at block \(next), not at the run's \(r.blockCount) blocks; give every shard folder once")
        }
        return (ordered, reference)
    }

    /// Refuses an output folder that is, is inside or contains one of the shard folders:
    /// replacing it would destroy the shards.
    static func refuseOverlap(_ outDir: String, _ shards: [ShardFolder]) throws {
        let out = canonical(outDir)
        for shard in shards {
            let relation: String?
            if out == shard.canonicalPath { relation = "is" }
            else if out.hasPrefix(shard.canonicalPath + "/") { relation = "is inside" }
            else if shard.canonicalPath.hasPrefix(out == "/" ? "/" : out + "/") { relation = "contains" }
            else { relation = nil }
            if let relation {
                throw CLIError("--out \(outDir): \(relation) the shard folder \(shard.folder); writing the results there would replace the shards; choose another --out")
            }
        }
    }

    /// `path` absolute, with `.`/`..` and the symbolic links of its existing part resolved.
    static func canonical(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            missing.insert(url.lastPathComponent, at: 0)
            url = url.deletingLastPathComponent()
        }
        var result = url.resolvingSymlinksInPath()
        for component in missing { result.appendPathComponent(component) }
        return result.standardizedFileURL.path
    }
}
