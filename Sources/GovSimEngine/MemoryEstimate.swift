import Foundation

/// An estimate, made before simulating, of the memory a simulation needs, so that a run too
/// large for the machine is refused up front with the estimate and how to reduce it instead of
/// being killed by the system hours later.
///
/// The engine keeps, for every metric and year (of every organisation and the total), the
/// ``QuantileWindows`` of the tree nodes it holds (``aggregateBytes(runs:cells:)``); blocks of 1,024 runs wait to be merged (at
/// most ``ParallelBlocks/maxAhead(threads:cellsPerRun:)`` of them: 2 × threads + 2, one a thread for a large portfolio); `runs.csv` is written block by block; and the budget measures
/// of every run are kept for `budget.csv`. The estimate is the sum plus a fixed base for the
/// program; for exact runs it matches measured peaks within about 20%.
package struct MemoryEstimate: Sendable, Equatable {
    package let runs: Int
    package let years: Int
    package let uncertainInputs: Int
    package let writesRunsTable: Bool
    /// Estimated peak, in bytes.
    package let bytes: Double
    let organisations: Int
    let blocksInFlight: Double?

    /// The program itself: code, libraries, the scenario and the summaries.
    static let baseBytes = 32.0 * 1024 * 1024
    /// Worker threads assumed for the blocks in flight.
    static let assumedThreads = 8.0

    /// - Parameter blocksInFlight: blocks of runs held at once besides the aggregates (by default
    ///   those ``assumedThreads`` workers may have claimed, ``ParallelBlocks/maxAhead(threads:cellsPerRun:)``:
    ///   18 for a single organisation, 8 for a 50-organisation portfolio; 2 for `merge`, which
    ///   replays one block at a time).
    package init(
        runs: Int, horizon: Int, uncertainInputs: Int, organisations: Int = 0, writesRunsTable: Bool = true,
        blocksInFlight: Double? = nil
    ) {
        self.runs = runs
        self.years = horizon + 1
        self.uncertainInputs = uncertainInputs
        self.writesRunsTable = writesRunsTable
        self.organisations = organisations
        self.blocksInFlight = blocksInFlight
        let n = Double(runs), inputs = Double(uncertainInputs)
        let cells = Double(Metric.allCases.count * years * (organisations > 0 ? organisations + 1 : 1))
        let stored = Self.aggregateBytes(runs: runs, cells: Int(cells))
        let blockBytes = Double(ParallelBlocks.blockSize) * (cells * 8 + (inputs + 16) * 8 + (writesRunsTable ? (inputs + 10) * 20 : 0))
        let inFlight =
            (blocksInFlight ?? Double(ParallelBlocks.maxAhead(threads: Int(Self.assumedThreads), cellsPerRun: Int(cells)))) * blockBytes
        // Budget measures of every run (a struct, its NPV array and its two appraisal cases) for
        // budget.csv and appraisal.csv.
        let budgets = n * 232
        // Without runs.csv (calibrate), every run's record stays in memory.
        let records = writesRunsTable ? 0 : n * (inputs * 8 + 160)
        bytes = stored + inFlight + budgets + records + Self.baseBytes
    }

    /// Bytes of the ``TrajectoryAggregate``s of `cells` (metric, year) cells over `runs` runs, the
    /// one rule of every study that streams through the ordered block pipeline (`run`, `merge`,
    /// `calibrate`, `compare`). Per cell, the tree's held nodes have sizes n/2, n/4, … or, at the
    /// last combination, n/2, n/2 and n: their windows hold at most 2.41·W(n) values (2.5 counted), W(n) the values of one node of n runs
    /// (``QuantileWindows/targetRange(p:count:)`` summed over the probabilities, at most n each),
    /// plus a fixed overhead per node (moments and array headers) for log₂(blocks) + 2 nodes.
    package static func aggregateBytes(runs: Int, cells: Int) -> Double {
        let c = Double(cells)
        let window = QuantileSummary.probabilities.reduce(0.0) { $0 + Double(QuantileWindows.targetRange(p: $1, count: runs).count) }
        let nodes = log2(max(1, Double(runs) / Double(ParallelBlocks.blockSize))) + 2
        return c * (2.5 * min(Double(runs), window) * 8 + nodes * 320)
    }

    /// The estimate for simulating `scenario` (its runs and horizon) and, unless
    /// `writesRunsTable` is false, writing its `runs.csv`.
    package init(scenario: Scenario, writesRunsTable: Bool = true) {
        let plan = PlanSimulator(scenario: scenario)
        self.init(
            runs: scenario.runs, horizon: scenario.horizon, uncertainInputs: plan.inputCount,
            organisations: scenario.portfolio?.organisations.count ?? 0, writesRunsTable: writesRunsTable)
    }

    /// The estimate for `govsim merge` of shards of `scenario`: the same aggregates, budget
    /// measures and `runs.csv` pieces as a run, and two blocks' worth in flight for the shards'
    /// aggregates read ahead (assumption: a shard's nodes are within the 2.5 windows per cell
    /// counted for the held tree; measured peaks in docs/performance.md).
    package init(mergeOf scenario: Scenario) {
        let plan = PlanSimulator(scenario: scenario)
        self.init(
            runs: scenario.runs, horizon: scenario.horizon, uncertainInputs: plan.inputCount,
            organisations: scenario.portfolio?.organisations.count ?? 0, writesRunsTable: true, blocksInFlight: 2)
    }

    /// Share of the physical memory a simulation may plan to use.
    package static let safetyFactor = 0.8

    /// The memory this process may use, in bytes: the machine's physical memory, or the
    /// control group's limit (containers, systemd slices) when that is lower.
    package static var availableMemory: Double {
        var available = Double(ProcessInfo.processInfo.physicalMemory)
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
                let limit = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0
            {
                available = min(available, limit)
            }
        }
        return available
    }

    /// Nil when the estimate fits in `safetyFactor` of `available` bytes; otherwise a one-line
    /// message with the estimate in GiB and what to do.
    /// `advice` replaces the closing "use fewer --runs or a shorter horizon (about … runs fit)".
    package func refusal(available: Double = MemoryEstimate.availableMemory, advice: String? = nil) -> String? {
        let limit = available * Self.safetyFactor
        guard bytes > limit else { return nil }
        // Runs that would fit, rounded down to two significant digits.
        let perRun = (bytes - Self.baseBytes) / Double(max(1, runs))
        var fitting = max(0, (limit - Self.baseBytes) / perRun)
        if fitting >= 100 {
            let scale = pow(10, (log10(fitting)).rounded(.down) - 1)
            fitting = (fitting / scale).rounded(.down) * scale
        }
        // The quantile windows grow more slowly than the runs, so the straight line from the base can
        // overshoot: step down (two significant digits) until the suggestion itself fits.
        func estimate(_ r: Double) -> Double {
            MemoryEstimate(
                runs: Int(r), horizon: years - 1, uncertainInputs: uncertainInputs, organisations: organisations,
                writesRunsTable: writesRunsTable, blocksInFlight: blocksInFlight
            ).bytes
        }
        while fitting >= 100, estimate(fitting) > limit {
            fitting -= pow(10, (log10(fitting)).rounded(.down) - 1)
        }
        let suggestion = fitting >= 1 ? " (about \(Int(fitting)) runs fit with this horizon)" : ""
        return "\(runs) runs × \(years) years would need about \(Self.gibibytes(bytes)) GiB of memory, more than the "
            + "\(Self.gibibytes(limit)) GiB govsim may use on this machine (\(Int(Self.safetyFactor * 100))% of \(Self.gibibytes(available)) GiB); "
            + (advice ?? "use fewer --runs or a shorter horizon\(suggestion)")
    }

    /// `bytes` in GiB with three significant digits (at least one decimal).
    package static func gibibytes(_ bytes: Double) -> String {
        let g = bytes / 1_073_741_824
        if g >= 100 { return String(format: "%.0f", g) }
        if g >= 10 { return String(format: "%.1f", g) }
        return String(format: "%.2f", g)
    }
}
