import ArgumentParser
import Foundation
import GovSimCore

/// `govsim bench`: end-to-end benchmarks. Each case runs `govsim` itself as a child process (so
/// the time includes sampling, the model, aggregation and writing every CSV, and the peak
/// memory is the child's own, from `wait4`'s resource usage).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark govsim end to end: run-years per second, peak memory, thread speed-up, scaling.",
        usage: "govsim bench [--quick] [--large] [<options>]",
        discussion: """
            First the goal cases of docs/performance.md: the reference scenario, 1,000,000 runs of its 15-year horizon, with --no-runs-csv on all threads and on 1 thread, and with runs.csv, and the merge of 16 shards of the first (the shards are run first, untimed). Then the reference scenario at 10,000, 100,000 and 1,000,000 runs (30-year horizon), 1 versus all threads, three sizes each of runs, years and organisations, a 50-organisation portfolio (10,000 runs × 20 years) and a Sobol' sensitivity analysis, each as a separate `govsim` process. Prints a table and the goals with met / not met, and writes bench.csv and goals.csv.

            Examples:
              govsim bench                   # the full set (a few minutes on 2 cores)
              govsim bench --large           # also 10,000,000 runs, for the memory goal
              govsim bench --quick --out outputs/bench
            """
    )

    @Flag(help: "Smaller sizes (for a quick check; not the documented targets).")
    var quick = false

    @Flag(help: "Also the 10,000,000-run case of the peak-memory goal (several minutes).")
    var large = false

    @Option(help: "Folder for bench.csv (default: outputs/bench).")
    var out: String = "outputs/bench"

    @Flag(help: "Replace a folder govsim wrote even if its files were changed since (never files govsim did not write).")
    var force = false

    @OptionGroup var style: OutputStyleOptions

    func run() throws {
        // Checked before minutes of benchmarks, and again when writing.
        let destination = OutputDirectory(path: out, force: force)
        try Terminal.reportingErrors { try destination.check() }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("govsim-bench-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let plan = BenchPlan(quick: quick, large: large, cores: ParallelBlocks.defaultThreads, scratch: scratch.path)
        for file in plan.scenarioFiles { try Data(file.text.utf8).write(to: URL(fileURLWithPath: file.path)) }

        var results: [BenchPlan.Measurement] = []
        // One unit per case; the case under way is shown after the counts.
        let progress = style.progressReporter(total: plan.cases.count, unit: "cases")
        for c in plan.cases {
            progress?.begin(step: c.name, done: results.count)
            let messages = scratch.appendingPathComponent("child-messages").path
            for arguments in c.setup {
                let (_, _, _, status) = try measure(executable, arguments, messages: messages)
                guard status == 0 else {
                    let last =
                        (try? String(contentsOfFile: messages, encoding: .utf8))?.split(separator: "\n").last.map(String.init)
                        ?? "no message"
                    throw CLIError(
                        "bench case '\(c.name)': its setup \(arguments.prefix(2).joined(separator: " ")) failed with exit status \(status): \(last)"
                    )
                }
            }
            let (seconds, cpu, peak, status) = try measure(executable, c.arguments, messages: messages)
            guard status == 0 else {
                let last =
                    (try? String(contentsOfFile: messages, encoding: .utf8))?.split(separator: "\n").last.map(String.init) ?? "no message"
                progress?.finish()
                Terminal.error("bench case '\(c.name)' failed with exit status \(status): \(last)")
                throw ExitCode(1)
            }
            results.append(BenchPlan.Measurement(bench: c, seconds: seconds, cpuSeconds: cpu, peakMiB: peak))
            try? FileManager.default.removeItem(atPath: c.output)
            for folder in c.setupOutputs { try? FileManager.default.removeItem(atPath: folder) }
        }

        progress?.finish()

        let report = plan.report(results)
        style.print(TextTable.render(report.rows, rightAligned: [1, 2, 3, 4, 5, 6, 7, 8]), terminator: "")
        if let speedUp = report.speedUp { style.print(speedUp) }
        style.print("")
        style.print(TextTable.render(report.goalRows, rightAligned: []), terminator: "")
        try Terminal.reportingErrors { try destination.write(report.files) }
        style.print("Results written to \(out)/bench.csv and \(out)/goals.csv")
    }

    /// Runs a child process with its standard output discarded and its standard error in the
    /// file `messages` (so nothing of the child reaches bench's own output; the last line of
    /// `messages` explains a failure); returns wall seconds, its CPU seconds (user + system), its
    /// peak resident memory in MiB, and its exit status.
    func measure(_ executable: String, _ arguments: [String], messages: String) throws -> (Double, Double, Double, Int32) {
        let start = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, messages, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { throw CLIError("cannot start \(executable)") }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return (seconds, cpu, Double(usage.ru_maxrss) / 1024, exitStatus)
    }
}
