import Foundation

/// `govsim verify`: checks that a results folder — possibly from a stranger — is what its
/// manifest says, and that running its command again gives the same bytes.
///
/// Nothing in the folder is trusted:
/// - `manifest.json` must be a regular file of at most ``manifestLimit`` bytes, nested at most
///   ``maximumDepth`` deep; every file it lists must have a plain name (``FolderFile/isPlainName(_:)``).
/// - Files are inspected with `lstat` and opened with `O_NOFOLLOW`: a symbolic link, folder,
///   pipe or device in the folder is a problem reported by name, never followed.
/// - Files are compared by size first, then by a SHA-256 computed in pieces (bounded memory
///   at any size); the first differing line is shown only between a file of the folder and
///   the re-run's copy, both read in pieces, lines cut at 160 bytes, control characters escaped.
/// - The re-run (done by the caller's `rerun`, in-process, from the typed ``ReproductionRecord``)
///   reads only the input bytes the manifest records (``InputSources/recorded(_:folder:)``) and
///   writes only into a fresh temporary folder made by `mkdtemp`, registered for removal on a
///   signal and always removed.
/// - Every recorded fact (version, seed, runs, horizon, sampling, the resolved scenario, the
///   inputs, …: the whole manifest except its `invocation` and `environment` sections and the
///   file list, which is checked file by file) must be what the re-run records.
public final class ReproductionCheck: @unchecked Sendable {
    /// Largest `manifest.json` read (48 MiB: the recorded inputs' bytes, at most 32 MiB and a
    /// third more in base64, plus the rest).
    public static let manifestLimit = 48 << 20
    /// Deepest nesting of arrays and objects accepted in a manifest.
    public static let maximumDepth = 64
    /// Most values (counted by their separators) accepted in a manifest: govsim writes a few
    /// thousand; the bound keeps parsing a hostile manifest within bounded memory.
    public static let maximumValues = 200_000

    /// The results folder being checked.
    public let folder: URL
    /// The parsed `manifest.json`.
    public let manifest: JSONValue
    /// How messages name the manifest.
    public let manifestName: String

    private let lock = NSLock()
    private var workFolder: URL?
    private var cancelled = false

    /// Reads `folder/manifest.json` within the limits.
    /// - Throws: ``ReproductionError`` when the folder or its manifest cannot be read safely.
    public init(folder: URL) throws {
        self.folder = folder.standardizedFileURL
        let shown = Printable.escaped(folder.path)
        guard let status = FolderFile.status(self.folder.path) else {
            throw ReproductionError("\(shown): no such results folder; give the folder a govsim command wrote (e.g. outputs/reference)")
        }
        var isDirectory: ObjCBool = false
        guard status.kind == "a folder" || (FileManager.default.fileExists(atPath: self.folder.path, isDirectory: &isDirectory) && isDirectory.boolValue) else {
            throw ReproductionError("\(shown): is \(status.kind), not a results folder; give the folder a govsim command wrote")
        }
        manifestName = "\(shown)/manifest.json"
        let manifestPath = self.folder.appendingPathComponent("manifest.json").path
        guard let manifestStatus = FolderFile.status(manifestPath) else {
            throw ReproductionError("\(manifestName): no manifest; verify checks folders written by govsim run, calibrate, compare, sensitivity, fit and merge")
        }
        guard manifestStatus.isRegular else {
            throw ReproductionError("\(manifestName): is \(manifestStatus.kind), not a file govsim wrote; verify never follows links or reads devices")
        }
        let data = try FolderFile.contents(manifestPath, limit: Self.manifestLimit, what: "manifest")
        if let problem = Self.nestingProblem(data) {
            throw ReproductionError("\(manifestName): \(problem); it was not written by govsim, or was edited")
        }
        do {
            manifest = try JSONValue.parse(data)
        } catch {
            throw ReproductionError("\(manifestName): not valid JSON; the manifest was edited or damaged")
        }
        guard manifest.objectValue != nil, manifest["files"]?.arrayValue != nil else {
            throw ReproductionError("\(manifestName): has no list of files; it was not written by govsim, or was edited")
        }
    }

