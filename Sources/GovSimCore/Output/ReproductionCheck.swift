import Foundation

/// `govsim verify`: checks that a results folder is what its manifest says, and that running
/// the recorded command again gives the same bytes.
///
/// 1. Every file the manifest lists must be in the folder with its recorded SHA-256 (nobody
///    edited, truncated or removed it), and the folder must hold no other file.
/// 2. The recorded command (`invocation.command`) is run again by the same `govsim` executable,
///    as a child process, in a fresh temporary folder: the scenario (or data file) is written
///    there from the content recorded in the manifest, at the same relative path so the
///    arguments stay the same, and the output goes into the temporary folder. Running the
///    executable rather than calling the commands' code keeps this check independent of each
///    command's internals and tests the whole program.
/// 3. Every file of the re-run must have the SHA-256 the manifest records; `manifest.json`
///    itself is not compared (it holds timestamps and the thread count).
///
/// Differences are reported per file: missing, extra, or changed, with the first differing
/// line of a text file. The temporary folder is always removed.
public final class ReproductionCheck: @unchecked Sendable {
    /// The results folder being checked.
    public let folder: URL
    /// The `govsim` executable that re-runs the command.
    public let executable: URL
    /// The parsed `manifest.json`.
    public let manifest: JSONValue

    private let lock = NSLock()
    private var child: Process?
    private var workFolder: URL?
    private var cancelled = false

