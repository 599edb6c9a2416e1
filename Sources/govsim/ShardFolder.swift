import Foundation
import GovSimCore

/// One shard folder given to `govsim merge`, opened and checked against its own manifest:
/// `shard.json` has the size and SHA-256 the manifest lists and is a valid
/// ``ShardDescription``; `aggregate.bin` is a regular file of the size and SHA-256 that both the
/// manifest and `shard.json` list; with runs.csv on, `runs-rows.csv` is a regular file of the size
/// the manifest lists. ``AggregateSource/load(plan:runs:)`` reads the aggregate once, hashes it and
/// decodes it; ``checkRowsHash()`` streams the rows against the manifest's SHA-256, and
/// ``copyRows(_:)`` streams them into the merged runs.csv, hashing them again so a file changed
/// during the merge is caught before anything is committed.
///
/// Every error is a one-line ``CLIError`` that starts with the folder as given.
final class ShardFolder {
    /// The folder as given on the command line.
    let folder: String
    private(set) var shard: ShardDescription
    /// The folder's path with symbolic links resolved, to compare folders.
    let canonicalPath: String
    private let aggregatePath: String
    /// runs-rows.csv's path, size and SHA-256 (nil when the shards were run with --no-runs-csv).
    private let rows: (path: String, bytes: Int, sha256: String)?

    /// Largest `manifest.json` read, in bytes (a shard's is a few kilobytes, plus at most the
    /// recorded scenario and data files, each also in the manifest's `inputs`).
    static let manifestLimit = 8 << 20

    init(_ folder: String) throws {
        self.folder = folder
        let base = URL(fileURLWithPath: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(folder): no such shard folder; give the folders written by govsim run --shard K/N")
        }
        canonicalPath = base.standardizedFileURL.resolvingSymlinksInPath().path
        func fail(_ message: String) -> CLIError { CLIError("\(folder): \(message)") }
        func file(_ name: String) throws -> String {
            let path = base.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw fail(
                    "has no \(name); a shard folder holds shard.json, \(ShardPipeline.aggregateFile) and manifest.json written by govsim run --shard K/N"
                )
            }
            return path
        }

        // The manifest: the anchor every other file is checked against.
        let manifestData = try readInputFile(try file("manifest.json"), what: "manifest", limit: Self.manifestLimit)
        guard let files = ManifestListing.parse(manifestData) else {
            throw fail(
                "manifest.json is not a manifest written by govsim (no list of files with their sizes and SHA-256); re-run the shard")
        }
        func listed(_ name: String) throws -> (bytes: Int, sha256: String) {
            guard let entry = files.entry(name) else {
                throw fail(
                    "manifest.json does not list \(name) once with its size and SHA-256; not a shard folder written by govsim run --shard K/N"
                )
            }
            return entry
        }
        let shardEntry = try listed("shard.json")

        // shard.json: size and hash first, then its fields.
        guard shardEntry.bytes <= ShardDescription.maximumBytes else {
            throw fail(
                "manifest.json lists shard.json with \(shardEntry.bytes) bytes, more than the \(ShardDescription.maximumBytes) a shard description may have"
            )
        }
        let shardPath = try file("shard.json")
        let listedSize = (try? FileManager.default.attributesOfItem(atPath: shardPath)[.size] as? Int) ?? nil
        guard listedSize == shardEntry.bytes else {
            throw fail("shard.json differs from the one its manifest.json lists (its size); the shard is damaged or was edited; re-run it")
        }
        let shardData = try readInputFile(shardPath, what: "shard description", limit: ShardDescription.maximumBytes)
        guard shardData.count == shardEntry.bytes, SHA256.hex(shardData) == shardEntry.sha256 else {
            throw fail(
                "shard.json differs from the one its manifest.json lists (size or SHA-256); the shard is damaged or was edited; re-run it")
        }
        let shard: ShardDescription
        do {
            shard = try ShardDescription.decode(shardData)
        } catch let error as ShardDescription.Invalid {
            throw fail("shard.json \(error.description); not a shard description written by govsim run --shard K/N")
        }
        self.shard = shard
        let rerun = "re-run shard \(shard.shard)/\(shard.shards)"

        // aggregate.bin: a regular file of exactly the size both shard.json and the manifest list.
        let name = ShardPipeline.aggregateFile
        let aggregateEntry = try listed(name)
        guard aggregateEntry.bytes == shard.aggregateBytes, aggregateEntry.sha256 == shard.aggregateSHA256 else {
            throw fail(
                "manifest.json lists \(name) with \(aggregateEntry.bytes) bytes and another size or SHA-256 than shard.json records (\(shard.aggregateBytes) bytes); the shard is damaged; \(rerun)"
            )
        }
        aggregatePath = try file(name)
        let size = try Self.regularSize(aggregatePath, name: name, folder: folder, rerun: rerun)
        guard size == aggregateEntry.bytes else {
            throw fail(
                "\(name) has \(size) bytes, but its manifest.json lists \(aggregateEntry.bytes) (\(size < aggregateEntry.bytes ? "truncated" : "bytes appended")); \(rerun)"
            )
        }

