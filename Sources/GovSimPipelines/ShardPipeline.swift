import Foundation

/// `govsim run --shard K/N` in memory: the partial results of one shard, `aggregate.bin` (its
/// mergeable aggregate, ``ShardAggregate``), `runs-rows.csv` (its rows of runs.csv, unless
/// `--no-runs-csv`), `shard.json` (what was run, with the scenario and its data files so that
/// merge needs nothing else) and a manifest.
package enum ShardPipeline {
    /// What the pipeline needs besides the sink.
    package struct Options: Sendable {
        /// The scenario read.
        package var document: ScenarioDocument
        /// Every data file the scenario read (path as written in the scenario, bytes), in the
        /// order first read; recorded in `shard.json`.
        package var dataFiles: [(path: String, contents: Data)]
        /// The scenario as simulated (after command-line overrides).
        package var scenario: Scenario
        /// Shard K (1…N) of N.
        package var shard: Int
        package var shards: Int
        package var threads: Int
        /// The manifest's facts (runs, seed, horizon and sampling the scenario's).
        package var manifest: CommandManifest

        package init(
            document: ScenarioDocument, dataFiles: [(path: String, contents: Data)], scenario: Scenario,
            shard: Int, shards: Int, threads: Int, manifest: CommandManifest
        ) {
            self.document = document
            self.dataFiles = dataFiles
            self.scenario = scenario
            self.shard = shard
            self.shards = shards
            self.threads = threads
            self.manifest = manifest
        }

        /// The options of shard `shard` of `shards` of `govsim run` with `record`'s options.
        package init(
            document: ScenarioDocument, dataFiles: [(path: String, contents: Data)], scenario: Scenario,
            shard: Int, shards: Int, record: ReproductionRecord, context: PipelineContext
        ) {
            self.init(
                document: document, dataFiles: dataFiles, scenario: scenario, shard: shard, shards: shards, threads: context.threads,
                manifest: CommandManifest(simulating: scenario, from: document, record: record, context: context))
        }
    }

    /// A shard checked and ready to simulate.
    package struct Prepared {
        let options: Options
        let engine: SimulationEngine
        let description: ShardDescription
        /// The shard's blocks and the run's block count (for the terminal).
        package let blocks: Range<Int>
        package let blockCount: Int

        /// The number of runs the shard simulates: its blocks', the run's last block possibly
        /// partial (the total of ``write(into:progress:)``'s progress).
        package var runCount: Int {
            min(blocks.upperBound * ParallelBlocks.blockSize, options.scenario.runs) - blocks.lowerBound * ParallelBlocks.blockSize
        }

        /// Simulates the shard's blocks into `sink`: aggregate.bin (``ShardAggregate``), with
        /// runs.csv on also runs-rows.csv (the shard's rows of runs.csv, standard dialect, no
        /// header: the merge concatenates them), shard.json (with the aggregate's size and SHA-256)
        /// and manifest.json. `progress` receives the number of the shard's runs finished so far.
        package func write(into sink: ArtifactSink, progress: (@Sendable (Int) -> Void)? = nil) throws {
            var rowsHash = SHA256()
            var rowsBytes = 0
            var writeError: Error?
            let startYear = options.scenario.startYear
            let rows = description.runsCSVRows
            var format: (@Sendable ([RunRecord]) -> [UInt8])?
            if rows { format = { (records: [RunRecord]) -> [UInt8] in RunsTable.bytes(records, startYear: startYear) } }
            let rowSink: ([UInt8]) -> Void = { bytes in
                guard writeError == nil else { return }
                rowsHash.update(bytes)
                rowsBytes += bytes.count
                do { try sink.append(ShardPipeline.rowsFile, Data(bytes)) } catch { writeError = error }
            }
            let aggregate = engine.shard(blocks: blocks, progress: progress, formatRecords: format, recordSink: rowSink)
            if let writeError { throw writeError }
            let encoded = aggregate.encoded()
            var description = self.description
            description.recordAggregate(encoded)
            try sink.write(ShardPipeline.aggregateFile, Data(encoded))
            let shardData = description.encoded()
            try sink.write("shard.json", shardData)
            var entries: [(name: String, bytes: Int, sha256: String)] = [
                (ShardPipeline.aggregateFile, encoded.count, description.aggregateSHA256)
            ]
            if rows { entries.append((ShardPipeline.rowsFile, rowsBytes, rowsHash.finalize())) }
            entries.append(("shard.json", shardData.count, SHA256.hex(shardData)))
            let manifest = options.manifest.manifest()
            try sink.write("manifest.json", Data(manifest.render(entries: entries).utf8))
        }
    }

    /// The shard's aggregate (``ShardAggregate``), in every shard folder.
    package static let aggregateFile = "aggregate.bin"
    /// The shard's rows of runs.csv, unless the shards were run with `--no-runs-csv`.
    package static let rowsFile = "runs-rows.csv"

    /// Refuses a shard that cannot be written (more shards than blocks, data files or runs too
    /// large to record), before any output is begun or anything simulated.
    package static func prepare(_ options: Options) throws -> Prepared {
        let s = options.scenario, k = options.shard, n = options.shards
        let blockCount = ShardDescription.blockCount(runs: s.runs)
        guard n <= blockCount else {
            throw PipelineError(
                "--shard \(k)/\(n): \(s.runs) runs make only \(blockCount) blocks of \(ParallelBlocks.blockSize); use at most \(blockCount) shards"
            )
        }
        let dataBytes = options.dataFiles.reduce(0) { $0 + $1.contents.count }
        guard dataBytes <= ShardDescription.maximumDataBytes else {
            throw PipelineError(
                "\(options.document.displayName): the data files it reads total \(dataBytes) bytes, more than the \(ShardDescription.maximumDataBytes) a shard records (a shard carries its inputs so merge reads nothing else); run it unsharded or reduce the data files"
            )
        }
        let engine = SimulationEngine(scenario: s, threads: options.threads)
        let description = ShardDescription(
            scenarioFile: options.document.displayName, scenarioBytes: options.document.bytes,
            dataFiles: options.dataFiles.map { .init(path: $0.path, contents: $0.contents) },
            runs: s.runs, seed: s.seed, sampling: s.sampling.rawValue, shard: k, shards: n,
            runsCSVRows: options.manifest.record.noRunsCSV != true)
        return Prepared(
            options: options, engine: engine, description: description,
            blocks: description.firstBlock..<description.endBlock, blockCount: blockCount)
    }
}
