import Foundation

/// What `govsim evaluate` needs from a results folder's `manifest.json`: the `run` record to
/// re-simulate the forecast from, the input files it recorded, and the SHA-256 of the folder's
/// `summary.csv` (the re-simulation must reproduce it). Read here, in the library, so that the
/// command line only reads the manifest's bytes.
package struct RecordedForecast: Sendable {
    /// The forecast's record, as a plain `run` (a merge's record is the run it merged).
    package let record: ReproductionRecord
    /// The input files the manifest recorded (the scenario, its data files).
    package let inputs: [InputSources.Input]
    /// The recorded SHA-256 of `summary.csv`, if the manifest lists it.
    package let summarySHA256: String?

    /// Reads `manifest` (the bytes of `<folder>/manifest.json`, named `name` in messages).
    /// - Throws: ``PipelineError`` naming the manifest and what to give instead: not a manifest,
    ///   no reproduction record, a shard, another command, or a forecast already conditioned.
    package init(manifest bytes: Data, name: String, folder: String) throws {
        let manifest: JSONValue
        do {
            manifest = try JSONValue.parse(bytes)
        } catch {
            throw PipelineError("\(name): not a readable govsim manifest; give the results folder of `govsim run`")
        }
        guard let recordValue = manifest["reproduction"] else {
            throw PipelineError(
                "\(name): has no `reproduction` record, so its forecast cannot be re-simulated; run the scenario again with this govsim")
        }
        var record: ReproductionRecord
        do {
            record = try ReproductionRecord.decode(recordValue, manifest: name)
        } catch let error as ReproductionError {
            throw PipelineError(error.description)
        }
        guard record.subcommand == .run || record.subcommand == .merge, record.shard == nil else {
            let what = record.shard != nil ? "one shard of a run (merge the shards first)" : "`govsim \(record.subcommand.rawValue)`"
            throw PipelineError(
                "\(folder): holds the results of \(what); evaluate needs the results folder of `govsim run` or `govsim merge`")
        }
        if let conditioned = manifest["conditioning"], conditioned.objectValue != nil {
            throw PipelineError("\(folder): is a forecast conditioned on outturn; evaluate the forecast made before the outturn was known")
        }
        record.subcommand = .run
        record.shards = nil
        do {
            inputs = try manifest["inputs"].map { try InputSources.parse($0, manifest: name) } ?? []
        } catch let error as InputSourceError {
            throw PipelineError(error.description)
        }
        self.record = record
        summarySHA256 = manifest["files"]?.arrayValue?.first { $0["name"]?.stringValue == "summary.csv" }?["sha256"]?.stringValue
    }
}
