import Foundation

/// `govsim merge` in memory: the shards' aggregates (``ShardAggregate``, combined by
/// ``ShardMerge`` without replaying a run) written as the outputs of the unsharded run
/// (``RunPipeline``, the same bytes), with a manifest whose record is that of the shards' run.
package enum MergePipeline {
    /// The manifest facts of a merge: the options of the shards' run (from `shardManifest`, the
    /// bytes of the first shard's manifest at `path`) with the shard count, and the shards'
    /// recorded inputs adopted into ``InputSources/current`` besides any merge read itself, so
    /// the merged folder re-runs on its own. A shard manifest without a record (or unreadable)
    /// gives the values in effect, on the scenario merge read.
    package static func manifest(
        shardManifest: Data?, path: String, shards: Int, document: ScenarioDocument, scenario s: Scenario,
        command: [String], outputFolder: String
    ) -> CommandManifest {
        let parsed = shardManifest.flatMap { try? JSONValue.parse($0) }
        var record: ReproductionRecord
        if let value = parsed?["reproduction"], let shardRecord = try? ReproductionRecord.decode(value, manifest: path) {
            record = shardRecord
        } else {
            record = ReproductionRecord(.merge)
            record.scenarios = InputSources.current.inputs.first { $0.role == "scenario" }.map { [$0.path] } ?? []
            record.runs = s.runs
            record.seed = String(s.seed)
            record.sampling = s.sampling.rawValue
        }
        record.subcommand = .merge
        record.shard = nil
        record.shards = shards
        if let inputs = parsed?["inputs"].flatMap({ try? InputSources.parse($0, manifest: path) }) {
            InputSources.current.adopt(inputs)
        }
        var facts = CommandManifest(
            simulating: s, from: document, record: record,
            context: PipelineContext(command: command, threads: 1, outputFolder: outputFolder))
        facts.extra["merged_shards"] = .integer(shards)
        return facts
    }

    /// Refuses a merge of `scenario` (the one recorded in the shards, with their runs, seed and
    /// sampling) that needs more memory than this machine can give.
    package static func check(_ scenario: Scenario) throws {
        if let message = MemoryEstimate(mergeOf: scenario).refusal(
            advice: "merge on a machine with more memory, or re-run the shards with fewer --runs")
        {
            throw PipelineError("merge: " + message)
        }
    }

    /// Writes the outputs of the run whose shards' aggregates were merged into `result`
    /// (``ShardMerge/finish()``) into `sink`: the same files, byte for byte, as the unsharded run.
    /// With runs.csv on, `rows(sink)` hands the shards' rows of runs.csv (standard dialect, pieces
    /// ending at a row's end, in run order) to `sink`.
    package static func run(
        _ options: RunPipeline.Options, into sink: ArtifactSink, result: SimulationResult,
        rows: (_ sink: ([UInt8]) -> Void) throws -> Void
    ) throws -> RunPipeline.Outcome {
        try RunPipeline.run(options, into: sink) { format, recordSink in
            if format != nil { try rows(recordSink) }
            return result
        }
    }

    /// Refuses `shard` (read from `folder`) unless it is from the run of `reference` (read from
    /// `referenceFolder`): the same govsim version, scenario, data files, runs, seed, sampling,
    /// shard count and runs.csv on or off (the aggregates' format is checked with shard.json).
    package static func refuseForeign(_ d: ShardDescription, folder: String, reference r: ShardDescription, referenceFolder: String) throws
    {
        var differences: [String] = []
        if d.govsimVersion != r.govsimVersion { differences.append("govsim \(d.govsimVersion) instead of \(r.govsimVersion)") }
        if d.scenarioSHA256 != r.scenarioSHA256 {
            differences.append("another scenario (SHA-256 \(d.scenarioSHA256.prefix(12))… instead of \(r.scenarioSHA256.prefix(12))…)")
        }
        if d.dataFiles.map({ [$0.path, $0.sha256] }) != r.dataFiles.map({ [$0.path, $0.sha256] }) {
            differences.append("other data files")
        }
        if d.runs != r.runs { differences.append("\(d.runs) runs instead of \(r.runs)") }
        if d.seed != r.seed { differences.append("seed \(d.seed) instead of \(r.seed)") }
        if d.sampling != r.sampling { differences.append("sampling \(d.sampling) instead of \(r.sampling)") }
        if d.shards != r.shards { differences.append("\(d.shards) shards instead of \(r.shards)") }
        if d.runsCSVRows != r.runsCSVRows {
            differences.append(
                d.runsCSVRows
                    ? "runs.csv rows where the other has none (--no-runs-csv)" : "no runs.csv rows (--no-runs-csv) where the other has them"
            )
        }
        if !differences.isEmpty {
            throw PipelineError(
                "\(folder): shard \(d.shard)/\(d.shards) is not from the run of \(referenceFolder) (\(differences.joined(separator: ", "))); merge the shards of one run"
            )
        }
    }

    /// The indices of `given` (shards of one run, ``refuseForeign(_:folder:reference:referenceFolder:)``)
    /// in shard order, refused unless each shard 1…N is given once and their block ranges tile
    /// the run's blocks exactly.
    package static func order(_ given: [(folder: String, canonicalPath: String, shard: ShardDescription)]) throws -> [Int] {
        guard let r = given.first?.shard else { return [] }
        var byNumber: [Int: Int] = [:]
        for (index, folder) in given.enumerated() {
            if let other = byNumber[folder.shard.shard] {
                let same = given[other].canonicalPath == folder.canonicalPath
                throw PipelineError(
                    "\(folder.folder): shard \(folder.shard.shard)/\(r.shards) is given twice (\(same ? "the same folder" : "also in \(given[other].folder)")); give each shard folder once"
                )
            }
            byNumber[folder.shard.shard] = index
        }
        let missing = (1...r.shards).filter { byNumber[$0] == nil }
        guard missing.isEmpty else {
            let list =
                missing.count > 10
                ? missing.prefix(10).map(String.init).joined(separator: ", ") + ", …" : missing.map(String.init).joined(separator: ", ")
            throw PipelineError(
                "\(missing.count == 1 ? "shard" : "shards") \(list) of \(r.shards) \(missing.count == 1 ? "is" : "are") missing; give every shard folder once"
            )
        }
        let ordered = (1...r.shards).map { byNumber[$0]! }
        // The descriptions' ranges are each validated against k/n; check the tiling regardless.
        var next = 0
        for index in ordered {
            let folder = given[index]
            guard folder.shard.firstBlock == next else {
                throw PipelineError(
                    "\(folder.folder): shard \(folder.shard.shard)/\(r.shards) starts at block \(folder.shard.firstBlock), not \(next); the shards do not cover the run exactly once"
                )
            }
            next = folder.shard.endBlock
        }
        guard next == r.blockCount else {
            throw PipelineError("the shards end at block \(next), not at the run's \(r.blockCount) blocks; give every shard folder once")
        }
        return ordered
    }
}
