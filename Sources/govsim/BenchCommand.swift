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
        discussion: """
        Runs the reference scenario at 10,000, 100,000 and 1,000,000 runs (30-year horizon),
        1 versus all threads, three sizes each of runs, years and organisations, a
        50-organisation portfolio (10,000 runs × 20 years) and a Sobol' sensitivity analysis,
        each as a separate `govsim` process. Prints a table and writes bench.csv.

        Examples:
          govsim bench                       # the full set (a few minutes on 2 cores)
          govsim bench --quick --out outputs/bench
        """
    )

    @Flag(help: "Smaller sizes (for a quick check; not the documented targets).")
    var quick = false

    @Option(help: "Folder for bench.csv (default: outputs/bench).")
    var out: String = "outputs/bench"

    @Flag(help: "Replace a folder govsim wrote even if its files were changed since (never files govsim did not write).")
    var force = false

    struct Case {
        let name: String
        let arguments: [String]
        let runs: Int
        let years: Int
        let organisations: Int
        let threads: Int
    }

    struct Measurement {
        let bench: Case
        let seconds: Double
        let peakMiB: Double
        var runYearsPerSecond: Double { Double(bench.runs * bench.years * bench.organisations) / seconds }
    }

    func run() throws {
        // Checked before minutes of benchmarks, and again when writing.
        let destination = OutputDirectory(path: out, force: force)
        try Terminal.reportingErrors { try destination.check() }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("govsim-bench-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let cores = ParallelBlocks.defaultThreads
        let scale = quick ? 10 : 1

        func scenario(years: Int, organisations: Int) throws -> String {
            var text = ReferenceScenario.yaml.replacingOccurrences(of: "horizon: 15 ", with: "horizon: \(years) ")
            if let variants = text.range(of: "\n# Plan variants") { text = String(text[..<variants.lowerBound]) + "\n" }
            if organisations > 1 {
                text += "portfolio:\n  shock_correlation: 0.5\n  organisations:\n"
                for o in 1...organisations { text += "    org-\(o):\n      baseline.spending: \(100 + 10 * o)\n" }
            }
            let path = scratch.appendingPathComponent("bench-\(years)y-\(organisations)o.yaml").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        var cases: [Case] = []
        func add(_ name: String, runs: Int, years: Int, organisations: Int = 1, threads: Int = cores, command: String = "run", extra: [String] = []) throws {
            let file = try scenario(years: years, organisations: organisations)
            let runs = max(1000, runs / scale)
            cases.append(Case(name: name, arguments: [command, file, "--runs", "\(runs)", "--threads", "\(threads)", "--seed", "1",
                                                      "--out", scratch.appendingPathComponent("out-\(cases.count)").path, "--quiet"] + extra,
                              runs: runs, years: years, organisations: organisations, threads: threads))
        }
        for runs in [10_000, 100_000, 1_000_000] { try add("reference \(runs) runs x 30 years", runs: runs, years: 30) }
        try add("reference 100000 runs x 30 years, 1 thread", runs: 100_000, years: 30, threads: 1)
        for years in [10, 20] { try add("reference 100000 runs x \(years) years", runs: 100_000, years: years) }
        for organisations in [10, 50] { try add("portfolio \(organisations) organisations x 10000 runs x 20 years", runs: 10_000, years: 20, organisations: organisations) }
        try add("portfolio 1 organisation x 10000 runs x 20 years", runs: 10_000, years: 20)
        let file = try scenario(years: 15, organisations: 1)
        let base = quick ? 128 : 1024
        cases.append(Case(name: "sobol sensitivity, \(base) base samples", arguments: ["sensitivity", file, "--method", "sobol", "--base-samples", "\(base)",
                                                                                        "--threads", "\(cores)", "--out", scratch.appendingPathComponent("out-sobol").path],
                          runs: base * 32, years: 15, organisations: 1, threads: cores))

        var results: [Measurement] = []
        for c in cases {
            Terminal.note("bench: \(c.name)...")
            let (seconds, peak, status) = try measure(executable, c.arguments)
            guard status == 0 else { throw CLIError("bench case '\(c.name)' failed with exit status \(status)") }
            results.append(Measurement(bench: c, seconds: seconds, peakMiB: peak))
            try? FileManager.default.removeItem(atPath: c.arguments[c.arguments.firstIndex(of: "--out")! + 1])
        }

        var table = CSVTable(header: ["case", "runs", "years", "organisations", "threads", "seconds", "run_years_per_second", "peak_memory_mib"])
        var rows: [[String]] = [["case", "runs", "years", "orgs", "threads", "seconds", "run-years/s", "peak MiB"]]
        for m in results {
            table.append([.text(m.bench.name), .integer(m.bench.runs), .integer(m.bench.years), .integer(m.bench.organisations),
                          .integer(m.bench.threads), .number(m.seconds), .number(m.runYearsPerSecond), .number(m.peakMiB)])
            rows.append([m.bench.name, "\(m.bench.runs)", "\(m.bench.years)", "\(m.bench.organisations)", "\(m.bench.threads)",
                         TerminalSummary.fmt(m.seconds, 2), TerminalSummary.fmt(m.runYearsPerSecond, 0), TerminalSummary.fmt(m.peakMiB, 0)])
        }
        print(TextTable.render(rows, rightAligned: [1, 2, 3, 4, 5, 6, 7]), terminator: "")
        if let one = results.first(where: { $0.bench.threads == 1 }),
           let all = results.first(where: { $0.bench.runs == one.bench.runs && $0.bench.years == one.bench.years && $0.bench.threads == cores && $0.bench.organisations == 1 }) {
            print("Speed-up from 1 to \(cores) threads: \(TerminalSummary.fmt(one.seconds / all.seconds, 2))x")
            table.append([.text("speed-up 1 to \(cores) threads"), .empty, .empty, .empty, .integer(cores), .number(one.seconds / all.seconds), .empty, .empty])
        }
        let csv = Data(table.render().utf8)
        let manifest = JSONValue.object([
            "command": .string("bench"), "govsim_version": .string(GovSimVersion.string),
            "files": .array([.object(["name": .string("bench.csv"), "bytes": .integer(csv.count), "sha256": .string(SHA256.hex(csv))])]),
        ]).render()
        try Terminal.reportingErrors {
            try destination.write([(name: "bench.csv", contents: csv), (name: "manifest.json", contents: Data(manifest.utf8))])
        }
        print("Results written to \(out)/bench.csv")
    }

    /// Runs a child process; returns wall seconds, its peak resident memory in MiB, and its exit status.
    func measure(_ executable: String, _ arguments: [String]) throws -> (Double, Double, Int32) {
        let start = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        guard posix_spawn(&pid, executable, nil, nil, argv, environ) == 0 else { throw CLIError("cannot start \(executable)") }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (seconds, Double(usage.ru_maxrss) / 1024, exitStatus)
    }
}
