import Foundation
import GovSimCore

/// One shard folder given to `govsim merge`, opened and checked against its own manifest:
/// `shard.json` has the size and SHA-256 the manifest lists and is a valid
/// ``ShardDescription``; `runs.bin` is a regular file of the size the manifest lists and the
/// description implies. ``checkRunsHash()`` then streams `runs.bin` against the manifest's
/// SHA-256, and ``readBlock(_:runs:)`` reads it block by block for the replay, hashing it
/// again so a file changed during the merge is caught before anything is committed.
///
/// Every error is a one-line ``CLIError`` that starts with the folder as given.
final class ShardFolder {
    /// The folder as given on the command line.
    let folder: String
    private(set) var shard: ShardDescription
    /// The folder's path with symbolic links resolved, to compare folders.
    let canonicalPath: String
    private let runsSHA256: String
    private let runsPath: String
    /// Open only while `runs.bin` is read (merges of thousands of shards stay below the limit
    /// on open files).
    private var runsDescriptor: Int32 = -1
    private var readHash = SHA256()
    private var bytesRead = 0

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
                throw fail("has no \(name); a shard folder holds shard.json, runs.bin and manifest.json written by govsim run --shard K/N")
            }
            return path
        }

        // The manifest: the anchor every other file is checked against.
        let manifestData = try readInputFile(try file("manifest.json"), what: "manifest", limit: Self.manifestLimit)
        guard let files = ManifestListing.parse(manifestData) else {
            throw fail("manifest.json is not a manifest written by govsim (no list of files with their sizes and SHA-256); re-run the shard")
        }
        func listed(_ name: String) throws -> (bytes: Int, sha256: String) {
            guard let entry = files.entry(name) else {
                throw fail("manifest.json does not list \(name) once with its size and SHA-256; not a shard folder written by govsim run --shard K/N")
            }
            return entry
        }
        let shardEntry = try listed("shard.json")
        let runsEntry = try listed("runs.bin")

        // shard.json: size and hash first, then its fields.
        guard shardEntry.bytes <= ShardDescription.maximumBytes else {
            throw fail("manifest.json lists shard.json with \(shardEntry.bytes) bytes, more than the \(ShardDescription.maximumBytes) a shard description may have")
        }
        let shardPath = try file("shard.json")
        let listedSize = (try? FileManager.default.attributesOfItem(atPath: shardPath)[.size] as? Int) ?? nil
        guard listedSize == shardEntry.bytes else {
            throw fail("shard.json differs from the one its manifest.json lists (its size); the shard is damaged or was edited; re-run it")
        }
        let shardData = try readInputFile(shardPath, what: "shard description", limit: ShardDescription.maximumBytes)
        guard shardData.count == shardEntry.bytes, SHA256.hex(shardData) == shardEntry.sha256 else {
            throw fail("shard.json differs from the one its manifest.json lists (size or SHA-256); the shard is damaged or was edited; re-run it")
        }
        do {
            shard = try ShardDescription.decode(shardData)
        } catch let error as ShardDescription.Invalid {
            throw fail("shard.json \(error.description); not a shard description written by govsim run --shard K/N")
        }

        // runs.bin: a regular file of exactly the size listed and implied.
        runsPath = try file("runs.bin")
        runsSHA256 = runsEntry.sha256
        let info = try Self.openRegular(runsPath, folder: folder, shard: shard)
        close(info.descriptor)
        let expected = shard.runsFileBytes
        guard runsEntry.bytes == expected else {
            throw fail("manifest.json lists runs.bin with \(runsEntry.bytes) bytes, but shard \(shard.shard)/\(shard.shards) holds \(shard.runRange.count) runs of \(shard.bytesPerRun) bytes (\(expected)); the shard is damaged; re-run it")
        }
        guard info.size == expected else {
            throw fail("runs.bin has \(info.size) bytes, but its manifest.json lists \(expected) (\(info.size < expected ? "truncated" : "bytes appended")); re-run shard \(shard.shard)/\(shard.shards)")
        }
    }

    deinit { if runsDescriptor >= 0 { close(runsDescriptor) } }

    /// Opens `path` for reading (without blocking on a named pipe) and returns the descriptor
    /// and size of what must be a regular file.
    private static func openRegular(_ path: String, folder: String, shard: ShardDescription) throws -> (descriptor: Int32, size: Int) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw CLIError("\(folder): runs.bin cannot be read (\(String(cString: strerror(errno)))); check the permissions") }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw CLIError("\(folder): runs.bin is not a regular file; re-run shard \(shard.shard)/\(shard.shards)")
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return (fd, Int(info.st_size))
    }

    /// Opens `runs.bin` for reading unless it is open.
    private func openRuns() throws {
        guard runsDescriptor < 0 else { return }
        let opened = try Self.openRegular(runsPath, folder: folder, shard: shard)
        runsDescriptor = opened.descriptor
        guard opened.size == shard.runsFileBytes else { throw corrupted() }
    }

    private func closeRuns() {
        if runsDescriptor >= 0 { close(runsDescriptor) }
        runsDescriptor = -1
    }

    /// Drops the recorded scenario text and data files (checked against their hashes on
    /// reading), once the shard has been compared with the shard whose copy merge uses.
    func dropRecordedContent() {
        shard.scenarioContent = ""
        for i in shard.dataFiles.indices { shard.dataFiles[i].contentBase64 = "" }
    }

    /// Streams all of `runs.bin` through SHA-256 (in pieces of whole runs, about 1 MiB) and
    /// compares it with the hash in the shard's manifest; checks on the way that every run
    /// carries its own run index, in order (so a shard whose manifest was rewritten to match
    /// tampered runs is still refused before anything is written).
    func checkRunsHash() throws {
        try openRuns()
        defer { closeRuns() }
        var hash = SHA256()
        var offset = 0
        let perRun = shard.bytesPerRun
        let chunk = max(1, (1 << 20) / perRun) * perRun
        var buffer = [UInt8](repeating: 0, count: chunk)
        var run = shard.runRange.lowerBound
        while true {
            let n = try read(into: &buffer, count: chunk, at: offset)
            if n == 0 { break }
            hash.update(buffer[0..<n])
            var start = 0
            while start + 8 <= n {
                var bits: UInt64 = 0
                for k in 0..<8 { bits |= UInt64(buffer[start + k]) << (8 * UInt64(k)) }
                let index = Double(bitPattern: bits)
                guard index == Double(run) else {
                    throw CLIError("\(folder): runs.bin holds run index \(CSVTable.formatNumber(index)) where run \(run) belongs; the shard's runs are damaged; re-run shard \(shard.shard)/\(shard.shards)")
                }
                run += 1
                start += perRun
            }
            offset += n
        }
        guard offset == shard.runsFileBytes, hash.finalize() == runsSHA256 else {
            throw corrupted()
        }
    }

    /// The bytes of block `b` (one of this shard's blocks, asked for in order), read from
    /// `runs.bin`. After the last block, checks that the file ends there and that what was read
    /// has the manifest's SHA-256.
    func readBlock(_ b: Int, runs: Int) throws -> [UInt8] {
        try openRuns()
        let size = runs * shard.bytesPerRun
        var bytes = [UInt8](repeating: 0, count: size)
        let n = try read(into: &bytes, count: size, at: bytesRead)
        guard n == size else { throw corrupted() }
        readHash.update(bytes)
        bytesRead += size
        if b == shard.endBlock - 1 {
            var extra = [UInt8](repeating: 0, count: 1)
            guard try read(into: &extra, count: 1, at: bytesRead) == 0, readHash.finalize() == runsSHA256 else { throw corrupted() }
            closeRuns()
        }
        return bytes
    }

    private func corrupted() -> CLIError {
        CLIError("\(folder): runs.bin does not have the SHA-256 its manifest.json lists; the shard's runs are damaged; re-run shard \(shard.shard)/\(shard.shards)")
    }

    /// Reads up to `count` bytes at `offset` (fewer only at the end of the file).
    private func read(into buffer: inout [UInt8], count: Int, at offset: Int) throws -> Int {
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { pread(runsDescriptor, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError("\(folder): runs.bin cannot be read (\(String(cString: strerror(errno)))); check the disk and re-run shard \(shard.shard)/\(shard.shards)")
            }
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}
