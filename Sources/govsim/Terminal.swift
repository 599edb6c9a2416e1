import ArgumentParser
import Foundation
import GovSimCore

/// Writing to standard error and turning errors into messages and exit codes.
enum Terminal {
    /// Prints `error: message` as one line; control characters in it (from a file name or a
    /// file's content) are escaped, so no escape sequence reaches the terminal.
    /// The width of the terminal in columns: `COLUMNS` when set to a number, else the width of
    /// standard output's or standard error's terminal, else 80 (a file or a pipe).
    static var columns: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value > 0 { return value }
        var size = winsize()
        for fd in [STDOUT_FILENO, STDERR_FILENO] where ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }

    static func error(_ message: String) {
        writeStandardError("error: \(ControlCharacters.escaped(message))\n")
    }

    /// Prints `message` as one line, control characters escaped.
    static func note(_ message: String) {
        writeStandardError("\(ControlCharacters.escaped(message))\n")
    }

    /// Writes to standard error with write(2). When the reader has gone (EPIPE: SIGPIPE is
    /// ignored so that it can be handled here), stops like a SIGPIPE: temporary folders
    /// removed, exit status 141. (FileHandle would trap on EPIPE, leaving the folders behind.)
    static func writeStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno == EPIPE { stop(signal: SIGPIPE) }
            return
        }
    }

    /// Runs `body`; on a known error prints it as one line per problem and exits with status 1.
    static func reportingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as ScenarioError {
            for d in e.diagnostics.prefix(20) { error(d.description) }
            if e.diagnostics.count > 20 { note("… and \(e.diagnostics.count - 20) more errors") }
            throw ExitCode(1)
        } catch let e as CLIError {
            error(e.description)
            throw ExitCode(1)
        } catch let e as PipelineError {
            error(e.description)
            throw ExitCode(1)
        } catch let e as DataTableError {
            error(e.description)
            throw ExitCode(1)
        } catch let e as ConditioningError {
            error(e.description)
            throw ExitCode(1)
        } catch let e as OutputError {
            error("cannot write results: \(e.description)")
            throw ExitCode(1)
        }
    }

    /// The signals that stop govsim cleanly: Ctrl-C, `kill`, a closed terminal.
    ///
    /// A closed output pipe (`govsim run --progress 2>&1 | head -1`) stops govsim the same way,
    /// but not through a signal source: SIGPIPE is ignored (``ignoreBrokenPipe()``) and the
    /// failed write (EPIPE) calls ``stop(signal:)`` with SIGPIPE, exit status 141. A signal
    /// source for SIGPIPE is unreliable here: libdispatch does not block SIGPIPE in its worker
    /// threads, so a process-directed SIGPIPE could be taken by a worker and lost (seen: a
    /// `kill -PIPE` during a run let it finish with status 0).
    static let stoppingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Ignores SIGPIPE process-wide, so that a write to a closed pipe fails with EPIPE where it
    /// is handled (``writeStandardError(_:)``) instead of killing govsim with its temporary
    /// folders left behind.
    static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Removes temporary output folders and exits with status 128 + the signal number when
    /// stopped by one of ``stoppingSignals``, so a stopped run leaves no partial folder behind
    /// and the previous results untouched. In a re-run by `govsim verify` (the input source is
    /// a manifest's), verify's own handlers are installed and do the same for its temporary
    /// folder; none is added.
    static func installInterruptHandlers() {
        if InputSources.current.isRecorded { return }
        ignoreBrokenPipe()
        for sig in stoppingSignals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop(signal: sig) }
            source.resume()
            signalSources.append(source)
        }
    }

    /// Removes the temporary folders, says so on standard error (unless that is the closed
    /// pipe) and exits with status 128 + `sig`.
    static func stop(signal sig: Int32) -> Never {
        TemporaryFolderRegistry.shared.removeAll()
        if sig != SIGPIPE {
            let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][sig] ?? "signal \(sig)"
            let message = Array("interrupted (\(name)): no results written\n".utf8)
            // write(2), not FileHandle: standard error may be gone too, and nothing may trap here.
            _ = message.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
        }
        exit(128 + sig)
    }

    /// The installed signal sources, kept alive for the life of the process.
    ///
    /// `nonisolated(unsafe)` is safe: only appended to, on the main thread, by
    /// ``installInterruptHandlers()`` and `verify`'s `cancelOnInterrupt`, before the command
    /// starts any other thread; never read.
    nonisolated(unsafe) static var signalSources: [DispatchSourceSignal] = []
}