    /// Reads `folder/manifest.json`.
    /// - Throws: ``ReproductionError`` when the folder or its manifest cannot be read.
    public init(folder: URL, executable: URL) throws {
        self.folder = folder.standardizedFileURL
        self.executable = executable
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReproductionError("\(folder.path): no such results folder; give the folder a govsim command wrote (e.g. outputs/reference)")
        }
        let manifestURL = folder.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw ReproductionError("\(manifestURL.path): no manifest; verify checks folders written by govsim run, calibrate or fit")
        }
        do {
            manifest = try JSONValue.parse(data)
        } catch {
            throw ReproductionError("\(manifestURL.path): not valid JSON (\(error.localizedDescription)); the manifest was edited or damaged")
        }
        guard manifest.objectValue != nil, manifest["files"]?.arrayValue != nil else {
            throw ReproductionError("\(manifestURL.path): has no list of files; it was not written by govsim, or was edited")
        }
    }

    /// A file the manifest lists.
    public struct RecordedFile: Sendable, Equatable {
        public let name: String
        public let bytes: Int
        public let sha256: String
    }

    /// The files the manifest lists, in its order.
    public var recordedFiles: [RecordedFile] {
        (manifest["files"]?.arrayValue ?? []).compactMap { item in
            guard let name = item["name"]?.stringValue, let sha = item["sha256"]?.stringValue else { return nil }
            return RecordedFile(name: name, bytes: item["bytes"]?.intValue ?? -1, sha256: sha)
        }
    }

    /// The outcome of a check: one entry per problem (empty when everything matched).
    public struct Outcome: Sendable {
        public var problems: [String] = []
        /// Files compared.
        public var checkedFiles = 0
        /// Whether the command was re-run.
        public var reran = false
        /// Remarks that may explain a difference (e.g. an input read from another path).
        public var notes: [String] = []
        public var reproduced: Bool { problems.isEmpty }
    }

    // MARK: - The check

    /// Checks the folder's files against the manifest and, unless `rerun` is false, re-runs the
    /// recorded command and compares its files with the manifest.
    /// - Throws: ``ReproductionError`` when the re-run cannot be prepared or started.
    public func run(rerun: Bool = true) throws -> Outcome {
        var outcome = Outcome()
        let recorded = recordedFiles
        outcome.checkedFiles = recorded.count
        let names = Set(recorded.map(\.name))
        var intact = Set<String>()
        for file in recorded {
            let path = folder.appendingPathComponent(file.name)
            guard let data = FileManager.default.contents(atPath: path.path) else {
                outcome.problems.append("\(file.name): missing from the folder (the manifest lists it)")
                continue
            }
            if SHA256.hex(data) == file.sha256 { intact.insert(file.name) }
        }
        for name in folderFiles(folder) where !names.contains(name) && name != "manifest.json" {
            outcome.problems.append("\(name): in the folder but not in the manifest (govsim did not write it)")
        }
        guard rerun else {
            for file in recorded where !intact.contains(file.name) && FileManager.default.fileExists(atPath: folder.appendingPathComponent(file.name).path) {
                outcome.problems.append("\(file.name): changed since govsim wrote it (its SHA-256 is not the manifest's)")
            }
            return outcome
        }

        let work = try makeWorkFolder()
        defer { removeWorkFolder() }
        let plan = try prepare(in: work)
        let result = try execute(plan, in: work)
        outcome.reran = true
        outcome.notes = plan.notes
        guard FileManager.default.fileExists(atPath: plan.output.appendingPathComponent("manifest.json").path) else {
            let message = result.stderr.split(separator: "\n").last.map(String.init) ?? "no message"
            outcome.problems.append("the re-run failed with exit status \(result.status) and wrote no results: \(message)")
            return outcome
        }
        let rerunNames = Set(folderFiles(plan.output))
        for file in recorded {
            let original = folder.appendingPathComponent(file.name)
            let originalData = FileManager.default.contents(atPath: original.path)
            guard let again = FileManager.default.contents(atPath: plan.output.appendingPathComponent(file.name).path) else {
                outcome.problems.append("\(file.name): the re-run did not write it")
                continue
            }
            let rerunMatches = SHA256.hex(again) == file.sha256
            if rerunMatches {
                // The re-run reproduced the recorded bytes; a folder copy that differs was edited
                // (a missing one was reported above).
                if let originalData, !intact.contains(file.name) {
                    outcome.problems.append("\(file.name): changed since govsim wrote it (the re-run reproduces the manifest's SHA-256, the folder's copy does not)"
                        + Self.lineDifference(originalData, again, first: "in the folder", second: "re-run"))
                }
                continue
            }
            if let originalData, intact.contains(file.name) {
                outcome.problems.append("\(file.name): not reproduced: the re-run's bytes differ from the recorded file"
                    + Self.lineDifference(originalData, again, first: "recorded", second: "re-run"))
            } else if let originalData {
                outcome.problems.append("\(file.name): not reproduced, and the folder's copy was also changed since govsim wrote it"
                    + Self.lineDifference(originalData, again, first: "in the folder", second: "re-run"))
            } else {
                outcome.problems.append("\(file.name): not reproduced: the re-run's SHA-256 is \(SHA256.hex(again)), the manifest records \(file.sha256)")
            }
        }
        for name in rerunNames.sorted() where !names.contains(name) && name != "manifest.json" {
            outcome.problems.append("\(name): the re-run also wrote it, but the manifest does not list it")
        }
        if result.status != 0 && !(result.status == 2 && plan.subcommand == "calibrate") {
            outcome.problems.append("the re-run exited with status \(result.status): \(result.stderr.split(separator: "\n").last.map(String.init) ?? "")")
        }
        return outcome
    }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    /// Stops a re-run in progress (terminates the child, removes the temporary folder). Safe to
    /// call from a signal handler's queue.
    public func cancel() {
        lock.lock()
        cancelled = true
        let process = child
        lock.unlock()
        if let process, process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        removeWorkFolder()
    }

    // MARK: - Preparing the re-run

    /// What to run: the arguments (without the executable), where the results will appear, and
    /// the input files to create first.
    struct Plan {
        var subcommand: String
        var arguments: [String]
        var output: URL
        var notes: [String] = []
    }

    func makeWorkFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("govsim-verify-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ReproductionError("\(url.path): cannot create a temporary folder for the re-run (\(error.localizedDescription))")
        }
        lock.lock(); workFolder = url; lock.unlock()
        TemporaryFolderRegistry.shared.register(url)
        return url
    }

    func removeWorkFolder() {
        lock.lock(); let url = workFolder; workFolder = nil; lock.unlock()
        if let url {
            try? FileManager.default.removeItem(at: url)
            TemporaryFolderRegistry.shared.unregister(url)
        }
    }

    /// A path that can be recreated inside the temporary folder as it is: relative, without `..`.
    static func isPortable(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.hasPrefix("~") && !path.split(separator: "/").contains("..")
    }

    /// Writes the inputs into `work` and works out the arguments and the output folder.
    func prepare(in work: URL) throws -> Plan {
        let invocation = manifest["invocation"]
        guard let command = invocation?["command"]?.arrayValue?.compactMap(\.stringValue), command.count >= 2 else {
            throw ReproductionError("\(folder.path)/manifest.json: records no command line (written by govsim before 0.2?); re-run the command by hand")
        }
        var arguments = Array(command.dropFirst())
        var notes: [String] = []
        let subcommand = manifest["subcommand"]?.stringValue ?? arguments[0]
        let inputIndices = invocation?["input_arguments"]?.objectValue ?? [:]
        let absolutePaths = invocation?["input_absolute_paths"]?.objectValue ?? [:]

        // (role, recorded description of the file) for each input the command reads.
        var inputs: [(role: String, record: JSONValue)] = []
        if let scenario = manifest["scenario"] { inputs.append(("scenario", scenario)) }
        if let data = manifest["data_file"] { inputs.append(("data", data)) }
        if inputs.isEmpty && subcommand == "fit" {
            throw ReproductionError("\(folder.path)/manifest.json: records no data file (written by govsim before 0.2?); re-run the command by hand")
        }
        for (role, record) in inputs {
            guard let sha = record["sha256"]?.stringValue, let file = record["file"]?.stringValue else {
                throw ReproductionError("\(folder.path)/manifest.json: the \(role) record has no file name or SHA-256")
            }
            let index = inputIndices[role]?.intValue.map { $0 - 1 }
            if let index, !arguments.indices.contains(index) {
                throw ReproductionError("\(folder.path)/manifest.json: the \(role) argument index is outside the command line")
            }
            let path = index.map { arguments[$0] } ?? file
            let absolute = absolutePaths[role]?.stringValue
            let content = try recordedContent(role: role, record: record, sha256: sha, absolutePath: absolute)
            let placed: String
            if Self.isPortable(path) {
                placed = path
            } else if let absolute, let current = FileManager.default.contents(atPath: absolute), SHA256.hex(current) == sha {
                placed = absolute // still in place and unchanged: use it as it was used
            } else {
                placed = work.appendingPathComponent("inputs-\(role)").appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path
                notes.append("the \(role) file was given as \(path), which is gone or changed; the re-run read the recorded copy from another path, so an output that names the path differs")
            }
            let destination = placed.hasPrefix("/") ? URL(fileURLWithPath: placed) : work.appendingPathComponent(placed)
            if !placed.hasPrefix("/") || placed.hasPrefix(work.path) {
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: destination.path, contents: content) else {
                    throw ReproductionError("\(destination.path): cannot write the recorded \(role) for the re-run")
                }
            }
            if let index {
                arguments[index] = placed
            } else {
                // The built-in scenario: give its recorded text as a file after the subcommand.
                let at = (arguments.firstIndex(of: subcommand) ?? 0) + 1
                arguments.insert(placed, at: at)
            }
        }

        // The output folder: kept when it can be recreated inside the temporary folder.
        let replacement = "reproduced-results"
        var output: URL
        if let i = arguments.firstIndex(where: { $0 == "--out" }), i + 1 < arguments.count {
            if !Self.isPortable(arguments[i + 1]) { arguments[i + 1] = replacement }
            output = work.appendingPathComponent(arguments[i + 1])
        } else if let i = arguments.firstIndex(where: { $0.hasPrefix("--out=") }) {
            var value = String(arguments[i].dropFirst("--out=".count))
            if !Self.isPortable(value) { value = replacement; arguments[i] = "--out=" + value }
            output = work.appendingPathComponent(value)
        } else if let recorded = invocation?["output_folder"]?.stringValue, Self.isPortable(recorded) {
            output = work.appendingPathComponent(recorded)
        } else {
            arguments += ["--out", replacement]
            output = work.appendingPathComponent(replacement)
        }
        output = output.standardizedFileURL
        return Plan(subcommand: subcommand, arguments: arguments, output: output, notes: notes)
    }

    /// The recorded bytes of an input: its content from the manifest, or (for a data file too
    /// large to embed) the file at its recorded absolute path if its SHA-256 still matches.
    func recordedContent(role: String, record: JSONValue, sha256: String, absolutePath: String?) throws -> Data {
        let content: Data?
        if let text = record["content"]?.stringValue {
            content = Data(text.utf8)
        } else if let base64 = record["content_base64"]?.stringValue {
            content = Data(base64Encoded: base64)
        } else {
            content = nil
        }
        if let content {
            guard SHA256.hex(content) == sha256 else {
                throw ReproductionError("\(folder.path)/manifest.json: the recorded \(role) content does not match its SHA-256; the manifest was edited")
            }
            return content
        }
        guard let absolutePath else {
            throw ReproductionError("\(folder.path)/manifest.json: records neither the \(role) content nor where the file was (written by govsim before 0.2?)")
        }
        guard let data = FileManager.default.contents(atPath: absolutePath) else {
            throw ReproductionError("\(absolutePath): the \(role) file is not there any more and was too large to record in the manifest; restore it to re-run")
        }
        guard SHA256.hex(data) == sha256 else {
            throw ReproductionError("\(absolutePath): the \(role) file changed since the run (its SHA-256 differs from the manifest's); restore the original to re-run")
        }
        return data
    }

    // MARK: - Running it

    struct ChildResult {
        let status: Int32
        let stderr: String
    }

    func execute(_ plan: Plan, in work: URL) throws -> ChildResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = plan.arguments
        process.currentDirectoryURL = work
        var environment = ProcessInfo.processInfo.environment
        environment["GOVSIM_TEST_PAUSE_BEFORE_COMMIT_MS"] = nil
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        lock.lock()
        if cancelled { lock.unlock(); throw ReproductionError("interrupted") }
        child = process
        lock.unlock()
        do {
            try process.run()
        } catch {
            throw ReproductionError("\(executable.path): cannot run govsim again (\(error.localizedDescription))")
        }
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        lock.lock(); child = nil; lock.unlock()
        return ChildResult(status: process.terminationStatus, stderr: String(decoding: stderr, as: UTF8.self))
    }

    // MARK: - Reporting

    /// Names of the regular files in `url`, sorted.
    func folderFiles(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    /// The first line where two texts differ, as an indented two-line report; "" for identical
    /// texts. Lines are shown up to 160 characters.
    public static func lineDifference(_ a: Data, _ b: Data, first: String, second: String) -> String {
        guard let (line, x, y) = firstDifferingLine(a, b) else { return "" }
        func show(_ s: String?) -> String {
            guard let s else { return "(no such line: the file ends before it)" }
            return s.count > 160 ? "\"\(s.prefix(160))…\"" : "\"\(s)\""
        }
        let width = max(first.count, second.count) + 1
        return "; first difference at line \(line):\n    \((first + ":").padding(toLength: width, withPad: " ", startingAt: 0)) \(show(x))\n"
            + "    \((second + ":").padding(toLength: width, withPad: " ", startingAt: 0)) \(show(y))"
    }

    /// The 1-based number of the first line that differs between `a` and `b`, with both lines
    /// (nil where a file has no such line); nil when the two are identical.
    public static func firstDifferingLine(_ a: Data, _ b: Data) -> (Int, String?, String?)? {
        if a == b { return nil }
        let x = [UInt8](a), y = [UInt8](b)
        var line = 1, start = 0, i = 0
        while i < x.count && i < y.count && x[i] == y[i] {
            if x[i] == 10 { line += 1; start = i + 1 }
            i += 1
        }
        func lineText(_ bytes: [UInt8]) -> String? {
            guard start < bytes.count else { return nil }
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return (line, lineText(x), lineText(y))
    }
}

/// A problem that stops `govsim verify` before it can compare anything, as one line.
public struct ReproductionError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ message: String) { description = message }
}
