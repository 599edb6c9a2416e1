import Foundation
import GovSimCore

/// A scenario read from a file, or the built-in reference scenario.
struct ScenarioInput {
    let scenario: Scenario
    /// Path shown in messages and the manifest.
    let displayName: String
    let bytes: [UInt8]
    /// Every file read: the scenario and the data files it names (none for the built-in scenario).
    /// A results folder may not hold any of them (``OutputLocation``).
    var inputPaths: [String] = []
    /// Every data file the scenario read (path as written in the scenario, bytes), in the order
    /// first read.
    var dataFiles: [(path: String, contents: Data)] = []

    /// The scenario as the library's pipelines receive it.
    var document: ScenarioDocument { ScenarioDocument(scenario: scenario, displayName: displayName, bytes: bytes) }

    /// Reads and validates the scenario at `path`, or the built-in reference scenario when nil.
    static func load(_ path: String?) throws -> ScenarioInput {
        guard let path else {
            let data = Data(ReferenceScenario.yaml.utf8)
            let scenario = try ScenarioLoader.load(data: data, fileName: ReferenceScenario.fileName + " (built in)")
            return ScenarioInput(scenario: scenario, displayName: ReferenceScenario.fileName, bytes: Array(data))
        }
        // Every file is read through the current input source: from the disk (and recorded for
        // the manifest), or, in `govsim verify`, from the manifest's recorded bytes.
        let sources = InputSources.current
        let data = try sources.reading(role: "scenario", path: path) {
            try readInputFile(path, what: "scenario", limit: ScenarioLoader.maximumBytes)
        }
        var scenario = try ScenarioLoader.load(data: data, fileName: path)
        var inputPaths = [path]
        var dataFiles: [(path: String, contents: Data)] = []
        if !scenario.histories.isEmpty || scenario.fitPrior != nil {
            // Data files named in the scenario are relative to the scenario file's folder.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            scenario = try ScenarioDataResolver.resolve(scenario, scenarioFile: path) { relative in
                let url = relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : folder.appendingPathComponent(relative)
                inputPaths.append(url.path)
                // Kept here, outside the source's closure, so that a verify re-run (served the
                // manifest's bytes) records the same data files in a shard as the original run.
                let contents = try sources.reading(role: "data", path: relative, scenario: path) {
                    try readInputFile(url.path, what: "data", limit: dataFileLimit, requireRegularFile: true)
                }
                if !dataFiles.contains(where: { $0.path == relative }) { dataFiles.append((relative, contents)) }
                return contents
            }
        }
        return ScenarioInput(scenario: scenario, displayName: path, bytes: Array(data), inputPaths: inputPaths, dataFiles: dataFiles)
    }

    /// The scenario rebuilt from recorded bytes only (a shard's `shard.json`): its text, and
    /// the data files it read by path as written in the scenario. Nothing is read from the file
    /// system, and the built-in scenario is never substituted for a file of the same name; a data
    /// file the scenario reads that was not recorded is an error.
    static func recorded(displayName: String, bytes: [UInt8], dataFiles: [String: Data]) throws -> ScenarioInput {
        var scenario = try ScenarioLoader.load(data: Data(bytes), fileName: displayName)
        var used: [(path: String, contents: Data)] = []
        if !scenario.histories.isEmpty || scenario.fitPrior != nil {
            scenario = try ScenarioDataResolver.resolve(scenario, scenarioFile: displayName) { path in
                guard let contents = dataFiles[path] else { throw CLIError("\(path) is not among the recorded data files") }
                if !used.contains(where: { $0.path == path }) { used.append((path, contents)) }
                return contents
            }
        }
        return ScenarioInput(scenario: scenario, displayName: displayName, bytes: bytes, dataFiles: used)
    }
}

/// Largest data (CSV) file read, in bytes.
let dataFileLimit = DataTable.maximumBytes

/// Reads an input file, refusing directories, unreadable files and files over `limit` bytes
/// with a message that names the path.
func readInputFile(_ path: String, what: String, limit: Int, requireRegularFile: Bool = false) throws -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIError(
            "\(path): no such \(what) file; check the path\(what == "scenario" ? " (the built-in reference scenario runs with no file argument)" : "")"
        )
    }
    if isDirectory.boolValue {
        throw CLIError("\(path): is a folder, not a \(what) file; give the path of a \(what == "scenario" ? ".yaml " : "")file")
    }
    // A regular file's size is known: one over the limit is refused without reading it.
    var info = stat()
    let data =
        stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_size > limit
        ? Data(count: 0) : try readAtMost(path, count: limit + 1, what: what, requireRegularFile: requireRegularFile)
    if data.count > limit || (info.st_mode & S_IFMT == S_IFREG && info.st_size > limit) {
        throw CLIError("\(path):1:1: the \(what) file is larger than \(limit) bytes; check that this is a \(what) file")
    }
    return data
}

extension InputSources {
    /// ``read(role:path:scenario:readDisk:)`` with the CLI's messages: a file the manifest does
    /// not record becomes a ``CLIError``, and a file recorded without its bytes is reported in
    /// a one-line warning on standard error.
    func reading(role: String, path: String, scenario: String? = nil, readDisk: () throws -> Data) throws -> Data {
        let before = warnings.count
        do {
            let data = try read(role: role, path: path, scenario: scenario, readDisk: readDisk)
            for warning in warnings.dropFirst(before) { Terminal.note("warning: \(warning)") }
            return data
        } catch let error as InputSourceError {
            throw CLIError(error.description)
        }
    }
}

/// An error with a complete one-line message.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
