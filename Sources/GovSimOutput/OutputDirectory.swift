import Foundation

/// Writes a set of result files into a folder so that the folder appears whole or not at all.
///
/// Files are written into a hidden temporary folder beside the destination
/// (`.<name>.tmp-<pid>-<random>`), flushed, and the folder is then renamed into place. The
/// destination must be an allowed place (``OutputLocation``). An existing destination is
/// replaced only when everything in it was written by govsim (listed in its govsim
/// `manifest.json`, see ``FolderOwnership``) and unchanged since, or changed and `force` is
/// set; a folder holding anything else is refused even with `force`. The old folder is moved
/// aside first; after the new one is in place, only the files govsim wrote are removed from it,
/// one by one, and then the empty folder (never a recursive removal). Any error removes the
/// temporary folder and leaves the previous results untouched.
package struct OutputDirectory: Sendable {
    /// Destination folder.
    package let url: URL
    /// Replace a govsim folder whose files were changed since govsim wrote them (never a folder
    /// holding files govsim did not write).
    package let force: Bool
    /// The destination as given on the command line (checked by ``OutputLocation``).
    package let givenPath: String
    /// The files and folders the command reads: the destination may not be or hold any of them.
    package let inputs: [String]

    package init(url: URL, force: Bool = false) {
        self.url = url.standardizedFileURL
        self.force = force
        self.givenPath = url.path
        self.inputs = []
    }

    /// A destination given as a path (`--out`), for a command reading `inputs`.
    package init(path: String, force: Bool = false, inputs: [String] = []) {
        self.url = URL(fileURLWithPath: path.isEmpty ? "." : path).standardizedFileURL
        self.force = force
        self.givenPath = path
        self.inputs = inputs
    }

    /// Checks, before any long computation, that the destination may be written: an allowed
    /// place, and not a folder govsim may not replace. ``begin()`` checks again.
    /// - Throws: ``OutputError`` saying what is wrong and what to do.
    package func check() throws {
        try OutputLocation.check(givenPath, inputs: inputs)
        _ = try checkReplaceable()
    }

    /// Writes `files` (file name → contents) atomically into the destination folder.
    /// - Throws: ``OutputError`` naming the path and the cause.
    package func write(_ files: [(name: String, contents: Data)]) throws {
        let transaction = try begin()
        do {
            for file in files { try transaction.write(file.name, file.contents) }
            try transaction.commit()
        } catch {
            transaction.abort()
            throw error
        }
    }

    /// Starts writing: checks the destination, creates the temporary folder. Write files into
    /// the transaction (whole or appended in pieces), then ``OutputTransaction/commit()``.
    package func begin() throws -> OutputTransaction {
        let fm = FileManager.default
        try OutputLocation.check(givenPath, inputs: inputs)
        _ = try checkReplaceable()
        let parent = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: parent.path, cause: "cannot create the folder (\(Self.describe(error)))")
        }
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temp = parent.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(token)")
        do {
            try fm.createDirectory(at: temp, withIntermediateDirectories: false)
        } catch {
            throw OutputError(path: temp.path, cause: "cannot create a temporary folder (\(Self.describe(error)))")
        }
        TemporaryFolderRegistry.shared.register(temp)
        return OutputTransaction(directory: self, temporary: temp, token: token)
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}

