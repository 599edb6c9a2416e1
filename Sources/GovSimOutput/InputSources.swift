import Foundation

/// Where a command's input files come from, and the record of every file it read.
///
/// Normally (``disk()``) a read goes to the file system and is recorded: its role, its path as
/// given (for a data file: as written in the scenario, with the scenario that names it), its
/// size, SHA-256 and, up to ``recordLimit`` bytes, its bytes. The record goes into the manifest
/// (``json``), so that a results folder holds everything needed to run it again.
///
/// `govsim verify` replaces the source (``recorded(_:folder:)``): a read is then served the
/// recorded bytes, keyed by the same path as given, and never touches the file system; a path
/// the manifest does not record, or records without its bytes, fails with a message naming it.
///
/// The command being run reads through ``current``. Not thread-safe: a command reads its inputs
/// from one thread, before it starts its worker threads.
///
/// `@unchecked Sendable` is safe under that contract: the `var`s (`served`, `inputs`,
/// `warnings`) are touched only by ``read(role:path:scenario:readDisk:)``, ``adopt(_:)`` and
/// the manifest's ``json``, which the pipelines call on the command's own thread before they
/// start worker threads (the scenario and its data are read and resolved up front) and after
/// those threads have joined; no worker reads an input.
package final class InputSources: @unchecked Sendable {
    /// Largest input file whose bytes are recorded in the manifest (16 MiB). A larger file is
    /// recorded by size and SHA-256 only, with a warning, and its folder cannot be re-run.
    package static let recordLimit = 16 << 20
    /// Largest total of recorded bytes in one manifest (32 MiB); beyond it, further files are
    /// recorded without their bytes, as for ``recordLimit``.
    package static let totalRecordLimit = 32 << 20

    /// One input file a command read.
    package struct Input: Sendable, Equatable {
        /// `scenario`, `data` (a file a scenario names) or `fit-data` (the CSV of `govsim fit`).
        package var role: String
        /// The path as given: on the command line, or as written in the scenario.
        package var path: String
        /// For a data file, the path (as given) of the scenario that names it; nil otherwise.
        package var scenario: String?
        /// The file's size in bytes.
        package var bytes: Int
        /// The SHA-256 of the file's bytes, in lowercase hexadecimal.
        package var sha256: String
        /// The file's bytes; nil when the file was too large to record.
        package var content: Data?

        /// An input with every member given.
        package init(role: String, path: String, scenario: String?, bytes: Int, sha256: String, content: Data?) {
            self.role = role
            self.path = path
            self.scenario = scenario
            self.bytes = bytes
            self.sha256 = sha256
            self.content = content
        }

        /// How messages name the file.
        package var described: String {
            scenario.map { "the \(role) file \(path) named in \($0)" } ?? "the \(role) file \(path)"
        }
    }

    private enum Mode {
        case disk
        case recorded(folder: String)
    }

    private let mode: Mode
    private var served: [Input] = []
    /// The files read, in the order first read (each once).
    package private(set) var inputs: [Input] = []
    /// One-line warnings about files recorded without their bytes.
    package private(set) var warnings: [String] = []

    private init(mode: Mode, served: [Input]) {
        self.mode = mode
        self.served = served
    }

    /// Reads from the file system and records every read.
    package static func disk() -> InputSources { InputSources(mode: .disk, served: []) }

    /// Serves `inputs` (as recorded in the manifest of the results folder `folder`) and nothing else.
    package static func recorded(_ inputs: [Input], folder: String) -> InputSources {
        InputSources(mode: .recorded(folder: folder), served: inputs)
    }

    /// The source the running command reads through (a fresh ``disk()`` source per process;
    /// `govsim verify` sets a ``recorded(_:folder:)`` one for the duration of a re-run).
    ///
    /// `nonisolated(unsafe)` is safe for the same reason: it is assigned only by `govsim verify`
    /// on the main thread around a re-run, when no worker thread exists, and read by the
    /// command's own thread.
    nonisolated(unsafe) package static var current = InputSources.disk()

    /// Whether reads are served from a manifest rather than the file system.
    package var isRecorded: Bool {
        if case .recorded = mode { return true }
        return false
    }

    /// The bytes of the input `path` (as given).
    /// - Parameters:
    ///   - role: `scenario`, `data` or `fit-data`.
    ///   - scenario: for a data file, the scenario (path as given) that names it.
    ///   - readDisk: reads the file from the file system (with the caller's checks and limits).
    /// - Throws: what `readDisk` throws; ``InputSourceError`` for a file a manifest does not record.
    package func read(role: String, path: String, scenario: String? = nil, readDisk: () throws -> Data) throws -> Data {
        switch mode {
        case .recorded(let folder):
            guard let input = served.first(where: { $0.path == path && $0.scenario == scenario }) else {
                let named = scenario.map { " named in \($0)" } ?? ""
                throw InputSourceError(
                    "\(folder)/manifest.json: does not record the \(role) file \(path)\(named), so it cannot be re-run from the folder; run it again by hand where the file is"
                )
            }
            guard let content = input.content else {
                throw InputSourceError(
                    "\(folder)/manifest.json: \(input.described) (\(input.bytes) bytes) was larger than the \(Self.recordLimit >> 20) MiB whose bytes a manifest records, so it cannot be re-run from the folder; run it again by hand where the file is"
                )
            }
            remember(input)
            return content
        case .disk:
            let data = try readDisk()
            let recordedSoFar = inputs.reduce(0) { $0 + ($1.content?.count ?? 0) }
            var input = Input(role: role, path: path, scenario: scenario, bytes: data.count, sha256: SHA256.hex(data), content: data)
            if !inputs.contains(where: { $0.path == path && $0.scenario == scenario }) {
                if data.count > Self.recordLimit {
                    input.content = nil
                    warnings.append(
                        "\(path): \(data.count) bytes, more than the \(Self.recordLimit >> 20) MiB whose bytes a manifest records; only its size and SHA-256 are recorded, so govsim verify cannot re-run this folder"
                    )
                } else if recordedSoFar + data.count > Self.totalRecordLimit {
                    input.content = nil
                    warnings.append(
                        "\(path): the inputs exceed the \(Self.totalRecordLimit >> 20) MiB whose bytes a manifest records; only this file's size and SHA-256 are recorded, so govsim verify cannot re-run this folder"
                    )
                }
            }
            remember(input)
            return data
        }
    }

    private func remember(_ input: Input) {
        if !inputs.contains(where: { $0.path == input.path && $0.scenario == input.scenario }) { inputs.append(input) }
    }

    /// Records inputs another folder's manifest recorded (e.g. merge takes its shards' inputs),
    /// keeping those already read.
    package func adopt(_ others: [Input]) {
        for input in others { remember(input) }
    }

    // MARK: - In the manifest

    /// The manifest's `inputs` array: role, path, scenario, bytes, SHA-256 and `content_base64`.
    package var json: JSONValue {
        .array(
            inputs.map { input in
                var members: [String: JSONValue] = [
                    "role": .string(input.role), "path": .string(input.path),
                    "bytes": .integer(input.bytes), "sha256": .string(input.sha256),
                ]
                if let scenario = input.scenario { members["scenario"] = .string(scenario) }
                if let content = input.content { members["content_base64"] = .string(content.base64EncodedString()) }
                return .object(members)
            })
    }

    /// Reads a manifest's `inputs` array, checking every member's type and each recorded file's
    /// bytes against its size and SHA-256.
    /// - Throws: ``InputSourceError`` naming the entry and what is wrong with it.
    package static func parse(_ value: JSONValue, manifest: String) throws -> [Input] {
        guard let items = value.arrayValue else {
            throw InputSourceError("\(manifest): `inputs` is not a list; the manifest was edited or damaged")
        }
        guard items.count <= 10_000 else {
            throw InputSourceError("\(manifest): `inputs` lists \(items.count) files; govsim records far fewer, so the manifest was edited")
        }
        var inputs: [Input] = []
        for (i, item) in items.enumerated() {
            let at = "\(manifest): inputs[\(i)]"
            guard let object = item.objectValue else {
                throw InputSourceError("\(at) is not an object; the manifest was edited or damaged")
            }
            let known: Set<String> = ["role", "path", "scenario", "bytes", "sha256", "content_base64"]
            if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
                throw InputSourceError("\(at): unknown member `\(Printable.escaped(unknown))`; the manifest was edited")
            }
            guard let role = object["role"]?.stringValue, ["scenario", "data", "fit-data", "outturn"].contains(role) else {
                throw InputSourceError("\(at): `role` must be scenario, data, fit-data or outturn; the manifest was edited")
            }
            guard let path = object["path"]?.stringValue, !path.isEmpty, !path.contains("\0") else {
                throw InputSourceError("\(at): `path` must be a non-empty text; the manifest was edited")
            }
            var scenario: String? = nil
            if let value = object["scenario"] {
                guard let text = value.stringValue else {
                    throw InputSourceError("\(at): `scenario` must be a text; the manifest was edited")
                }
                scenario = text
            }
            guard let bytes = object["bytes"]?.intValue, bytes >= 0 else {
                throw InputSourceError("\(at): `bytes` must be a whole number ≥ 0; the manifest was edited")
            }
            guard let sha = object["sha256"]?.stringValue, SHA256.isHexDigest(sha) else {
                throw InputSourceError("\(at): `sha256` must be 64 hexadecimal digits; the manifest was edited")
            }
            var content: Data? = nil
            if let value = object["content_base64"] {
                // The length first: decoding and hashing a hostile 40 MB text takes time.
                guard let text = value.stringValue, (text.utf8.count / 4) * 3 - bytes < 3, bytes <= (text.utf8.count / 4) * 3 else {
                    throw InputSourceError(
                        "\(manifest): the recorded bytes of \(Printable.escaped(path)) do not match its recorded size and SHA-256; the manifest was edited"
                    )
                }
                guard let data = Data(base64Encoded: text) else {
                    throw InputSourceError("\(at): `content_base64` is not base64; the manifest was edited")
                }
                guard data.count == bytes, SHA256.hex(data) == sha else {
                    throw InputSourceError(
                        "\(manifest): the recorded bytes of \(Printable.escaped(path)) do not match its recorded size and SHA-256; the manifest was edited"
                    )
                }
                content = data
            }
            if inputs.contains(where: { $0.path == path && $0.scenario == scenario }) {
                throw InputSourceError("\(at): \(Printable.escaped(path)) is recorded twice; the manifest was edited")
            }
            inputs.append(Input(role: role, path: path, scenario: scenario, bytes: bytes, sha256: sha, content: content))
        }
        return inputs
    }
}

/// An input the current ``InputSources`` cannot serve, as one line.
package struct InputSourceError: Error, CustomStringConvertible, Sendable {
    /// The message: which file, why it cannot be served, and what to do.
    package let description: String
    package init(_ message: String) { description = message }
}
