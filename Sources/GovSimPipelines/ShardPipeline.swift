import Foundation

/// `govsim run --shard K/N` in memory: the partial results of one shard, `runs.bin` (every run's
/// inputs and trajectories, see ``ShardCodec``, appended as simulated), `shard.json` (what was
/// run, with the scenario and its data files so that merge needs nothing else) and a manifest.
public enum ShardPipeline {
    /// What the pipeline needs besides the sink.
    public struct Options: Sendable {
        /// The scenario read.
        public var document: ScenarioDocument
        /// Every data file the scenario read (path as written in the scenario, bytes), in the
        /// order first read; recorded in `shard.json`.
        public var dataFiles: [(path: String, contents: Data)]
        /// The scenario as simulated (after command-line overrides).
        public var scenario: Scenario
        /// Shard K (1…N) of N.
        public var shard: Int
        public var shards: Int
        public var threads: Int
        /// The manifest's facts (runs, seed, horizon and sampling the scenario's).
        public var manifest: CommandManifest

        public init(document: ScenarioDocument, dataFiles: [(path: String, contents: Data)], scenario: Scenario,
                    shard: Int, shards: Int, threads: Int, manifest: CommandManifest) {
            self.document = document
            self.dataFiles = dataFiles
            self.scenario = scenario
            self.shard = shard
            self.shards = shards
            self.threads = threads
            self.manifest = manifest
        }

        /// The options of shard `shard` of `shards` of `govsim run` with `record`'s options.
        public init(document: ScenarioDocument, dataFiles: [(path: String, contents: Data)], scenario: Scenario,
                    shard: Int, shards: Int, record: ReproductionRecord, context: PipelineContext) {
            self.init(document: document, dataFiles: dataFiles, scenario: scenario, shard: shard, shards: shards, threads: context.threads,
                      manifest: CommandManifest(simulating: scenario, from: document, record: record, context: context))
        }
    }

    /// A shard checked and ready to simulate.
    public struct Prepared {
        let options: Options
        let engine: SimulationEngine
        let description: ShardDescription
        /// The shard's blocks and the run's block count (for the terminal).
        public let blocks: Range<Int>
        public let blockCount: Int

        /// The number of runs the shard simulates: its blocks', the run's last block possibly
        /// partial (the total of ``write(into:progress:)``'s progress).
        public var runCount: Int {
            min(blocks.upperBound * ParallelBlocks.blockSize, options.scenario.runs) - blocks.lowerBound * ParallelBlocks.blockSize
        }

        /// Simulates the shard's blocks into `sink`: runs.bin, shard.json, manifest.json.
        /// `progress` receives the number of the shard's runs finished so far.
        public func write(into sink: ArtifactSink, progress: (@Sendable (Int) -> Void)? = nil) throws {
            var hash = SHA256()
            var bytes = 0
            var writeError: Error?
            _ = engine.run(blocks: blocks, progress: progress, formatRecords: { _ in [] }, recordSink: { _ in }, rawSink: { raw in
                guard writeError == nil else { return }
                hash.update(raw)
                bytes += raw.count
                do { try sink.append("runs.bin", Data(raw)) } catch { writeError = error }
            })
            if let writeError { throw writeError }
            let shardData = description.encoded()
            try sink.write("shard.json", shardData)
            let manifest = options.manifest.manifest()
            try sink.write("manifest.json", Data(manifest.render(entries: [("runs.bin", bytes, hash.finalize()),
                                                                           ("shard.json", shardData.count, SHA256.hex(shardData))]).utf8))
        }
    }

    /// Refuses a shard that cannot be written (more shards than blocks, data files or runs too
    /// large to record), before any output is begun or anything simulated.
    public static func prepare(_ options: Options) throws -> Prepared {
        let s = options.scenario, k = options.shard, n = options.shards
        let blockCount = ShardDescription.blockCount(runs: s.runs)
        guard n <= blockCount else {
            throw PipelineError("--shard \(k)/\(n): \(s.runs) runs make only \(blockCount) blocks of \(ParallelBlocks.blockSize); use at most \(blockCount) shards")
        }
        let dataBytes = options.dataFiles.reduce(0) { $0 + $1.contents.count }
        guard dataBytes <= ShardDescription.maximumDataBytes else {
            throw PipelineError("\(options.document.displayName): the data files it reads total \(dataBytes) bytes, more than the \(ShardDescription.maximumDataBytes) a shard records (a shard carries its inputs so merge reads nothing else); run it unsharded or reduce the data files")
        }
        let engine = SimulationEngine(scenario: s, threads: options.threads)
        let bytesPerRun = ShardCodec(plan: engine.plan).bytesPerRun
        guard bytesPerRun <= ShardDescription.maximumBytesPerRun else {
            throw PipelineError("\(options.document.displayName): one run of this scenario takes \(bytesPerRun) bytes, more than the \(ShardDescription.maximumBytesPerRun) a shard stores; use fewer organisations or a shorter horizon, or run it unsharded")
        }
        let description = ShardDescription(scenarioFile: options.document.displayName, scenarioBytes: options.document.bytes,
                                           dataFiles: options.dataFiles.map { .init(path: $0.path, contents: $0.contents) },
                                           runs: s.runs, seed: s.seed, sampling: s.sampling.rawValue, shard: k, shards: n,
                                           bytesPerRun: bytesPerRun)
        return Prepared(options: options, engine: engine, description: description,
                        blocks: description.firstBlock..<description.endBlock, blockCount: blockCount)
    }
}