    /// Why `data` is nested too deeply or holds too many values for a manifest; nil when it is
    /// not (one pass that skips strings).
    static func nestingProblem(_ data: Data) -> String? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var depth = 0, values = 0, i = 0
            let n = bytes.count
            while i < n {
                switch bytes[i] {
                case 0x22: // a string: skip to its closing quote, past escaped characters
                    i += 1
                    while i < n && bytes[i] != 0x22 { i += bytes[i] == 0x5C ? 2 : 1 }
                case 0x5B, 0x7B: // [ {
                    depth += 1
                    values += 1
                    if depth > maximumDepth { return "nested more than \(maximumDepth) levels deep" }
                case 0x5D, 0x7D: // ] }
                    depth -= 1
                case 0x2C: // ,
                    values += 1
                    if values > maximumValues { return "holds more than \(maximumValues) values" }
                default:
                    break
                }
                i += 1
            }
            return nil
        }
    }

    /// A file the manifest lists.
    public struct RecordedFile: Sendable, Equatable {
        /// A plain file name inside the folder.
        public let name: String
        /// The size recorded.
        public let bytes: Int
        /// The SHA-256 recorded, in lowercase hexadecimal.
        public let sha256: String
    }

    /// The files the manifest lists, in its order, each checked: a plain name, listed once, a
    /// size and a SHA-256.
    /// - Throws: ``ReproductionError`` for the first entry that govsim could not have written.
    public func recordedFiles() throws -> [RecordedFile] {
        let items = manifest["files"]?.arrayValue ?? []
        guard items.count <= 10_000 else { throw ReproductionError("\(manifestName): lists \(items.count) files; govsim writes far fewer, so the manifest was edited") }
        var files: [RecordedFile] = []
        for (i, item) in items.enumerated() {
            guard let name = item["name"]?.stringValue else {
                throw ReproductionError("\(manifestName): files[\(i)] has no name; the manifest was edited or damaged")
            }
            guard FolderFile.isPlainName(name), name != "manifest.json" else {
                throw ReproductionError("\(manifestName): files[\(i)] is named `\(Printable.escaped(name))`, not a plain file name inside the folder; refused (the manifest was edited)")
            }
            guard let bytes = item["bytes"]?.intValue, bytes >= 0 else {
                throw ReproductionError("\(manifestName): \(Printable.escaped(name)) has no size (`bytes`); the manifest was edited or damaged")
            }
            guard let sha = item["sha256"]?.stringValue, SHA256.isHexDigest(sha) else {
                throw ReproductionError("\(manifestName): \(Printable.escaped(name)) has no SHA-256 of 64 hexadecimal digits; the manifest was edited or damaged")
            }
            guard !files.contains(where: { $0.name == name }) else {
                throw ReproductionError("\(manifestName): lists \(Printable.escaped(name)) twice; the manifest was edited")
            }
            files.append(RecordedFile(name: name, bytes: bytes, sha256: sha))
        }
        return files
    }

    /// The outcome of a check: one entry per problem (empty when everything matched).
    public struct Outcome: Sendable {
        /// One line per problem, in the order found (the folder's files, then the re-run).
        public var problems: [String] = []
        /// Files compared.
        public var checkedFiles = 0
        /// Whether the command was re-run.
        public var reran = false
        /// Whether nothing differed.
        public var reproduced: Bool { problems.isEmpty }
    }

    /// What the caller runs again: the record, the inputs to serve, and the temporary folder it
    /// may write into. Returns the folder holding the re-run's results.
    public typealias Rerun = (_ record: ReproductionRecord, _ inputs: [InputSources.Input], _ work: URL) throws -> URL

    // MARK: - The check

    /// Checks the folder's files against the manifest and, when `rerun` is given, runs the
    /// recorded command again and compares its files and facts with the manifest.
    /// - Throws: ``ReproductionError`` when the manifest cannot be trusted enough to compare, or
    ///   the re-run cannot be prepared or fails.
    public func run(rerun: Rerun?) throws -> Outcome {
        var outcome = Outcome()
        let recorded = try recordedFiles()
        outcome.checkedFiles = recorded.count
        let names = Set(recorded.map(\.name))
        let present = Set(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []))

        // The folder's own files: each a regular file of the recorded size and SHA-256. A changed
        // file is reported after the re-run, with its first differing line, when there is one.
        var intact = Set<String>()
        var changed: [String: String] = [:]
        for file in recorded {
            let path = folder.appendingPathComponent(file.name).path
            guard present.contains(file.name), let status = FolderFile.status(path) else {
                outcome.problems.append("\(Printable.escaped(file.name)): missing from the folder (the manifest lists it)")
                continue
            }
            guard status.isRegular else {
                outcome.problems.append("\(Printable.escaped(file.name)): is \(status.kind), not the file govsim wrote; not followed")
                continue
            }
            if status.size != file.bytes {
                changed[file.name] = "\(status.size) bytes; the manifest records \(file.bytes)"
            } else if (try? FolderFile.sha256(path)) == file.sha256 {
                intact.insert(file.name)
            } else {
                changed[file.name] = "its SHA-256 is not the manifest's"
            }
        }
        for name in present.sorted() where !names.contains(name) && name != "manifest.json" {
            let kind = FolderFile.status(folder.appendingPathComponent(name).path).map { $0.isRegular ? "" : " (\($0.kind))" } ?? ""
            outcome.problems.append("\(Printable.escaped(name)): in the folder but not in the manifest\(kind); govsim did not write it")
        }
        func changedMessage(_ name: String) -> String { "\(Printable.escaped(name)): changed since govsim wrote it (\(changed[name] ?? ""))" }
        guard let rerun else {
            outcome.problems += recorded.filter { changed[$0.name] != nil }.map { changedMessage($0.name) }
            return outcome
        }
        do {
            try compareWithRerun(rerun, recorded: recorded, present: present, intact: intact, changed: changedMessage, into: &outcome)
        } catch let error as ReproductionError {
            // The folder's own problems first, then why it could not be re-run.
            outcome.problems += recorded.filter { changed[$0.name] != nil }.map { changedMessage($0.name) }
            outcome.problems.append(error.description)
        }
        return outcome
    }

    /// Re-runs and compares files and facts (the part of ``run(rerun:)`` after the folder's own files).
    private func compareWithRerun(_ rerun: Rerun, recorded: [RecordedFile], present: Set<String>, intact: Set<String>,
                                  changed changedMessage: (String) -> String, into outcome: inout Outcome) throws {
        let names = Set(recorded.map(\.name))

        // What to run, from the typed record, with the recorded inputs.
        guard let recordValue = manifest["reproduction"] else {
            let version = manifest["govsim_version"]?.stringValue.map { " (it records govsim \(Printable.escaped($0, limit: 40)))" } ?? ""
            throw ReproductionError("\(manifestName): has no `reproduction` record of the command's options\(version), so it cannot be re-run; check its files with --files-only")
        }
        let record = try ReproductionRecord.decode(recordValue, manifest: manifestName)
        let inputs: [InputSources.Input]
        do {
            inputs = try manifest["inputs"].map { try InputSources.parse($0, manifest: manifestName) } ?? []
        } catch let error as InputSourceError {
            throw ReproductionError(error.description)
        }
        try checkRecordAgainstFacts(record)
        if let version = manifest["govsim_version"]?.stringValue, version != GovSimVersion.string {
            outcome.problems.append("manifest.json: written by govsim \(Printable.escaped(version, limit: 40)); this is govsim \(GovSimVersion.string), so the bytes are not expected to match (verify with that version)")
        }

        let work = try makeWorkFolder()
        defer { removeWorkFolder() }
        let output = try rerun(record, inputs, work)
        outcome.reran = true

        let rerunManifest: JSONValue
        do {
            rerunManifest = try JSONValue.parse(try FolderFile.contents(output.appendingPathComponent("manifest.json").path, limit: Self.manifestLimit, what: "manifest"))
        } catch {
            throw ReproductionError("the re-run wrote no readable manifest.json; please report this as a bug in govsim")
        }
        for file in recorded {
            let again = output.appendingPathComponent(file.name).path
            guard let status = FolderFile.status(again), status.isRegular else {
                outcome.problems.append("\(Printable.escaped(file.name)): the re-run did not write it")
                continue
            }
            let matches = status.size == file.bytes && (try? FolderFile.sha256(again)) == file.sha256
            let original = folder.appendingPathComponent(file.name).path
            let comparable = present.contains(file.name) && FolderFile.status(original)?.isRegular == true
            if matches {
                // Reproduced; a folder copy that differs was edited (already reported above).
                if comparable, !intact.contains(file.name) {
                    outcome.problems.append(changedMessage(file.name) + (lineDifference(original, again, first: "in the folder", second: "re-run") ?? ""))
                }
                continue
            }
            if comparable && intact.contains(file.name) {
                let difference = lineDifference(original, again, first: "recorded", second: "re-run") ?? ""
                outcome.problems.append("\(Printable.escaped(file.name)): not reproduced: the re-run's bytes differ from the recorded file\(difference)")
            } else if comparable {
                let difference = lineDifference(original, again, first: "in the folder", second: "re-run") ?? ""
                outcome.problems.append(changedMessage(file.name) + ", and the re-run does not reproduce the manifest's SHA-256 either" + difference)
            } else {
                outcome.problems.append("\(Printable.escaped(file.name)): not reproduced: the re-run's SHA-256 differs from the one the manifest records")
            }
        }
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).sorted()
        where !names.contains(name) && name != "manifest.json" {
            outcome.problems.append("\(Printable.escaped(name)): the re-run also wrote it, but the manifest does not list it")
        }
        outcome.problems += Self.factDifferences(recorded: manifest, rerun: rerunManifest)
    }

    /// Refuses, before spending any computation, a record that contradicts the manifest's own
    /// facts (an edited subcommand, runs or seed: e.g. a folder of 60 runs whose record asks
    /// for 100,000,000).
    func checkRecordAgainstFacts(_ record: ReproductionRecord) throws {
        func edited(_ what: String) -> ReproductionError {
            ReproductionError("\(manifestName): \(what); the manifest was edited, so it is not re-run")
        }
        if let subcommand = manifest["subcommand"]?.stringValue, subcommand != record.subcommand.rawValue {
            throw edited("reproduction.subcommand is \(record.subcommand.rawValue), but the manifest records subcommand \(Printable.escaped(subcommand, limit: 40))")
        }
        let sobol = record.subcommand == .sensitivity && record.method == "sobol"
        if let runs = record.runs, !sobol, let recorded = manifest["runs"]?.intValue, runs != recorded {
            throw edited("reproduction.runs is \(runs), but the manifest records runs \(recorded)")
        }
        if let seed = record.seed, let recorded = manifest["seed"]?.stringValue, UInt64(seed) != UInt64(recorded) {
            throw edited("reproduction.seed is \(seed), but the manifest records seed \(Printable.escaped(recorded, limit: 40))")
        }
    }

    /// Sections that differ between runs of the same command, or are compared file by file.
    static let uncomparedSections: Set<String> = ["invocation", "environment", "files", "govsim_version"]

    /// One problem per recorded fact the re-run does not reproduce, naming the first differing
    /// member path (e.g. `resolved_scenario.parameters.baseline.spending`).
    static func factDifferences(recorded: JSONValue, rerun: JSONValue) -> [String] {
        let a = recorded.objectValue ?? [:], b = rerun.objectValue ?? [:]
        var problems: [String] = []
        for key in Set(a.keys).union(b.keys).sorted() where !uncomparedSections.contains(key) && a[key] != b[key] {
            let (path, x, y) = firstDifference(a[key], b[key], path: key)
            problems.append("manifest.json: \(Printable.escaped(path, limit: 120)) is \(shown(x)) in the folder, but the re-run records \(shown(y)); the manifest was edited, or the result does not reproduce")
        }
        return problems
    }

    private static func firstDifference(_ x: JSONValue?, _ y: JSONValue?, path: String) -> (String, JSONValue?, JSONValue?) {
        if case .object(let p)? = x, case .object(let q)? = y {
            for key in Set(p.keys).union(q.keys).sorted() where p[key] != q[key] {
                return firstDifference(p[key], q[key], path: "\(path).\(key)")
            }
        }
        if case .array(let p)? = x, case .array(let q)? = y, p.count == q.count {
            for i in p.indices where p[i] != q[i] { return firstDifference(p[i], q[i], path: "\(path)[\(i)]") }
        }
        return (path, x, y)
    }

    private static func shown(_ value: JSONValue?) -> String {
        guard let value else { return "absent" }
        var text = value.render()
        text.removeLast()
        return Printable.escaped(text.replacingOccurrences(of: "\n", with: " "), limit: 80)
    }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    /// Stops the check: removes the temporary folder. Safe to call from a signal handler's queue.
    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        removeWorkFolder()
    }

    // MARK: - The temporary folder

    func makeWorkFolder() throws -> URL {
        let url = try FolderFile.makeTemporaryFolder(prefix: "govsim-verify-")
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

    // MARK: - Reporting

    /// The first line where two files differ, as an indented two-line report; nil when they are
    /// the same or cannot be read.
    func lineDifference(_ a: String, _ b: String, first: String, second: String) -> String? {
        guard let found = try? FolderFile.firstDifferingLine(a, b) else { return nil }
        let (line, x, y) = found
        func show(_ s: String?) -> String {
            guard let s else { return "(no such line: the file ends before it)" }
            return "\"\(Printable.escaped(s, limit: 161))\""
        }
        let width = max(first.count, second.count) + 1
        return "; first difference at line \(line):\n    \((first + ":").padding(toLength: width, withPad: " ", startingAt: 0)) \(show(x))\n"
            + "    \((second + ":").padding(toLength: width, withPad: " ", startingAt: 0)) \(show(y))"
    }
}

/// A problem that stops `govsim verify` before it can compare anything, as one line.
public struct ReproductionError: Error, CustomStringConvertible, Sendable {
    /// The message: what is wrong, where, and what to do.
    public let description: String
    public init(_ message: String) { description = message }
}
