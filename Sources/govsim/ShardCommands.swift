import ArgumentParser
import Foundation
import GovSimCore

/// Writes the partial results of one shard (``ShardPipeline``) into one output transaction.
enum ShardWriter {
    static func run(
        _ s: Scenario, input: ScenarioInput, shard k: Int, of n: Int, threads: Int, outDir: String, force: Bool,
        style: OutputStyleOptions, record: ReproductionRecord
    ) throws {
        let context = PipelineContext(command: commandLine, threads: threads, outputFolder: outDir)
        let prepared = try ShardPipeline.prepare(
            .init(
                document: input.document, dataFiles: input.dataFiles, scenario: s,
                shard: k, shards: n, record: record, context: context))
        let transaction = try OutputDirectory(path: outDir, force: force, inputs: input.inputPaths).begin()
        defer { transaction.abort() }
        let progress = style.progressReporter(total: prepared.runCount, unit: "runs")
        try prepared.write(into: transaction, progress: progress?.callback)
        progress?.finish()
        try transaction.commit()
        let blocks = prepared.blocks
        style.print(
            "Shard \(k)/\(n): blocks \(blocks.lowerBound)..<\(blocks.upperBound) of \(prepared.blockCount) written to \(outDir)/; combine the shards with govsim merge"
        )
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the partial results of `govsim run --shard K/N` into the outputs of one run.",
        usage: "govsim merge <folders> ... [<options>]",
        discussion: """
            The merged outputs are those of the unsharded run, byte-identical at any run count and shard count: each shard carries its aggregate (the tree nodes of its blocks and the per-run values the outputs need), which combine along one fixed tree over blocks without replaying a run. Each shard is checked against its own manifest, and the shards must come from one run (govsim version, scenario and data files, runs, seed, sampling and N) and cover it exactly once; otherwise nothing is written. The scenario and its data files are those recorded in the shards: merge reads nothing else.

            Examples:
              govsim run my-plan.yaml --shard 1/4 --out shards/1   # ... and 2/4 to 4/4
              govsim merge shards/1 shards/2 shards/3 shards/4 --out outputs/my-plan
            """
    )

    @Argument(help: "Shard output folders (any order).")
    var folders: [String]

    @OptionGroup var output: OutputOptions<RunFolder>
    @OptionGroup var style: OutputStyleOptions

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            guard !folders.isEmpty else { throw CLIError("give the shard folders to merge, for example govsim merge outputs/shard-*") }
            // Every check below comes before the output transaction begins: a refusal writes nothing.
            let (shards, reference) = try Self.checkedShards(folders)
            let first = reference.shard
            let input = try ScenarioInput.recorded(
                displayName: first.scenarioFile, bytes: Array(first.scenarioContent.utf8),
                dataFiles: first.dataFileContents)
            var s = input.scenario
            s.runs = first.runs
            s.seed = first.seedValue
            s.sampling = SamplingKind(rawValue: first.sampling) ?? s.sampling
            try MergePipeline.check(s)
            let outDir = output.folder(scenarioName: s.name)
            try Self.refuseOverlap(outDir, shards)

            let shardManifestPath = URL(fileURLWithPath: reference.folder).appendingPathComponent("manifest.json").path
            let shardManifest = try? FolderFile.contents(shardManifestPath, limit: ReproductionCheck.manifestLimit, what: "manifest")
            var manifest = MergePipeline.manifest(
                shardManifest: shardManifest, path: shardManifestPath, shards: first.shards,
                document: input.document, scenario: s, command: commandLine, outputFolder: outDir)
            manifest.record.csvDialect = output.recordedDialect
            // The shards' run decides whether there is a runs.csv (`run --shard K/N --no-runs-csv`).
            guard (manifest.record.noRunsCSV != true) == first.runsCSVRows else {
                throw CLIError(
                    "\(reference.folder): shard.json and manifest.json disagree on whether the run writes runs.csv; re-run the shards")
            }
            let options = RunPipeline.Options(document: input.document, scenario: s, manifest: manifest, runsCSV: first.runsCSVRows)

            // Every shard's aggregate is read once, checked against its SHA-256 and combined, and
            // its runs.csv rows hashed, before the output transaction begins: a refusal writes
            // nothing. No run is decoded or replayed.
            // Shards are read, hashed and decoded on all cores, and combined in shard order (at
            // most two read ahead, bounding memory); the first failing shard in order is reported.
            let progress = style.progressReporter(total: s.runs, unit: "runs")
            var merge = ShardMerge(scenario: s)
            let sources = shards.map(\.aggregateSource)
            let plan = merge.planSimulator, runs = s.runs
            var failure: Error?
            ParallelBlocks.forEachOrdered(
                blockCount: sources.count, threads: ParallelBlocks.defaultThreads,
                { i in
                    Result { try sources[i].load(plan: plan, runs: runs) }
                }, maxAhead: 2,
                consume: { i, loaded in
                    guard failure == nil else { return }
                    do {
                        try merge.add(loaded.get())
                        progress?.update(merge.runCount)
                    } catch let error as ShardAggregate.DecodeError {
                        failure = CLIError(
                            "\(shards[i].folder): \(ShardPipeline.aggregateFile) \(error.description); re-run shard \(shards[i].shard.shard)/\(shards[i].shard.shards)"
                        )
                    } catch {
                        failure = error
                    }
                })
            if let failure { throw failure }
            if first.runsCSVRows { for shard in shards { try shard.checkRowsHash() } }
            let merged = merge.finish()
            let outcome = try writeArtifacts(to: outDir, force: output.force, inputs: input.inputPaths + folders, style: style) { sink in
                try MergePipeline.run(options, into: sink, result: merged) { rowSink in
                    for shard in shards { try shard.copyRows(rowSink) }
                }
            }
            progress?.finish()
            style.print(
                TerminalSummary.render(outcome.result, appraisal: outcome.summaries.appraisal, boldHeader: style.styledStdout),
                terminator: "")
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
            throw CLIError(
                "\(reference.folder): the shard was written by govsim \(r.govsimVersion), this is govsim \(GovSimVersion.string); merge with govsim \(r.govsimVersion) or re-run the shards"
            )
        }
        var given = [reference]
        for path in paths.dropFirst() {
            let folder = try ShardFolder(path)
            try MergePipeline.refuseForeign(folder.shard, folder: folder.folder, reference: r, referenceFolder: reference.folder)
            folder.dropRecordedContent()
            given.append(folder)
        }
        let order = try MergePipeline.order(given.map { (folder: $0.folder, canonicalPath: $0.canonicalPath, shard: $0.shard) })
        let ordered = order.map { given[$0] }
        return (ordered, reference)
    }

    /// Refuses an output folder that is, is inside or contains one of the shard folders:
    /// replacing it would destroy the shards.
    static func refuseOverlap(_ outDir: String, _ shards: [ShardFolder]) throws {
        let out = canonical(outDir)
        for shard in shards {
            let relation: String?
            if out == shard.canonicalPath {
                relation = "is"
            } else if out.hasPrefix(shard.canonicalPath + "/") {
                relation = "is inside"
            } else if shard.canonicalPath.hasPrefix(out == "/" ? "/" : out + "/") {
                relation = "contains"
            } else {
                relation = nil
            }
            if let relation {
                throw CLIError(
                    "--out \(outDir): \(relation) the shard folder \(shard.folder); writing the results there would replace the shards; choose another --out"
                )
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
