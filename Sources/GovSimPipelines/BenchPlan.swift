import Foundation

/// `govsim bench`'s cases and results, with no process or file work: which scenario texts to
/// write (the reference scenario at a horizon and portfolio size), which `govsim` command lines
/// to time, and bench.csv with its manifest from the measurements.
package struct BenchPlan: Sendable {
    /// One timed `govsim` invocation.
    package struct Case: Sendable {
        package let name: String
        /// The arguments after the executable.
        package let arguments: [String]
        /// The case's results folder (removed after the case is timed).
        package let output: String
        package let runs: Int
        package let years: Int
        package let organisations: Int
        package let threads: Int
        /// Whether the case writes runs.csv (false: `--no-runs-csv`).
        package var runsCSV = true
        /// `govsim` command lines run (untimed, in order) before the timed one: the shards a
        /// merge case merges.
        package var setup: [[String]] = []
        /// Folders the setup writes (removed with ``output`` after the case is timed).
        package var setupOutputs: [String] = []
    }

    /// A timed case.
    package struct Measurement: Sendable {
        package let bench: Case
        /// Wall-clock seconds of the child process.
        package let seconds: Double
        /// User plus system CPU seconds of the child process (all its threads).
        package let cpuSeconds: Double
        package let peakMiB: Double
        package var runYearsPerSecond: Double { Double(bench.runs * bench.years * bench.organisations) / seconds }

        package init(bench: Case, seconds: Double, cpuSeconds: Double = .nan, peakMiB: Double) {
            self.bench = bench
            self.seconds = seconds
            self.cpuSeconds = cpuSeconds
            self.peakMiB = peakMiB
        }
    }

    /// One of issue 15's goals, judged from the measurements.
    package struct Goal: Sendable, Equatable {
        package let name: String
        /// The target, as text (e.g. `≥ 10,000,000 run-years/s`).
        package let target: String
        /// What was measured, as text ("not measured" when its case did not run).
        package let measured: String
        /// Whether the target is met; nil when not measured.
        package let met: Bool?

        /// "met", "not met" or "not measured".
        package var verdict: String { met.map { $0 ? "met" : "not met" } ?? "not measured" }
    }

    /// Names of the goal cases (the reference scenario's own 15-year horizon, 10⁶ runs; a tenth
    /// with `--quick`).
    package static let goalCase = "goal: reference, 15 years, --no-runs-csv"
    package static let goalCaseOneThread = "goal: reference, 15 years, --no-runs-csv, 1 thread"
    package static let goalCaseRunsCSV = "goal: reference, 15 years, with runs.csv"
    package static let goalCaseLarge = "goal: reference 10000000 runs, 15 years, --no-runs-csv"
    package static let portfolioCase = "portfolio 50 organisations x 20 years"
    /// The merge goal's case: `govsim merge` of 16 shards of the `goalCase` run (the shards,
    /// `run --shard K/16 --no-runs-csv` on all threads, are its untimed setup).
    package static let mergeCase = "goal: merge of 16 shards, reference, 15 years, --no-runs-csv"
    /// Shards of the merge case.
    package static let mergeShards = 16
    /// `compare` of the reference scenario's plan variants (`--large` only: its switching sweeps
    /// re-run the variants tens of times, most of an hour at 10⁶ runs on two cores).
    package static let compareCase = "compare: reference variants, 15 years"

    /// The scenario files the cases read: path (inside the scratch folder) and text.
    package private(set) var scenarioFiles: [(path: String, text: String)] = []
    package private(set) var cases: [Case] = []
    /// Worker threads of the all-cores cases.
    package let cores: Int

    /// Whether the sizes are a tenth of the documented ones.
    package let quick: Bool

    /// The full set, or with `quick` smaller sizes, with `large` also the 10⁷-run memory case;
    /// files and results folders under `scratch`.
    package init(quick: Bool, large: Bool = false, cores: Int, scratch: String) {
        self.cores = cores
        self.quick = quick
        let scale = quick ? 10 : 1
        func scenario(years: Int, organisations: Int) -> String {
            let path = scratch + "/bench-\(years)y-\(organisations)o.yaml"
            if !scenarioFiles.contains(where: { $0.path == path }) {
                scenarioFiles.append((path, Self.scenarioText(years: years, organisations: organisations)))
            }
            return path
        }
        // `name` is given the runs really used (scaled down by --quick), so labels match the table.
        func add(_ name: (Int) -> String, runs: Int, years: Int, organisations: Int = 1, threads: Int = cores, runsCSV: Bool = true) {
            let file = scenario(years: years, organisations: organisations)
            let runs = max(1000, runs / scale)
            let output = scratch + "/out-\(cases.count)"
            cases.append(
                Case(
                    name: name(runs),
                    arguments: [
                        "run", file, "--runs", "\(runs)", "--threads", "\(threads)", "--seed", "1",
                        "--out", output, "--quiet",
                    ] + (runsCSV ? [] : ["--no-runs-csv"]),
                    output: output, runs: runs, years: years, organisations: organisations, threads: threads, runsCSV: runsCSV))
        }
        add({ Self.label(Self.goalCase, runs: $0) }, runs: 1_000_000, years: 15, runsCSV: false)
        add({ Self.label(Self.goalCaseOneThread, runs: $0) }, runs: 1_000_000, years: 15, threads: 1, runsCSV: false)
        add({ Self.label(Self.goalCaseRunsCSV, runs: $0) }, runs: 1_000_000, years: 15)
        do {
            let file = scenario(years: 15, organisations: 1)
            let runs = max(1000, 1_000_000 / scale), n = Self.mergeShards
            let shards = (1...n).map { scratch + "/merge-shard-\($0)" }
            let output = scratch + "/out-merge"
            var c = Case(
                name: Self.label(Self.mergeCase, runs: runs), arguments: ["merge"] + shards + ["--out", output, "--quiet"],
                output: output, runs: runs, years: 15, organisations: 1, threads: 1, runsCSV: false)
            c.setup = (1...n).map { k in
                [
                    "run", file, "--runs", "\(runs)", "--threads", "\(cores)", "--seed", "1", "--shard", "\(k)/\(n)",
                    "--out", shards[k - 1], "--quiet", "--no-runs-csv",
                ]
            }
            c.setupOutputs = shards
            cases.append(c)
        }
        if large {
            add({ Self.label(Self.goalCaseLarge, runs: $0) }, runs: 10_000_000, years: 15, runsCSV: false)
            // The full reference scenario, with its plan variants (the other cases' files drop them).
            let path = scratch + "/bench-compare.yaml"
            scenarioFiles.append((path, ReferenceScenario.yaml))
            let runs = max(1000, 1_000_000 / scale), output = scratch + "/out-\(cases.count)"
            cases.append(
                Case(
                    name: Self.label(Self.compareCase, runs: runs),
                    arguments: ["compare", path, "--runs", "\(runs)", "--threads", "\(cores)", "--seed", "1", "--out", output, "--quiet"],
                    output: output, runs: runs, years: 15, organisations: 1, threads: cores))
        }
        for runs in [10_000, 100_000, 1_000_000] { add({ "reference \($0) runs x 30 years" }, runs: runs, years: 30) }
        add({ "reference \($0) runs x 30 years, 1 thread" }, runs: 100_000, years: 30, threads: 1)
        for years in [10, 20] { add({ "reference \($0) runs x \(years) years" }, runs: 100_000, years: years) }
        add({ "portfolio 10 organisations x \($0) runs x 20 years" }, runs: 10_000, years: 20, organisations: 10)
        add({ Self.label(Self.portfolioCase, runs: $0) }, runs: 10_000, years: 20, organisations: 50)
        add({ "portfolio 1 organisation x \($0) runs x 20 years" }, runs: 10_000, years: 20)
        let file = scenario(years: 15, organisations: 1)
        let base = quick ? 128 : 1024
        let output = scratch + "/out-sobol"
        cases.append(
            Case(
                name: "sobol sensitivity, \(base) base samples",
                arguments: [
                    "sensitivity", file, "--method", "sobol", "--base-samples", "\(base)", "--threads", "\(cores)", "--out", output,
                    "--quiet",
                ],
                output: output, runs: base * 32, years: 15, organisations: 1, threads: cores))
    }

    /// The reference scenario with a `years` horizon, without its plan variants, and with a
    /// portfolio of `organisations` (spending 110, 120, …) when more than one.
    package static func scenarioText(years: Int, organisations: Int) -> String {
        var text = ReferenceScenario.yaml.replacingOccurrences(of: "horizon: 15 ", with: "horizon: \(years) ")
        if let variants = text.range(of: "\n# Plan variants") { text = String(text[..<variants.lowerBound]) + "\n" }
        if organisations > 1 {
            text += "portfolio:\n  shock_correlation: 0.5\n  organisations:\n"
            for o in 1...organisations { text += "    org-\(o):\n      baseline.spending: \(100 + 10 * o)\n" }
        }
        return text
    }

    /// A goal case's label with the runs it really uses (scaled down by --quick): `name [N runs]`.
    package static func label(_ name: String, runs: Int) -> String { "\(name) [\(runs) runs]" }

    /// Issue 15's goals judged from `results` (the goal cases by name): run-years per second and
    /// CPU seconds without runs.csv, run-years per second with it, the 1 → all-threads speed-up,
    /// peak memory at 10⁷ runs and for the 50-organisation portfolio, and the merge of 16 shards
    /// against the single run.
    package func goals(_ results: [Measurement]) -> [Goal] {
        func find(_ name: String) -> Measurement? { results.first { $0.bench.name == name || $0.bench.name.hasPrefix(name + " [") } }
        func rate(_ x: Double) -> String { "\(TerminalSummary.fmt(x / 1e6, 2)) M run-years/s" }
        let main = find(Self.goalCase), one = find(Self.goalCaseOneThread), csv = find(Self.goalCaseRunsCSV)
        let large = find(Self.goalCaseLarge), portfolio = find(Self.portfolioCase), merge = find(Self.mergeCase),
            compare = find(Self.compareCase)
        let size = quick ? "10^5 runs (--quick)" : "10^6 runs"
        var goals: [Goal] = []
        goals.append(
            Goal(
                name: "run-years/s, \(size) x 15 years, --no-runs-csv, \(cores) threads", target: ">= 10 M run-years/s",
                measured: main.map { rate($0.runYearsPerSecond) } ?? "not measured", met: main.map { $0.runYearsPerSecond >= 10e6 }))
        goals.append(
            Goal(
                name: "CPU seconds, the same case", target: quick ? "<= 0.17 s (a tenth of 1.7 s)" : "<= 1.7 s",
                measured: main.map { "\(TerminalSummary.fmt($0.cpuSeconds, 2)) s" } ?? "not measured",
                met: main.flatMap { $0.cpuSeconds.isNaN ? nil : $0.cpuSeconds <= (quick ? 0.17 : 1.7) }))
        goals.append(
            Goal(
                name: "run-years/s, \(size) x 15 years, with runs.csv", target: ">= 3 M run-years/s",
                measured: csv.map { rate($0.runYearsPerSecond) } ?? "not measured", met: csv.map { $0.runYearsPerSecond >= 3e6 }))
        let speedUp = one.flatMap { o in main.map { o.seconds / $0.seconds } }
        goals.append(
            Goal(
                name: "speed-up 1 -> \(cores) threads (the --no-runs-csv case)", target: ">= 1.85x",
                measured: speedUp.map { "\(TerminalSummary.fmt($0, 2))x" } ?? "not measured", met: speedUp.map { $0 >= 1.85 }))
        goals.append(
            Goal(
                name: "peak memory, 10^7 runs x 15 years", target: "<= 1024 MiB",
                measured: large.map { "\(TerminalSummary.fmt($0.peakMiB, 0)) MiB" } ?? "not measured (govsim bench --large)",
                met: large.map { $0.peakMiB <= 1024 }))
        goals.append(
            Goal(
                name: "peak memory, 50-organisation portfolio x 10000 runs", target: "<= 1024 MiB",
                measured: portfolio.map {
                    "\(TerminalSummary.fmt($0.peakMiB, 0)) MiB" + (quick ? " at \($0.bench.runs) runs (--quick)" : "")
                }
                    ?? "not measured",
                // --quick runs a tenth of the goal's runs: its peak says nothing about the goal.
                met: quick ? nil : portfolio.map { $0.peakMiB <= 1024 }))
        // The merge's time against the single run's (the --no-runs-csv case on all threads, the
        // same runs): at --quick's tenth the fixed costs (process start, the tree nodes' √runs
        // windows) weigh more than at 10⁶ runs, so the ratio says nothing about the goal there.
        let share = merge.flatMap { m in main.map { m.seconds / $0.seconds } }
        goals.append(
            Goal(
                name: "merge of \(Self.mergeShards) shards, \(size) x 15 years, --no-runs-csv",
                target: "<= 5% of the single run's time, <= 500 MB",
                measured: merge.map { m in
                    "\(share.map { TerminalSummary.fmt(100 * $0, 1) + "%" } ?? "?") (\(TerminalSummary.fmt(m.seconds, 2)) s, "
                        + "\(TerminalSummary.fmt(m.cpuSeconds, 2)) CPU s), \(TerminalSummary.fmt(m.peakMiB * 1.048576, 0)) MB"
                        + (quick ? " at \(m.bench.runs) runs (--quick)" : "")
                } ?? "not measured",
                met: quick ? nil : merge.flatMap { m in share.map { $0 <= 0.05 && m.peakMiB * 1_048_576 <= 500e6 } }))
        goals.append(
            Goal(
                name: "peak memory, compare 10^6 runs x 15 years (--large)", target: "<= 1024 MiB",
                measured: compare.map { "\(TerminalSummary.fmt($0.peakMiB, 0)) MiB" + (quick ? " at \($0.bench.runs) runs (--quick)" : "") }
                    ?? "not measured (govsim bench --large)",
                // --quick compares a tenth of the goal's runs: not the goal.
                met: quick ? nil : compare.map { $0.peakMiB <= 1024 }))
        return goals
    }

    /// What bench prints and writes: the table's rows (header first), the speed-up line if
    /// measured, the goals' rows (header first), and bench.csv, goals.csv and manifest.json.
    package func report(
        _ results: [Measurement]
    ) -> (rows: [[String]], speedUp: String?, goalRows: [[String]], files: [(name: String, contents: Data)]) {
        var table = CSVTable(header: [
            "case", "runs", "years", "organisations", "threads", "runs_csv", "seconds", "cpu_seconds",
            "run_years_per_second", "peak_memory_mib",
        ])
        var rows: [[String]] = [["case", "runs", "years", "orgs", "threads", "seconds", "CPU s", "run-years/s", "peak MiB"]]
        for m in results {
            table.append([
                .text(m.bench.name), .integer(m.bench.runs), .integer(m.bench.years), .integer(m.bench.organisations),
                .integer(m.bench.threads), .text(m.bench.runsCSV ? "yes" : "no"), .number(m.seconds),
                m.cpuSeconds.isNaN ? .empty : .number(m.cpuSeconds), .number(m.runYearsPerSecond), .number(m.peakMiB),
            ])
            rows.append([
                m.bench.name, "\(m.bench.runs)", "\(m.bench.years)", "\(m.bench.organisations)", "\(m.bench.threads)",
                TerminalSummary.fmt(m.seconds, 2), m.cpuSeconds.isNaN ? "" : TerminalSummary.fmt(m.cpuSeconds, 2),
                TerminalSummary.fmt(m.runYearsPerSecond, 0), TerminalSummary.fmt(m.peakMiB, 0),
            ])
        }
        let goals = self.goals(results)
        var goalTable = CSVTable(header: ["goal", "target", "measured", "verdict"])
        var goalRows: [[String]] = [["goal", "target", "measured", "verdict"]]
        for g in goals {
            goalTable.append([.text(g.name), .text(g.target), .text(g.measured), .text(g.verdict)])
            goalRows.append([g.name, g.target, g.measured, g.verdict])
        }
        var speedUp: String?
        if let one = results.first(where: { $0.bench.threads == 1 }),
            let all = results.first(where: {
                $0.bench.runs == one.bench.runs && $0.bench.years == one.bench.years && $0.bench.threads == cores
                    && $0.bench.organisations == 1 && $0.bench.runsCSV == one.bench.runsCSV
            })
        {
            speedUp = "Speed-up from 1 to \(cores) threads: \(TerminalSummary.fmt(one.seconds / all.seconds, 2))x"
            table.append([
                .text("speed-up 1 to \(cores) threads"), .empty, .empty, .empty, .integer(cores), .empty,
                .number(one.seconds / all.seconds), .empty, .empty, .empty,
            ])
        }
        let csv = Data(table.render().utf8), goalsCSV = Data(goalTable.render().utf8)
        func entry(_ name: String, _ data: Data) -> JSONValue {
            .object(["name": .string(name), "bytes": .integer(data.count), "sha256": .string(SHA256.hex(data))])
        }
        let manifest = JSONValue.object([
            "command": .string("bench"), "govsim_version": .string(GovSimVersion.string),
            "files": .array([entry("bench.csv", csv), entry("goals.csv", goalsCSV)]),
        ]).render()
        return (
            rows, speedUp, goalRows,
            [
                (name: "bench.csv", contents: csv), (name: "goals.csv", contents: goalsCSV),
                (name: "manifest.json", contents: Data(manifest.utf8)),
            ]
        )
    }
}
