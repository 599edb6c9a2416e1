import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reading the files of a results folder from someone else without trusting it: never through a
/// symbolic link, never a device or pipe, in bounded memory at any size.
package enum FolderFile {
    /// What `lstat` says about a path (the link itself for a symbolic link).
    package struct Status: Sendable, Equatable {
        /// Whether it is a regular file (not a link, folder, pipe, socket or device).
        package let isRegular: Bool
        /// Its size in bytes (`st_size`; of the link itself for a symbolic link).
        package let size: Int
        /// "a symbolic link", "a folder", "a named pipe", … for messages.
        package let kind: String
    }

    /// The status of `path` itself; nil when nothing is there.
    package static func status(_ path: String) -> Status? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = "a regular file"
        case S_IFLNK: kind = "a symbolic link"
        case S_IFDIR: kind = "a folder"
        case S_IFIFO: kind = "a named pipe"
        case S_IFSOCK: kind = "a socket"
        case S_IFCHR, S_IFBLK: kind = "a device"
        default: kind = "not a regular file"
        }
        return Status(isRegular: info.st_mode & S_IFMT == S_IFREG, size: Int(info.st_size), kind: kind)
    }

    /// Whether `name` is a plain file name govsim could have written: not empty, at most 255
    /// bytes, no `/`, no leading `.` (so neither `.` nor `..`), no NUL or other control character.
    package static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 255 && !name.hasPrefix(".") && !name.contains("/")
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Opens a regular file for reading without following a symbolic link or blocking on a pipe.
    static func open(_ path: String) throws -> Int32 {
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw ReproductionError("\(path): cannot be read (\(String(cString: strerror(errno))))") }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw ReproductionError("\(path): is not a regular file")
        }
        return fd
    }

    /// Reads up to `count` bytes at the current offset; fewer only at the end of the file.
    static func read(_ fd: Int32, into buffer: inout [UInt8], count: Int) throws -> Int {
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, count - filled) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw ReproductionError("read failed (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            filled += n
        }
        return filled
    }

    /// The SHA-256 of the regular file at `path`, read in 1 MiB pieces.
    package static func sha256(_ path: String) throws -> String {
        let fd = try open(path)
        defer { close(fd) }
        var hash = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try read(fd, into: &buffer, count: buffer.count)
            if n == 0 { break }
            hash.update(buffer[0..<n])
            if n < buffer.count { break }
        }
        return hash.finalize()
    }

    /// The whole regular file at `path` when it has at most `limit` bytes.
    /// - Throws: ``ReproductionError`` for a larger file, naming the limit.
    package static func contents(_ path: String, limit: Int, what: String) throws -> Data {
        let fd = try open(path)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReproductionError("\(path): cannot be read") }
        guard Int(info.st_size) <= limit else {
            throw ReproductionError(
                "\(path): \(info.st_size) bytes, more than the \(limit >> 20) MiB \(what) govsim writes; it was not written by govsim, or was edited"
            )
        }
        // Sized by the file, not by the limit (zeroing a limit-sized buffer cost more than reading
        // the file); grown up to limit + 1 bytes if the file grows while it is read.
        var buffer = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var n = try read(fd, into: &buffer, count: buffer.count)
        while n == buffer.count && n <= limit {
            var more = [UInt8](repeating: 0, count: min(1 << 16, limit + 1 - n))
            let m = try read(fd, into: &more, count: more.count)
            buffer += more[0..<m]
            n += m
            if m < more.count { break }
        }
        guard n <= limit else { throw ReproductionError("\(path): more than the \(limit >> 20) MiB \(what) govsim writes") }
        return Data(buffer[0..<n])
    }

    /// The 1-based number of the first line where two regular files differ, with that line of
    /// each (at most `cap` bytes, nil where a file has no such line); nil when they are the same.
    /// Both files are read in pieces, so memory stays bounded at any size.
    package static func firstDifferingLine(_ a: String, _ b: String, cap: Int = 160) throws -> (Int, String?, String?)? {
        let fa = try open(a), fb = try open(b)
        defer { close(fa); close(fb) }
        let size = 1 << 16
        var bufA = [UInt8](repeating: 0, count: size), bufB = [UInt8](repeating: 0, count: size)
        var countA = 0, countB = 0, posA = 0, posB = 0
        var line = 1
        var current: [UInt8] = []
        while true {
            if posA == countA { countA = try read(fa, into: &bufA, count: size); posA = 0 }
            if posB == countB { countB = try read(fb, into: &bufB, count: size); posB = 0 }
            if countA == 0 && countB == 0 { return nil }
            if countA > 0 && countB > 0 && bufA[posA] == bufB[posB] {
                if bufA[posA] == 10 {
                    line += 1; current.removeAll(keepingCapacity: true)
                } else if current.count < cap {
                    current.append(bufA[posA])
                }
                posA += 1; posB += 1
                continue
            }
            // The files differ here: each line is the common start plus the rest of its own line.
            func rest(_ fd: Int32, _ buffer: inout [UInt8], _ count: inout Int, _ pos: inout Int) throws -> String? {
                var bytes = current
                var sawAny = !current.isEmpty
                while bytes.count < cap {
                    if pos == count { count = try read(fd, into: &buffer, count: size); pos = 0 }
                    if count == 0 { break }
                    sawAny = true
                    if buffer[pos] == 10 { break }
                    bytes.append(buffer[pos]); pos += 1
                }
                guard sawAny else { return nil }
                let text = String(decoding: bytes, as: UTF8.self)
                return bytes.count >= cap ? text + "…" : text
            }
            return (line, try rest(fa, &bufA, &countA, &posA), try rest(fb, &bufB, &countB, &posB))
        }
    }

    /// A fresh private folder `govsim-verify-XXXXXX` under the system's temporary folder (`mkdtemp`).
    package static func makeTemporaryFolder(prefix: String) throws -> URL {
        let base = FileManager.default.temporaryDirectory.standardizedFileURL.path
        var template = Array("\(base)/\(prefix)XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw ReproductionError(
                "\(base): cannot create a temporary folder for the re-run (\(String(cString: strerror(errno)))); set TMPDIR to a writable folder"
            )
        }
        return URL(fileURLWithPath: template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }
}
