import ArgumentParser
import Foundation

/// How a long command talks to the terminal: a progress bar on standard error when it is a
/// terminal (or plain progress lines with `--progress`), and `--quiet` for errors only.
struct OutputStyleOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but errors (no progress, no summary).")
    var quiet = false

    @Flag(inversion: .prefixedNo,
          help: "Show progress on standard error (default: a bar when standard error is a terminal; plain lines at most once a second otherwise).")
    var progress: Bool?

    func validate() throws {
        if quiet && progress == true {
            throw ValidationError("--quiet and --progress contradict each other; use one of them.")
        }
    }

    /// A progress reporter for `total` units of work, or nil when progress is not shown.
    func progressReporter(total: Int, unit: String) -> ProgressReporter? {
        if quiet || progress == false { return nil }
        if Terminal.stderrIsTerminal { return ProgressReporter(total: total, unit: unit, style: .bar) }
        return progress == true ? ProgressReporter(total: total, unit: unit, style: .lines) : nil
    }

    /// Prints to standard output unless `--quiet`.
    func print(_ text: String, terminator: String = "\n") {
        if !quiet { Swift.print(text, terminator: terminator) }
    }

    /// Whether standard output may be styled: it is a terminal and `NO_COLOR` is unset or empty
    /// (https://no-color.org).
    var styledStdout: Bool {
        guard isatty(STDOUT_FILENO) != 0 else { return false }
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return noColor.isEmpty
    }
}

extension Terminal {
    /// Whether standard error is a terminal (progress bars are drawn only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
