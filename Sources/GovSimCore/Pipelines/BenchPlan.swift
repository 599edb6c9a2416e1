import Foundation

/// `govsim bench`'s cases and results, with no process or file work: which scenario texts to
/// write (the reference scenario at a horizon and portfolio size), which `govsim` command lines
/// to time, and bench.csv with its manifest from the measurements.
public struct BenchPlan: Sendable {
    /// One timed `govsim` invocation.
    public struct Case: Sendable {
        public let name: String
        /// The arguments after the executable.
        public let arguments: [String]
        /// The case's results folder (removed after the case is timed).
        public let output: String
        public let runs: Int
        public let years: Int
        public let organisations: Int
        public let threads: Int
    }

    /// A timed case.
    public struct Measurement: Sendable {
        public let bench: Case
        public let seconds: Double
        public let peakMiB: Double
        public var runYearsPerSecond: Double { Double(bench.runs * bench.years * bench.organisations) / seconds }

        public init(bench: Case, seconds: Double, peakMiB: Double) {
            self.bench = bench
            self.seconds = seconds
            self.peakMiB = peakMiB
        }
    }

    /// The scenario files the cases read: path (inside the scratch folder) and text.
    public private(set) var scenarioFiles: [(path: String, text: String)] = []
    public private(set) var cases: [Case] = []
    /// Worker threads of the all-cores cases.
    public let cores: Int

    /// The full set, or with `quick` smaller sizes; files and results folders under `scratch`.
    public init(quick: Bool, cores: Int, scratch: String) {
        self.cores = cores
        let scale = quick ? 10 : 1
        func scenario(years: Int, organisations: Int) -> String {
            let path = scratch + "/bench-\(years)y-\(organisations)o.yaml"
            if !scenarioFiles.contains(where: { $0.path == path }) {
                scenarioFiles.append((path, Self.scenarioText(years: years, organisations: organisations)))
            }
            return path
        }
        // `name` is given the runs really used (scaled down by --quick), so labels match the table.
        func add(_ name: (Int) -> String, runs: Int, years: Int, organisations: Int = 1, threads: Int = cores) {
            let file = scenario(years: years, organisations: organisations)
            let runs = max(1000, runs / scale)
            let output = scratch + "/out-\(cases.count)"
            cases.append(Case(name: name(runs), arguments: ["run", file, "--runs", "\(runs)", "--threads", "\(threads)", "--seed", "1",
                                                      "--out", output, "--quiet"],
                              output: output, runs: runs, years: years, organisations: organisations, threads: threads))
        }
        for runs in [10_000, 100_000, 1_000_000] { add({ "reference \($0) runs x 30 years" }, runs: runs, years: 30) }
        add({ "reference \($0) runs x 30 years, 1 thread" }, runs: 100_000, years: 30, threads: 1)
        for years in [10, 20] { add({ "reference \($0) runs x \(years) years" }, runs: 100_000, years: years) }
        for organisations in [10, 50] { add({ "portfolio \(organisations) organisations x \($0) runs x 20 years" }, runs: 10_000, years: 20, organisations: organisations) }
        add({ "portfolio 1 organisation x \($0) runs x 20 years" }, runs: 10_000, years: 20)
        let file = scenario(years: 15, organisations: 1)
        let base = quick ? 128 : 1024
        let output = scratch + "/out-sobol"
        cases.append(Case(name: "sobol sensitivity, \(base) base samples",
                          arguments: ["sensitivity", file, "--method", "sobol", "--base-samples", "\(base)", "--threads", "\(cores)", "--out", output, "--quiet"],
                          output: output, runs: base * 32, years: 15, organisations: 1, threads: cores))
    }

    /// The reference scenario with a `years` horizon, without its plan variants, and with a
    /// portfolio of `organisations` (spending 110, 120, …) when more than one.
    public static func scenarioText(years: Int, organisations: Int) -> String {
        var text = ReferenceScenario.yaml.replacingOccurrences(of: "horizon: 15 ", with: "horizon: \(years) ")
        if let variants = text.range(of: "\n# Plan variants") { text = String(text[..<variants.lowerBound]) + "\n" }
        if organisations > 1 {
            text += "portfolio:\n  shock_correlation: 0.5\n  organisations:\n"
            for o in 1...organisations { text += "    org-\(o):\n      baseline.spending: \(100 + 10 * o)\n" }
        }
        return text
    }

    /// What bench prints and writes: the table's rows (header first), the speed-up line if
    /// measured, and bench.csv and manifest.json.
    public func report(_ results: [Measurement]) -> (rows: [[String]], speedUp: String?, files: [(name: String, contents: Data)]) {
        var table = CSVTable(header: ["case", "runs", "years", "organisations", "threads", "seconds", "run_years_per_second", "peak_memory_mib"])
        var rows: [[String]] = [["case", "runs", "years", "orgs", "threads", "seconds", "run-years/s", "peak MiB"]]
        for m in results {
            table.append([.text(m.bench.name), .integer(m.bench.runs), .integer(m.bench.years), .integer(m.bench.organisations),
                          .integer(m.bench.threads), .number(m.seconds), .number(m.runYearsPerSecond), .number(m.peakMiB)])
            rows.append([m.bench.name, "\(m.bench.runs)", "\(m.bench.years)", "\(m.bench.organisations)", "\(m.bench.threads)",
                         TerminalSummary.fmt(m.seconds, 2), TerminalSummary.fmt(m.runYearsPerSecond, 0), TerminalSummary.fmt(m.peakMiB, 0)])
        }
        var speedUp: String?
        if let one = results.first(where: { $0.bench.threads == 1 }),
           let all = results.first(where: { $0.bench.runs == one.bench.runs && $0.bench.years == one.bench.years && $0.bench.threads == cores && $0.bench.organisations == 1 }) {
            speedUp = "Speed-up from 1 to \(cores) threads: \(TerminalSummary.fmt(one.seconds / all.seconds, 2))x"
            table.append([.text("speed-up 1 to \(cores) threads"), .empty, .empty, .empty, .integer(cores), .number(one.seconds / all.seconds), .empty, .empty])
        }
        let csv = Data(table.render().utf8)
        let manifest = JSONValue.object([
            "command": .string("bench"), "govsim_version": .string(GovSimVersion.string),
            "files": .array([.object(["name": .string("bench.csv"), "bytes": .integer(csv.count), "sha256": .string(SHA256.hex(csv))])]),
        ]).render()
        return (rows, speedUp, [(name: "bench.csv", contents: csv), (name: "manifest.json", contents: Data(manifest.utf8))])
    }
}
