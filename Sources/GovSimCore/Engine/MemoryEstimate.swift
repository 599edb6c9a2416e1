import Foundation

/// An estimate, made before simulating, of the memory a simulation needs, so that a run too
/// large for the machine is refused up front with the estimate and how to reduce it instead of
/// being killed by the system hours later.
///
/// The simulation keeps every run's value of every metric in every year (for exact quantiles):
/// while the blocks' results are merged, both the blocks' copies and the merged copy exist. It
/// also keeps one record per run (the sampled inputs and key results, for `runs.csv`), and the
/// text of `runs.csv` exists about four times while it is written (the string, its bytes, the
/// bytes handed to the file and the copy that is hashed for the manifest). The estimate is the
/// larger of the two phases plus a fixed base for the program itself; it matches measured peaks
/// within about 10% (100,000 runs of the reference scenario: estimated 479 MB, measured peak 506 MB).
public struct MemoryEstimate: Sendable, Equatable {
    public let runs: Int
    public let years: Int
    public let uncertainInputs: Int
    public let writesRunsTable: Bool
    /// Estimated peak, in bytes.
    public let bytes: Double

    /// Bytes of one `runs.csv` cell, including its comma (shortest round-trip doubles are up to
    /// 24 characters; most are 17–20).
    static let bytesPerCell = 20.0
    /// The program itself: code, libraries, the scenario and the summaries.
    static let baseBytes = 32.0 * 1024 * 1024

    public init(runs: Int, horizon: Int, uncertainInputs: Int, writesRunsTable: Bool = true) {
        self.runs = runs
        self.years = horizon + 1
        self.uncertainInputs = uncertainInputs
        self.writesRunsTable = writesRunsTable
        let n = Double(runs), cells = Double(Metric.allCases.count * years), inputs = Double(uncertainInputs)
        let trajectories = 2 * n * cells * 8
        // RunRecord: run index, array reference and five doubles, twice while merged, plus the
        // inputs array (header and one double per input).
        let records = n * (2 * 56 + 32 + 8 * inputs)
        let simulating = trajectories + records
        let csvText = writesRunsTable ? n * (inputs + 1 + Double(RunsTable.resultColumns.count)) * Self.bytesPerCell : 0
        let writing = records + 4 * csvText + (writesRunsTable ? 0 : 2 * n * 8)
        bytes = max(simulating, writing) + Self.baseBytes
    }

    /// The estimate for simulating `scenario` (its runs and horizon) and, unless
    /// `writesRunsTable` is false, writing its `runs.csv`.
    public init(scenario: Scenario, writesRunsTable: Bool = true) {
        self.init(runs: scenario.runs, horizon: scenario.horizon,
                  uncertainInputs: InputSampler(scenario: scenario).dimensions.count, writesRunsTable: writesRunsTable)
    }

    /// Share of the physical memory a simulation may plan to use.
    public static let safetyFactor = 0.8

    /// The memory this process may use, in bytes: the machine's physical memory, or the
    /// control group's limit (containers, systemd slices) when that is lower.
    public static var availableMemory: Double {
        var available = Double(ProcessInfo.processInfo.physicalMemory)
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
               let limit = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0 {
                available = min(available, limit)
            }
        }
        return available
    }

    /// Nil when the estimate fits in `safetyFactor` of `available` bytes; otherwise a one-line
    /// message with the estimate in GiB and what to do.
    public func refusal(available: Double = MemoryEstimate.availableMemory) -> String? {
        let limit = available * Self.safetyFactor
        guard bytes > limit else { return nil }
        // Runs that would fit, rounded down to two significant digits.
        let perRun = (bytes - Self.baseBytes) / Double(max(1, runs))
        var fitting = max(0, (limit - Self.baseBytes) / perRun)
        if fitting >= 100 {
            let scale = pow(10, (log10(fitting)).rounded(.down) - 1)
            fitting = (fitting / scale).rounded(.down) * scale
        }
        let suggestion = fitting >= 1 ? " (about \(Int(fitting)) runs fit with this horizon)" : ""
        return "\(runs) runs × \(years) years would need about \(Self.gibibytes(bytes)) GiB of memory, more than the "
            + "\(Self.gibibytes(limit)) GiB govsim may use on this machine (\(Int(Self.safetyFactor * 100))% of \(Self.gibibytes(available)) GiB); "
            + "use fewer --runs or a shorter horizon\(suggestion)"
    }

    /// `bytes` in GiB with three significant digits (at least one decimal).
    static func gibibytes(_ bytes: Double) -> String {
        let g = bytes / 1_073_741_824
        if g >= 100 { return String(format: "%.0f", g) }
        if g >= 10 { return String(format: "%.1f", g) }
        return String(format: "%.2f", g)
    }
}
