import Foundation

/// Reads at most `count` bytes of the file at `path`, refusing what is not a regular file's
/// contents with a one-line ``CLIError`` that names the path and the system's reason.
///
/// Opened without blocking, so a named pipe with no writer reads as empty instead of hanging
/// (a pipe with a writer, such as `govsim run <(…)`, is read normally); read errors such as
/// EIO become messages instead of the crash of `FileHandle.readData(ofLength:)`.
///
/// With `requireRegularFile`, anything but a regular file (a device such as /dev/zero, a pipe, a
/// socket) is refused too: data files are read whole, never streamed.
func readAtMost(_ path: String, count: Int, what: String, requireRegularFile: Bool = false) throws -> Data {
    func failure(_ code: Int32) -> CLIError {
        CLIError(
            "\(path): the \(what) file cannot be read (\(String(cString: strerror(code)))); check that it exists and that you may read it")
    }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw failure(errno) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw failure(errno) }
    if info.st_mode & S_IFMT == S_IFDIR {
        throw CLIError("\(path): is a folder, not a \(what) file; give the path of a file")
    }
    if requireRegularFile && info.st_mode & S_IFMT != S_IFREG {
        throw CLIError(
            "\(path): the \(what) file cannot be read (it is not a regular file but a device, pipe or socket); give the path of a file")
    }
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    var data = Data(count: count)
    var filled = 0
    while filled < count {
        let n = data.withUnsafeMutableBytes { buffer in
            read(fd, buffer.baseAddress! + filled, count - filled)
        }
        if n < 0 {
            if errno == EINTR || errno == EAGAIN { continue }
            throw failure(errno)
        }
        if n == 0 { break }
        filled += n
    }
    data.count = filled
    return data
}
