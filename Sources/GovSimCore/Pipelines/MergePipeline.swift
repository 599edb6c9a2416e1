import Foundation

/// `govsim merge` in memory: the shards' runs replayed block by block, in order, into the
/// outputs of the unsharded run (``RunPipeline``, the same bytes), with a manifest whose record
/// is that of the shards' run.
public enum MergePipeline {
    /// The manifest facts of a merge: the options of the shards' run (from `shardManifest`, the
    /// bytes of the first shard's manifest at `path`) with the shard count, and the shards'
    /// recorded inputs adopted into ``InputSources/current`` besides any merge read itself, so
    /// the merged folder re-runs on its own. A shard manifest without a record (or unreadable)
    /// gives the values in effect, on the scenario merge read.
    public static func manifest(shardManifest: Data?, path: String, shards: Int, document: ScenarioDocument, scenario s: Scenario,
                                command: [String], outputFolder: String) -> CommandManifest {
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
        var facts = CommandManifest(command: command, record: record, documents: [document], scenarioName: s.name,
                                    seed: s.seed, runs: s.runs, horizon: s.horizon, sampling: s.sampling.rawValue,
                                    threads: 1, outputFolder: outputFolder)
        facts.extra["merged_shards"] = .integer(shards)
        return facts
    }

    /// Replays the run of `options.scenario` from its blocks (`block(b, runs)` gives block b's
    /// encoded runs, ``ShardCodec``, holding `runs` runs) into `sink`.
    public static func run(_ options: RunPipeline.Options, into sink: ArtifactSink,
                           block: @escaping (_ index: Int, _ runs: Int) throws -> [UInt8]) throws -> RunPipeline.Outcome {
        let engine = SimulationEngine(scenario: options.scenario, threads: 1)
        let ranges = ParallelBlocks.blocks(runs: options.scenario.runs)
        return try RunPipeline.run(options, into: sink) { format, recordSink in
            try engine.replay(block: { b in try block(b, ranges[b].count) }, formatRecords: format, recordSink: recordSink)
        }
    }
}
