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
        defer { TemporaryFolderRegistry.shared.unregister(temp) }
        do {
            for file in files {
                let path = temp.appendingPathComponent(file.name)
                do {
                    try file.contents.write(to: path)
                } catch {
                    throw OutputError(path: url.appendingPathComponent(file.name).path, cause: Self.describe(error))
                }
            }
            TemporaryFolderRegistry.pauseBeforeCommitIfTesting()
            try TemporaryFolderRegistry.shared.committing {
            var old: URL? = nil
            if fm.fileExists(atPath: url.path) {
                let aside = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(getpid())-\(token)")
                do { try fm.moveItem(at: url, to: aside) } catch {
                    throw OutputError(path: url.path, cause: "cannot move the previous results aside (\(Self.describe(error)))")
                }
                old = aside
            }
            do {
                try fm.moveItem(at: temp, to: url)
            } catch {
                if let old { try? fm.moveItem(at: old, to: url) }
                throw OutputError(path: url.path, cause: "cannot move the new results into place (\(Self.describe(error)))")
            }
            if let old { try? fm.removeItem(at: old) }
            }
        } catch {
            try? fm.removeItem(at: temp)
            throw error
        }
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
