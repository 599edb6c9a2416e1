import Foundation
import GovSimCore

/// What the commands add to their manifests so that `govsim verify` can re-run them from the
/// folder alone: the typed record of the command's options (``ReproductionRecord``), every
/// input file read (``InputSources/json``), the scenario's content and resolved form, the build
/// and machine, and the run-specific `invocation` section. Each command calls one function
/// here, after computing its results and before writing them.
extension Manifest {
    /// Records the reproduction facts of a command.
    /// - Parameters:
    ///   - record: the command's options as typed values.
    ///   - input: the scenario run (nil for commands without one, e.g. compare of several files).
    ///   - runs, seed: the values in effect (after command-line overrides).
    mutating func recordReproduction(_ record: ReproductionRecord, input: ScenarioInput?, runs: Int, seed: UInt64,
                                     threads: Int, outputFolder: String) {
        extra["subcommand"] = .string(record.subcommand.rawValue)
        extra["reproduction"] = record.json
        extra["inputs"] = InputSources.current.json
        if let input {
            scenarioContent = String(decoding: input.bytes, as: UTF8.self)
            var scenario = input.scenario
            scenario.runs = runs
            scenario.seed = seed
            resolvedScenario = scenario.resolvedJSON
        }
        environment = RunEnvironment.describe()
        invocation = InvocationRecord.facts(threads: threads, outputFolder: outputFolder)
    }
}

extension SimulationOptions {
    /// The record of `subcommand` on `scenarios` (paths as given) with these options.
    func record(_ subcommand: ReproductionRecord.Subcommand, scenarios: [String]) -> ReproductionRecord {
        var record = ReproductionRecord(subcommand)
        record.scenarios = scenarios
        record.runs = runs
        record.seed = seed.map { String($0) }
        record.sampling = sampling
        return record
    }
}

/// `govsim fit`'s files with a manifest extended for `govsim verify`: the report's own manifest
/// keys, plus each file's size and SHA-256, the record of the options, the data file (in
/// `inputs`), the build and machine, and the `invocation` section.
func withReproductionRecord(_ files: [(name: String, contents: Data)], record: ReproductionRecord,
                            outputFolder: String) throws -> [(name: String, contents: Data)] {
    var results = files.filter { $0.name != "manifest.json" }
    var members: [String: JSONValue] = [:]
    if let original = files.first(where: { $0.name == "manifest.json" }),
       let object = try JSONValue.parse(original.contents).objectValue {
        members = object
    }
    members["subcommand"] = .string("fit")
    members["files"] = .array(results.map { f in
        .object(["name": .string(f.name), "bytes": .integer(f.contents.count), "sha256": .string(SHA256.hex(f.contents))])
    })
    members["reproduction"] = record.json
    members["inputs"] = InputSources.current.json
    members["environment"] = RunEnvironment.describe()
    var invocation = InvocationRecord.facts(threads: 1, outputFolder: outputFolder)
    invocation["command"] = .array((["govsim"] + CommandLine.arguments.dropFirst()).map { .string($0) })
    members["invocation"] = .object(invocation)
    results.append((name: "manifest.json", contents: Data(JSONValue.object(members).render().utf8)))
    return results
}

extension Manifest {
    /// Records the reproduction facts of `govsim merge`: the options of the shards' run (from
    /// the manifest of the shard in `shardFolder`) with the shard count, and the shards'
    /// recorded inputs besides any merge read itself, so the merged folder re-runs on its own.
    mutating func recordMerge(of shardFolder: String, shards: Int, input: ScenarioInput, scenario s: Scenario, outputFolder: String) {
        let path = URL(fileURLWithPath: shardFolder).appendingPathComponent("manifest.json").path
        let shardManifest = (try? FolderFile.contents(path, limit: ReproductionCheck.manifestLimit, what: "manifest"))
            .flatMap { try? JSONValue.parse($0) }
        var record: ReproductionRecord
        if let value = shardManifest?["reproduction"], let shardRecord = try? ReproductionRecord.decode(value, manifest: path) {
            record = shardRecord
        } else {
            // A shard without a record: the values in effect, on the scenario merge read.
            record = ReproductionRecord(.merge)
            record.scenarios = InputSources.current.inputs.first { $0.role == "scenario" }.map { [$0.path] } ?? []
            record.runs = s.runs
            record.seed = String(s.seed)
            record.sampling = s.sampling.rawValue
        }
        record.subcommand = .merge
        record.shard = nil
        record.shards = shards
        if let inputs = shardManifest?["inputs"].flatMap({ try? InputSources.parse($0, manifest: path) }) {
            InputSources.current.adopt(inputs)
        }
        recordReproduction(record, input: input, runs: s.runs, seed: s.seed, threads: 1, outputFolder: outputFolder)
    }
}