/// Files being written into a temporary folder that becomes the destination on ``commit()``.
package final class OutputTransaction {
    package let destination: URL
    let directory: OutputDirectory
    let temporary: URL
    let token: String
    private var handles: [String: FileHandle] = [:]
    private var finished = false

    init(directory: OutputDirectory, temporary: URL, token: String) {
        self.destination = directory.url
        self.directory = directory
        self.temporary = temporary
        self.token = token
    }

    /// Writes a whole file.
    package func write(_ name: String, _ contents: Data) throws {
        do {
            try contents.write(to: temporary.appendingPathComponent(name))
        } catch {
            throw OutputError(path: destination.appendingPathComponent(name).path, cause: OutputDirectory.describe(error))
        }
    }

    /// Appends to a file, creating it on first use.
    package func append(_ name: String, _ contents: Data) throws {
        do {
            if handles[name] == nil {
                let path = temporary.appendingPathComponent(name)
                guard FileManager.default.createFile(atPath: path.path, contents: nil) else {
                    throw OutputError(path: destination.appendingPathComponent(name).path, cause: "cannot create the file")
                }
                handles[name] = try FileHandle(forWritingTo: path)
            }
            try handles[name]!.write(contentsOf: contents)
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(path: destination.appendingPathComponent(name).path, cause: OutputDirectory.describe(error))
        }
    }

    /// Closes every file and moves the folder into place (replacing the previous results).
    package func commit() throws {
        let fm = FileManager.default
        defer { finished = true; TemporaryFolderRegistry.shared.unregister(temporary) }
        do {
            for (name, handle) in handles {
                do { try handle.synchronize(); try handle.close() } catch {
                    throw OutputError(path: destination.appendingPathComponent(name).path, cause: OutputDirectory.describe(error))
                }
            }
            handles = [:]
            let parent = destination.deletingLastPathComponent()
            TemporaryFolderRegistry.pauseBeforeCommitIfTesting()
            try TemporaryFolderRegistry.shared.committing {
                // Checked again: files may have been added to the folder while the results were computed.
                let owned = try directory.checkReplaceable()
                var old: URL? = nil
                if fm.fileExists(atPath: destination.path) {
                    let aside = parent.appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())-\(token)")
                    do { try fm.moveItem(at: destination, to: aside) } catch {
                        throw OutputError(
                            path: destination.path, cause: "cannot move the previous results aside (\(OutputDirectory.describe(error)))")
                    }
                    old = aside
                }
                do {
                    try fm.moveItem(at: temporary, to: destination)
                } catch {
                    if let old { try? fm.moveItem(at: old, to: destination) }
                    throw OutputError(
                        path: destination.path, cause: "cannot move the new results into place (\(OutputDirectory.describe(error)))")
                }
                if let old {
                    // Only what govsim wrote, file by file; rmdir fails (and keeps the folder aside)
                    // if anything else appeared in it after the check.
                    for name in owned { _ = unlink(old.appendingPathComponent(name).path) }
                    _ = rmdir(old.path)
                }
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
    }

    /// Removes the temporary folder; the destination is untouched.
    package func abort() {
        guard !finished else { return }
        finished = true
        for (_, handle) in handles { try? handle.close() }
        handles = [:]
        try? FileManager.default.removeItem(at: temporary)
        TemporaryFolderRegistry.shared.unregister(temporary)
    }

    deinit { abort() }
}

/// An error writing outputs, naming the path and the cause.
package struct OutputError: Error, CustomStringConvertible, Sendable {
    package let path: String
    package let cause: String
    package var description: String { "\(path): \(cause)" }
}

/// The temporary folders being written right now, so that a signal handler can remove them
/// before the process exits (an interrupted run leaves no partial folder behind).
///
/// `@unchecked Sendable` is safe: its one `var`, `folders`, is read and written only while
/// holding `lock`.
package final class TemporaryFolderRegistry: @unchecked Sendable {
    package static let shared = TemporaryFolderRegistry()
    private let lock = NSLock()
    private var folders: Set<String> = []

    func register(_ url: URL) { lock.lock(); folders.insert(url.path); lock.unlock() }
    func unregister(_ url: URL) { lock.lock(); folders.remove(url.path); lock.unlock() }

    /// Removes every registered folder. Called from the CLI's signal handler (SIGINT, SIGTERM, SIGHUP, SIGPIPE).
    package func removeAll() {
        // Waits for a replacement in progress to finish, and keeps the lock: the caller exits next.
        TemporaryFolderRegistry.commitLock.lock()
        lock.lock(); let all = folders; folders.removeAll(); lock.unlock()
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}
