import Foundation

/// Writes a set of result files into a folder so that the folder appears whole or not at all.
///
/// Files are written into a hidden temporary folder beside the destination
/// (`.<name>.tmp-<pid>-<random>`), flushed, and the folder is then renamed into place. An
/// existing destination is replaced only when it was written by govsim (it contains
/// `manifest.json` and nothing but regular files) or when `force` is set; the old folder is
/// moved aside first and removed only after the new one is in place. Any error removes the
/// temporary folder and leaves the previous results untouched.
public struct OutputDirectory: Sendable {
    /// Destination folder.
    public let url: URL
    /// Replace an existing folder that govsim did not write.
    public let force: Bool

    public init(url: URL, force: Bool = false) {
        self.url = url.standardizedFileURL
        self.force = force
    }

    /// Writes `files` (file name → contents) atomically into the destination folder.
    /// - Throws: ``OutputError`` naming the path and the cause.
    public func write(_ files: [(name: String, contents: Data)]) throws {
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
    public func begin() throws -> OutputTransaction {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: parent.path, cause: "cannot create the folder (\(Self.describe(error)))")
        }
        try checkReplaceable()
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temp = parent.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(token)")
        do {
            try fm.createDirectory(at: temp, withIntermediateDirectories: false)
        } catch {
            throw OutputError(path: temp.path, cause: "cannot create a temporary folder (\(Self.describe(error)))")
        }
        TemporaryFolderRegistry.shared.register(temp)
        return OutputTransaction(destination: url, temporary: temp, token: token)
    }

    /// Refuses to replace a folder that holds anything govsim did not write.
    func checkReplaceable() throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw OutputError(path: url.path, cause: "a file with this name exists; choose another --out folder or remove the file")
        }
        if force { return }
        let contents = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
        if contents.isEmpty { return }
        if !contents.contains("manifest.json") {
            throw OutputError(path: url.path, cause: "the folder exists and was not written by govsim (no manifest.json); choose another --out folder or pass --force to replace it")
        }
        for name in contents {
            var sub: ObjCBool = false
            if fm.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &sub), sub.boolValue {
                throw OutputError(path: url.path, cause: "the folder contains a subfolder '\(name)' that govsim did not write; choose another --out folder or pass --force to replace it")
            }
        }
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}

/// Files being written into a temporary folder that becomes the destination on ``commit()``.
public final class OutputTransaction {
    public let destination: URL
    let temporary: URL
    let token: String
    private var handles: [String: FileHandle] = [:]
    private var finished = false

    init(destination: URL, temporary: URL, token: String) {
        self.destination = destination
        self.temporary = temporary
        self.token = token
    }

    /// Writes a whole file.
    public func write(_ name: String, _ contents: Data) throws {
        do {
            try contents.write(to: temporary.appendingPathComponent(name))
        } catch {
            throw OutputError(path: destination.appendingPathComponent(name).path, cause: OutputDirectory.describe(error))
        }
    }

    /// Appends to a file, creating it on first use.
    public func append(_ name: String, _ contents: Data) throws {
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
    public func commit() throws {
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
            var old: URL? = nil
            if fm.fileExists(atPath: destination.path) {
                let aside = parent.appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())-\(token)")
                do { try fm.moveItem(at: destination, to: aside) } catch {
                    throw OutputError(path: destination.path, cause: "cannot move the previous results aside (\(OutputDirectory.describe(error)))")
                }
                old = aside
            }
            do {
                try fm.moveItem(at: temporary, to: destination)
            } catch {
                if let old { try? fm.moveItem(at: old, to: destination) }
                throw OutputError(path: destination.path, cause: "cannot move the new results into place (\(OutputDirectory.describe(error)))")
            }
            if let old { try? fm.removeItem(at: old) }
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
    }

    /// Removes the temporary folder; the destination is untouched.
    public func abort() {
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
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let cause: String
    public var description: String { "\(path): \(cause)" }
}

/// The temporary folders being written right now, so that a signal handler can remove them
/// before the process exits (an interrupted run leaves no partial folder behind).
public final class TemporaryFolderRegistry: @unchecked Sendable {
    public static let shared = TemporaryFolderRegistry()
    private let lock = NSLock()
    private var folders: Set<String> = []

    func register(_ url: URL) { lock.lock(); folders.insert(url.path); lock.unlock() }
    func unregister(_ url: URL) { lock.lock(); folders.remove(url.path); lock.unlock() }

    /// Removes every registered folder. Called from the CLI's SIGINT/SIGTERM handler.
    public func removeAll() {
        // Waits for a replacement in progress to finish, and keeps the lock: the caller exits next.
        TemporaryFolderRegistry.commitLock.lock()
        lock.lock(); let all = folders; folders.removeAll(); lock.unlock()
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}
