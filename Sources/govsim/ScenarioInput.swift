import Foundation
import GovSimCore

/// A scenario read from a file, or the built-in reference scenario.
struct ScenarioInput {
    let scenario: Scenario
    /// Path shown in messages and the manifest.
    let displayName: String
    let bytes: [UInt8]

    /// Reads and validates the scenario at `path`, or the built-in reference scenario when nil.
    static func load(_ path: String?) throws -> ScenarioInput {
        guard let path else {
            let data = Data(ReferenceScenario.yaml.utf8)
            let scenario = try ScenarioLoader.load(data: data, fileName: ReferenceScenario.fileName + " (built in)")
            return ScenarioInput(scenario: scenario, displayName: ReferenceScenario.fileName, bytes: Array(data))
        }
        let data = try readInputFile(path, what: "scenario", limit: ScenarioLoader.maximumBytes)
        var scenario = try ScenarioLoader.load(data: data, fileName: path)
        if !scenario.histories.isEmpty || scenario.fitPrior != nil {
            // Data files named in the scenario are relative to the scenario file's folder.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            scenario = try ScenarioDataResolver.resolve(scenario, scenarioFile: path) { relative in
                let url = relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : folder.appendingPathComponent(relative)
                return try readInputFile(url.path, what: "data", limit: dataFileLimit, requireRegularFile: true)
            }
        }
        return ScenarioInput(scenario: scenario, displayName: path, bytes: Array(data))
    }
}

/// Largest data (CSV) file read, in bytes.
let dataFileLimit = DataTable.maximumBytes

/// Reads an input file, refusing directories, unreadable files and files over `limit` bytes
/// with a message that names the path.
func readInputFile(_ path: String, what: String, limit: Int, requireRegularFile: Bool = false) throws -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIError("\(path): no such \(what) file; check the path\(what == "scenario" ? " (the built-in reference scenario runs with no file argument)" : "")")
    }
    if isDirectory.boolValue {
        throw CLIError("\(path): is a folder, not a \(what) file; give the path of a \(what == "scenario" ? ".yaml " : "")file")
    }
    // A regular file's size is known: one over the limit is refused without reading it.
    var info = stat()
    let data = stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_size > limit
        ? Data(count: 0) : try readAtMost(path, count: limit + 1, what: what, requireRegularFile: requireRegularFile)
    if data.count > limit || (info.st_mode & S_IFMT == S_IFREG && info.st_size > limit) {
        throw CLIError("\(path):1:1: the \(what) file is larger than \(limit) bytes; check that this is a \(what) file")
    }
    return data
}

/// An error with a complete one-line message.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
