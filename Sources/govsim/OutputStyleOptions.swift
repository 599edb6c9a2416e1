import ArgumentParser
import Foundation
import GovSimCore

/// How a long command talks to the terminal: a progress bar on standard error when it is a
/// terminal (or plain progress lines with `--progress`), and `--quiet` for errors only.
struct OutputStyleOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but errors (no progress, no summary).")
    var quiet = false

    @Flag(
        inversion: .prefixedNo,
        help:
            "Show progress on standard error (default: a bar when standard error is a terminal; plain lines at most once a second otherwise)."
    )
    var progress: Bool?

    func validate() throws {
        if quiet && progress == true {
            throw ValidationError("--quiet and --progress contradict each other; use one of them.")
        }
    }

    /// A progress reporter for `total` units of work, or nil when progress is not shown: a bar
    /// as wide as the terminal when standard error is one (no escape sequences under
    /// `NO_COLOR`), plain lines with `--progress` otherwise. Inside `govsim verify`'s re-run
    /// (whose standard error is captured), verify's own options decide and the reporter writes
    /// to the user's standard error, each line labelled `re-run: `. `label` prefixes the text
    /// (a phase of the work, ``PhasedProgress``).
    func progressReporter(total: Int, unit: String, label: String = "") -> ProgressReporter? {
        if InputSources.current.isRecorded, let outer = OutputStyleOptions.rerunStyle {
            return outer.reporter(total: total, unit: unit, fd: CapturedOutput.userStandardError, label: "re-run: " + label)
        }
        return reporter(total: total, unit: unit, fd: STDERR_FILENO, label: label)
    }

    /// The reporter these options choose for a standard error on `fd`.
    func reporter(total: Int, unit: String, fd: Int32, label: String) -> ProgressReporter? {
        if quiet || progress == false { return nil }
        let output: @Sendable (String) -> Void
        if fd == STDERR_FILENO {
            output = { Terminal.writeStandardError($0) }
        } else {
            output = { text in
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            }
        }
        if isatty(fd) != 0 {
            return ProgressReporter(
                total: total, unit: unit, style: .bar, columns: Terminal.columns,
                escapes: !OutputStyleOptions.noColor, label: label, output: output)
        }
        return progress == true ? ProgressReporter(total: total, unit: unit, style: .lines, label: label, output: output) : nil
    }

    /// `govsim verify`'s options while it re-runs a command in this process (set by verify,
    /// nil otherwise): the re-run's progress follows them.
    ///
    /// `nonisolated(unsafe)` is safe like ``InputSources/current``: assigned only by `govsim verify`
    /// on the main thread around a re-run, when no worker thread exists, and read on that thread.
    nonisolated(unsafe) static var rerunStyle: OutputStyleOptions?

    /// Whether `NO_COLOR` is set to a non-empty value (https://no-color.org): no colour, bold or
    /// other escape sequence is written.
    static var noColor: Bool { !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty }

    /// Prints to standard output unless `--quiet`.
    func print(_ text: String, terminator: String = "\n") {
        if !quiet { Swift.print(text, terminator: terminator) }
    }

    /// Whether standard output may be styled: it is a terminal and `NO_COLOR` is unset or empty
    /// (https://no-color.org).
    var styledStdout: Bool {
        isatty(STDOUT_FILENO) != 0 && !OutputStyleOptions.noColor
    }
}

extension Terminal {
    /// Whether standard error is a terminal (progress bars are drawn only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