        // runs-rows.csv, when the shards write runs.csv.
        if shard.runsCSVRows {
            let rowsName = ShardPipeline.rowsFile
            let entry = try listed(rowsName)
            let path = try file(rowsName)
            let size = try Self.regularSize(path, name: rowsName, folder: folder, rerun: rerun)
            guard size == entry.bytes else {
                throw fail(
                    "\(rowsName) has \(size) bytes, but its manifest.json lists \(entry.bytes) (\(size < entry.bytes ? "truncated" : "bytes appended")); \(rerun)"
                )
            }
            rows = (path, entry.bytes, entry.sha256)
        } else {
            rows = nil
        }
    }

    /// The size of `path`, which must be a regular file (opened without blocking on a named pipe).
    private static func regularSize(_ path: String, name: String, folder: String, rerun: String) throws -> Int {
        let opened = try openRegular(path, name: name, folder: folder, rerun: rerun)
        close(opened.descriptor)
        return opened.size
    }

    /// Opens `path` for reading (without blocking on a named pipe) and returns the descriptor
    /// and size of what must be a regular file.
    fileprivate static func openRegular(
        _ path: String, name: String, folder: String, rerun: String
    ) throws -> (descriptor: Int32, size: Int) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIError("\(folder): \(name) cannot be read (\(String(cString: strerror(errno)))); check the permissions")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw CLIError("\(folder): \(name) is not a regular file; \(rerun)")
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return (fd, Int(info.st_size))
    }

    private var rerun: String { "re-run shard \(shard.shard)/\(shard.shards)" }

    /// Drops the recorded scenario text and data files (checked against their hashes on
    /// reading), once the shard has been compared with the shard whose copy merge uses.
    func dropRecordedContent() {
        shard.scenarioContent = ""
        for i in shard.dataFiles.indices { shard.dataFiles[i].contentBase64 = "" }
    }

    /// What ``AggregateSource/load(plan:runs:)`` needs to read this shard's aggregate on any thread.
    var aggregateSource: AggregateSource { AggregateSource(folder: folder, path: aggregatePath, shard: shard) }

    /// A shard's `aggregate.bin` to read (a value, so shards are read on several threads).
    struct AggregateSource: Sendable {
        let folder: String
        let path: String
        let shard: ShardDescription

        /// Reads `aggregate.bin` once, checks it against the SHA-256 of shard.json and the
        /// manifest, and decodes it as the aggregate of this shard's blocks of the run of `plan`
        /// (`runs` runs).
        func load(plan: PlanSimulator, runs: Int) throws -> ShardAggregate {
            let name = ShardPipeline.aggregateFile
            let rerun = "re-run shard \(shard.shard)/\(shard.shards)"
            let corrupted = CLIError(
                "\(folder): \(name) does not have the SHA-256 shard.json and manifest.json list; the shard is damaged; \(rerun)")
            let opened = try ShardFolder.openRegular(path, name: name, folder: folder, rerun: rerun)
            defer { close(opened.descriptor) }
            guard opened.size == shard.aggregateBytes else { throw corrupted }
            var bytes = [UInt8](repeating: 0, count: shard.aggregateBytes)
            guard
                try ShardFolder.read(opened.descriptor, name, folder: folder, rerun: rerun, into: &bytes, count: bytes.count, at: 0)
                    == bytes.count,
                try ShardFolder.read(opened.descriptor, name, folder: folder, rerun: rerun, into: &bytes, count: 0, at: bytes.count) == 0,
                SHA256.hex(bytes) == shard.aggregateSHA256
            else {
                throw corrupted
            }
            do {
                return try ShardAggregate.decode(bytes, plan: plan, runs: runs, firstBlock: shard.firstBlock, endBlock: shard.endBlock)
            } catch let error as ShardAggregate.DecodeError {
                throw CLIError(
                    "\(folder): \(name) \(error.description); not the aggregate of shard \(shard.shard)/\(shard.shards) of this run; \(rerun)"
                )
            }
        }
    }

    /// Streams all of `runs-rows.csv` through SHA-256 and compares it with the manifest's.
    func checkRowsHash() throws {
        try streamRows { _ in }
    }

    /// Hands `runs-rows.csv` to `sink` in pieces of about 1 MiB, each ending at a row's end,
    /// then checks that what was read has the manifest's SHA-256 (the caller discards its output
    /// if not).
    func copyRows(_ sink: ([UInt8]) -> Void) throws {
        try streamRows(sink)
    }

    private func streamRows(_ sink: ([UInt8]) -> Void) throws {
        guard let rows else { return }
        let name = ShardPipeline.rowsFile
        let opened = try Self.openRegular(rows.path, name: name, folder: folder, rerun: rerun)
        defer { close(opened.descriptor) }
        guard opened.size == rows.bytes else { throw corrupted(name, listedIn: "its manifest.json lists") }
        var hash = SHA256()
        var offset = 0
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try Self.read(opened.descriptor, name, folder: folder, rerun: rerun, into: &buffer, count: buffer.count, at: offset)
            if n == 0 { break }
            hash.update(buffer[0..<n])
            offset += n
            pending.append(contentsOf: buffer[0..<n])
            if let end = pending.lastIndex(of: UInt8(ascii: "\n")) {
                sink(Array(pending[...end]))
                pending.removeSubrange(...end)
            }
        }
        guard offset == rows.bytes, pending.isEmpty, hash.finalize() == rows.sha256 else {
            throw corrupted(name, listedIn: "its manifest.json lists")
        }
    }

    private func corrupted(_ name: String, listedIn: String) -> CLIError {
        CLIError("\(folder): \(name) does not have the SHA-256 \(listedIn); the shard is damaged; \(rerun)")
    }

    /// Reads up to `count` bytes at `offset` of `fd` (fewer only at the end of the file).
    fileprivate static func read(
        _ fd: Int32, _ name: String, folder: String, rerun: String, into buffer: inout [UInt8], count: Int,
        at offset: Int
    ) throws -> Int {
        var filled = 0
        var probe: UInt8 = 0
        if count == 0 {
            // Whether anything follows `offset` (the file grew while it was read).
            while true {
                let n = pread(fd, &probe, 1, off_t(offset))
                if n < 0, errno == EINTR { continue }
                return max(0, n)
            }
        }
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError("\(folder): \(name) cannot be read (\(String(cString: strerror(errno)))); check the disk and \(rerun)")
            }
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}
