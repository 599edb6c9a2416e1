import Foundation
import GovSimCore

/// What the commands add to their manifests so that `govsim verify` can re-run them: the
/// scenario's (or data file's) content, the resolved scenario, the build and machine, and the
/// run-specific `invocation` section. Each command calls one function here, after computing
/// its results and before writing them.
extension Manifest {
    /// Records the reproduction facts of `govsim <subcommand>` (run or calibrate).
    /// - Parameters:
    ///   - scenarioArgument: the scenario path as given on the command line; nil for the
    ///     built-in reference scenario.
    ///   - runs, seed: the values in effect (after command-line overrides).
    mutating func recordReproduction(_ subcommand: String, scenarioArgument: String?, input: ScenarioInput,
                                     runs: Int, seed: UInt64, threads: Int, outputFolder: String) {
        extra["subcommand"] = .string(subcommand)
        scenarioContent = String(decoding: input.bytes, as: UTF8.self)
        var scenario = input.scenario
        scenario.runs = runs
        scenario.seed = seed
        resolvedScenario = scenario.resolvedJSON
        environment = RunEnvironment.describe()
        var inputs: [String: String] = [:]
        if let scenarioArgument { inputs["scenario"] = scenarioArgument }
        invocation = invocationFacts(threads: threads, outputFolder: outputFolder, inputs: inputs)
    }
}

/// The `invocation` facts with the positions and absolute paths of the input arguments.
func invocationFacts(threads: Int, outputFolder: String, inputs: [String: String]) -> [String: JSONValue] {
    var indices: [String: Int] = [:]
    var absolute: [String: JSONValue] = [:]
    for (role, path) in inputs {
        if let index = argumentIndex(of: path) { indices[role] = index }
        absolute[role] = .string(URL(fileURLWithPath: path).standardizedFileURL.path)
    }
    var facts = InvocationRecord.facts(threads: threads, outputFolder: outputFolder, inputArguments: indices)
    facts["input_absolute_paths"] = .object(absolute)
    return facts
}

/// The index in `arguments` of the argument `value` (an input file's path): the first
/// occurrence that does not follow an option, else the last occurrence.
func argumentIndex(of value: String, in arguments: [String] = CommandLine.arguments) -> Int? {
    let candidates = arguments.indices.dropFirst().filter { arguments[$0] == value }
    return candidates.first { !arguments[$0 - 1].hasPrefix("-") } ?? candidates.last
}

/// `govsim fit`'s files with a manifest extended for `govsim verify`: the report's own manifest
/// keys, plus each file's size and SHA-256, the data file's SHA-256 and (below 10 MB) its
/// content, the build and machine, and the `invocation` section.
func withReproductionRecord(_ files: [(name: String, contents: Data)], data: Data, dataArgument: String,
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
    var dataFile: [String: JSONValue] = [
        "file": .string(dataArgument), "bytes": .integer(data.count), "sha256": .string(SHA256.hex(data)),
    ]
    if data.count < 10_000_000 { dataFile["content_base64"] = .string(data.base64EncodedString()) }
    members["data_file"] = .object(dataFile)
    members["environment"] = RunEnvironment.describe()
    var invocation = invocationFacts(threads: 1, outputFolder: outputFolder, inputs: ["data": dataArgument])
    invocation["command"] = .array((["govsim"] + CommandLine.arguments.dropFirst()).map { .string($0) })
    members["invocation"] = .object(invocation)
    results.append((name: "manifest.json", contents: Data(JSONValue.object(members).render().utf8)))
    return results
}
