/// Runs a scenario's Monte Carlo: samples each run's inputs, simulates the run, and aggregates,
/// in parallel over fixed blocks of runs.
///
/// Results are byte-identical for any number of threads: each run's random numbers depend only
/// on (seed, run index) (``RandomStream``), blocks are fixed by run index
/// (``ParallelBlocks/blockSize``), and block results are merged in block order.
public struct SimulationEngine: Sendable {
    public let scenario: Scenario
    public let plan: PlanSimulator
    /// Worker threads (at least 1).
    public let threads: Int

    public init(scenario: Scenario, threads: Int = ParallelBlocks.defaultThreads) {
        self.scenario = scenario
        self.plan = PlanSimulator(scenario: scenario)
        self.threads = max(1, threads)
    }

    /// Simulates every run. `progress` receives the number of runs finished so far. With a
    /// `recordSink`, each block's run records are turned into bytes by `formatRecords` on the
    /// worker that simulated the block (in parallel) and handed to the sink in run order, and
    /// the records are not kept (for streaming `runs.csv` at any run count); otherwise
    /// ``SimulationResult/records`` holds them.
    public func run(progress: (@Sendable (Int) -> Void)? = nil, formatRecords: (@Sendable ([RunRecord]) -> [UInt8])? = nil,
                    recordSink: (([UInt8]) -> Void)? = nil) -> SimulationResult {
        let blocks = ParallelBlocks.blocks(runs: scenario.runs)
        let plan = self.plan
        let years = scenario.horizon + 1
        let runs = scenario.runs
        let organisationCount = plan.isPortfolio ? plan.organisationNames.count : 0
        let capacity = TrajectoryAccumulator.capacity(runs: runs, years: years * max(1, organisationCount + (organisationCount > 0 ? 1 : 0)))
        let correlated = scenario.correlation.map { c in c.names.compactMap { name in plan.inputNames.firstIndex { $0 == name || $0.hasSuffix(":" + name) } } } ?? []

        var total = Aggregate(years: years, capacity: capacity)
        var organisations = (0..<organisationCount).map { _ in Aggregate(years: years, capacity: capacity) }
        var records: [RunRecord] = []
        var budgets: [BudgetMeasures] = []
        budgets.reserveCapacity(runs)
        var correlatedColumns = [[Double]](repeating: [], count: correlated.count)
        var done = 0
        ParallelBlocks.forEachOrdered(blockCount: blocks.count, threads: threads, { b in
            var total = TrajectoryAccumulator(years: years, expectedRuns: blocks[b].count, capacity: capacity)
            var organisations = (0..<organisationCount).map { _ in TrajectoryAccumulator(years: years, expectedRuns: blocks[b].count, capacity: capacity) }
            var records: [RunRecord] = []
            records.reserveCapacity(blocks[b].count)
            plan.simulate(block: blocks[b]) { run, work in
                total.add(work.total)
                for o in 0..<organisationCount { organisations[o].add(work.organisations[o]) }
                records.append(RunRecord(run: run, inputs: work.inputs, trajectory: work.total, budget: work.budget!))
            }
            return (total, organisations, records, formatRecords?(records))
        }, consume: { _, part in
            total.add(part.0)
            for o in 0..<organisationCount { organisations[o].add(part.1[o]) }
            for r in part.2 {
                budgets.append(r.budget)
                for (k, j) in correlated.enumerated() { correlatedColumns[k].append(r.inputs[j]) }
            }
            if let recordSink, let bytes = part.3 { recordSink(bytes) } else { records.append(contentsOf: part.2) }
            done += part.2.count
            progress?(done)
        })
        var organisationSummaries: [(String, [Metric: [QuantileSummary]])] = []
        for o in 0..<organisationCount { organisationSummaries.append((plan.organisationNames[o], organisations[o].finish())) }
        let rankError = max(total.rankErrorBound, organisations.map(\.rankErrorBound).max() ?? 0)
        var columns: [String: [Double]] = [:]
        for (k, name) in (scenario.correlation?.names ?? []).enumerated() where k < correlatedColumns.count { columns[name] = correlatedColumns[k] }
        return SimulationResult(scenario: scenario, inputNames: plan.inputNames, summary: total.finish(),
                                organisationSummaries: organisationSummaries, records: records, budgets: budgets,
                                correlatedInputs: columns, quantileRankError: rankError)
    }
}

/// Block results merged in block order: moments sequentially, sketches as a binary counter (equal
/// sizes merge), which bounds how often any value is compressed (see ``QuantileSketch``).
struct Aggregate {
    var moments: TrajectoryAccumulator
    var stack: [(height: Int, accumulator: TrajectoryAccumulator)] = []

    init(years: Int, capacity: Int) {
        moments = TrajectoryAccumulator(years: years, capacity: capacity)
    }

    mutating func add(_ block: TrajectoryAccumulator) {
        moments.mergeMoments(block)
        stack.append((0, block))
        while stack.count >= 2, stack[stack.count - 1].height == stack[stack.count - 2].height {
            let top = stack.removeLast()
            stack[stack.count - 1].accumulator.mergeSketches(top.accumulator)
            stack[stack.count - 1].height += 1
        }
    }

    var rankErrorBound: Double {
        var copy = self
        return copy.collapsed().rankErrorBound
    }

    mutating func collapsed() -> TrajectoryAccumulator {
        guard var result = stack.first?.accumulator else { return moments }
        for entry in stack.dropFirst() { result.mergeSketches(entry.accumulator) }
        stack = [(0, result)]
        result.moments = moments.moments
        return result
    }

    mutating func finish() -> [Metric: [QuantileSummary]] {
        var result = collapsed()
        return result.summarize()
    }
}

/// Everything a simulation produced, before it is written to files.
public struct SimulationResult: Sendable {
    public let scenario: Scenario
    /// Paths of the uncertain inputs, in ``RunRecord/inputs`` order (prefixed `organisation:` in a portfolio).
    public let inputNames: [String]
    /// Per metric, the summary of each year 0…horizon (the portfolio total for a portfolio).
    public let summary: [Metric: [QuantileSummary]]
    /// Per organisation of a portfolio, in scenario order, its summaries (empty otherwise).
    public let organisationSummaries: [(String, [Metric: [QuantileSummary]])]
    /// One record per run, in run order (empty when the records were streamed to a sink).
    public let records: [RunRecord]
    /// Budget measures of every run, in run order.
    public let budgets: [BudgetMeasures]
    /// The values of the correlated inputs (of the first organisation), by name, in run order.
    public let correlatedInputs: [String: [Double]]
    /// Upper bound of the quantiles' rank error (0 when exact; see ``QuantileSketch``).
    public let quantileRankError: Double

    /// Calendar year of year index `t`.
    public func calendarYear(_ t: Int) -> Int { scenario.startYear + t }
}
