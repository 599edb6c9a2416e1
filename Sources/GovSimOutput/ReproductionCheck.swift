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
///
/// `@unchecked Sendable` is safe: the stored `let`s are immutable values, and the only `var`s
/// (`workFolder`, `cancelled`) are read and written only while holding `lock`, so the signal
/// handler's ``cancel()`` may run on another thread than the check.
package final class ReproductionCheck: @unchecked Sendable {
    /// Largest `manifest.json` read (48 MiB: the recorded inputs' bytes, at most 32 MiB and a
    /// third more in base64, plus the rest).
    package static let manifestLimit = 48 << 20
    /// Deepest nesting of arrays and objects accepted in a manifest.
    package static let maximumDepth = 64
    /// Most values (counted by their separators) accepted in a manifest: govsim writes a few
    /// thousand; the bound keeps parsing a hostile manifest within bounded memory.
    package static let maximumValues = 200_000

    /// The results folder being checked.
    package let folder: URL
    /// The parsed `manifest.json`.
    package let manifest: JSONValue
    /// How messages name the manifest.
    package let manifestName: String

    private let lock = NSLock()
    private var workFolder: URL?
    private var cancelled = false

    /// Reads `folder/manifest.json` within the limits.
    /// - Throws: ``ReproductionError`` when the folder or its manifest cannot be read safely.
    package init(folder: URL) throws {
        self.folder = folder.standardizedFileURL
        let shown = Printable.escaped(folder.path)
        guard let status = FolderFile.status(self.folder.path) else {
            throw ReproductionError("\(shown): no such results folder; give the folder a govsim command wrote (e.g. outputs/reference)")
        }
        var isDirectory: ObjCBool = false
        guard
            status.kind == "a folder"
                || (FileManager.default.fileExists(atPath: self.folder.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        else {
            throw ReproductionError("\(shown): is \(status.kind), not a results folder; give the folder a govsim command wrote")
        }
        manifestName = "\(shown)/manifest.json"
        let manifestPath = self.folder.appendingPathComponent("manifest.json").path
        guard let manifestStatus = FolderFile.status(manifestPath) else {
            throw ReproductionError(
                "\(manifestName): no manifest; verify checks folders written by govsim run, calibrate, compare, sensitivity, fit and merge")
        }
        guard manifestStatus.isRegular else {
            throw ReproductionError(
                "\(manifestName): is \(manifestStatus.kind), not a file govsim wrote; verify never follows links or reads devices")
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

    // MARK: - Cancellation and the temporary folder

    /// Whether ``cancel()`` was called.
    package var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    /// Stops the check: removes the temporary folder. Safe to call from a signal handler's queue.
    package func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        removeWorkFolder()
    }

    /// A fresh temporary folder for the re-run, registered for removal on a signal.
    func makeWorkFolder() throws -> URL {
        let url = try FolderFile.makeTemporaryFolder(prefix: "govsim-verify-")
        lock.lock(); workFolder = url; lock.unlock()
        TemporaryFolderRegistry.shared.register(url)
        return url
    }

    /// Removes the re-run's temporary folder, if any (idempotent, thread-safe).
    func removeWorkFolder() {
        lock.lock(); let url = workFolder; workFolder = nil; lock.unlock()
        if let url {
            try? FileManager.default.removeItem(at: url)
            TemporaryFolderRegistry.shared.unregister(url)
        }
    }
}
