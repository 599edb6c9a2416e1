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

    /// Simulates every run (or, with `blocks`, only those blocks: one shard). `progress`
    /// receives the number of runs finished so far. With a `recordSink`, each block's run records
    /// are turned into bytes by `formatRecords` on the worker that simulated the block (in
    /// parallel) and handed to the sink in run order, and the records are not kept (for streaming
    /// `runs.csv` at any run count); otherwise ``SimulationResult/records`` holds them. With a
    /// `rawSink`, each block's runs are also encoded (``ShardCodec``) for a later `merge`.
    public func run(blocks shard: Range<Int>? = nil, progress: (@Sendable (Int) -> Void)? = nil,
                    formatRecords: (@Sendable ([RunRecord]) -> [UInt8])? = nil,
                    recordSink: (([UInt8]) -> Void)? = nil, rawSink: (([UInt8]) -> Void)? = nil) -> SimulationResult {
        let blocks = ParallelBlocks.blocks(runs: scenario.runs)
        let chosen = shard ?? 0..<blocks.count
        let plan = self.plan
        let codec = rawSink == nil ? nil : ShardCodec(plan: plan)
        var assembler = ResultAssembler(plan: plan, runs: scenario.runs, keepRecords: recordSink == nil, threads: threads)
        let capacity = assembler.capacity
        ParallelBlocks.forEachOrdered(blockCount: chosen.count, threads: threads, { i in
            let b = chosen.lowerBound + i
            var runs: [(Int, PlanRun)] = []
            var raw: [UInt8] = []
            plan.simulate(block: blocks[b]) { run, work in
                runs.append((run, work))
                codec?.encode(run: run, work, into: &raw)
            }
            return BlockPart(plan: plan, runs: runs, runCapacity: capacity, formatRecords: formatRecords, raw: codec == nil ? nil : raw)
        }, consume: { _, part in
            if let raw = part.raw { rawSink?(raw) }
            if let bytes = part.formatted { recordSink?(bytes) }
            assembler.consume(part)
            progress?(assembler.done)
        })
        return assembler.finish()
    }

    /// The result of the runs stored by shards (``ShardCodec``), read block by block in order:
    /// `block(b)` returns the encoded runs of block `b` of the run's fixed blocks, for `b` = 0, 1, …
    /// in turn, so only one block is in memory at a time. The same aggregation as
    /// ``run(blocks:progress:formatRecords:recordSink:rawSink:)``, so the outputs are
    /// byte-identical to an unsharded run (with exact quantiles). Throws the errors of `block` and
    /// ``ShardCodec/DecodeError`` for a block that does not hold exactly its runs, in order.
    public func replay(block: (Int) throws -> [UInt8], formatRecords: (([RunRecord]) -> [UInt8])? = nil,
                       recordSink: (([UInt8]) -> Void)? = nil) throws -> SimulationResult {
        let codec = ShardCodec(plan: plan)
        var assembler = ResultAssembler(plan: plan, runs: scenario.runs, keepRecords: recordSink == nil, threads: threads)
        for (b, range) in ParallelBlocks.blocks(runs: scenario.runs).enumerated() {
            let runs = try codec.decode(block(b), expected: range)
            let part = BlockPart(plan: plan, runs: runs, runCapacity: assembler.capacity, formatRecords: formatRecords, raw: nil)
            if let bytes = part.formatted { recordSink?(bytes) }
            assembler.consume(part)
        }
        return assembler.finish()
    }
}

/// The results of one block of runs, made on a worker thread.
struct BlockPart {
    var total: TrajectoryAccumulator
    var organisations: [TrajectoryAccumulator]
    var records: [RunRecord]
    var formatted: [UInt8]?
    var raw: [UInt8]?

    init(plan: PlanSimulator, runs: [(Int, PlanRun)], runCapacity: Int, formatRecords: (([RunRecord]) -> [UInt8])?, raw: [UInt8]?) {
        let years = plan.scenario.horizon + 1
        let organisationCount = plan.isPortfolio ? plan.organisationNames.count : 0
        var total = TrajectoryAccumulator(years: years, expectedRuns: runs.count, capacity: runCapacity)
        var organisations = (0..<organisationCount).map { _ in TrajectoryAccumulator(years: years, expectedRuns: runs.count, capacity: runCapacity) }
        var records: [RunRecord] = []
        records.reserveCapacity(runs.count)
        for (run, work) in runs {
            total.add(work.total)
            for o in 0..<organisationCount { organisations[o].add(work.organisations[o]) }
            records.append(RunRecord(run: run, inputs: work.inputs, trajectory: work.total, budget: work.budget!))
        }
        self.total = total
        self.organisations = organisations
        self.records = records
        formatted = formatRecords?(records)
        self.raw = raw
    }
}

/// Merges block parts in block order into a ``SimulationResult``.
struct ResultAssembler {
    let plan: PlanSimulator
    let keepRecords: Bool
    let capacity: Int
    var total: Aggregate
    var organisations: [Aggregate]
    var records: [RunRecord] = []
    var budgets: [BudgetMeasures] = []
    var correlated: [Int]
    var correlatedColumns: [[Double]]
    var done = 0

    let threads: Int

    init(plan: PlanSimulator, runs: Int, keepRecords: Bool, threads: Int) {
        self.plan = plan
        self.threads = threads
        self.keepRecords = keepRecords
        let scenario = plan.scenario
        let organisationCount = plan.isPortfolio ? plan.organisationNames.count : 0
        let years = scenario.horizon + 1
        let inputNames = plan.inputNames
        let capacity = TrajectoryAccumulator.capacity(runs: runs, years: years * max(1, organisationCount + (organisationCount > 0 ? 1 : 0)))
        self.capacity = capacity
        total = Aggregate(years: years, capacity: capacity)
        organisations = (0..<organisationCount).map { _ in Aggregate(years: years, capacity: capacity) }
        let indices = scenario.correlation.map { c in c.names.compactMap { name in inputNames.firstIndex { $0 == name || $0.hasSuffix(":" + name) } } } ?? []
        correlated = indices
        correlatedColumns = [[Double]](repeating: [], count: indices.count)
        budgets.reserveCapacity(runs)
    }

    mutating func consume(_ part: BlockPart) {
        total.add(part.total)
        for o in 0..<organisations.count { organisations[o].add(part.organisations[o]) }
        for r in part.records {
            budgets.append(r.budget)
            for (k, j) in correlated.enumerated() { correlatedColumns[k].append(r.inputs[j]) }
        }
        if keepRecords { records.append(contentsOf: part.records) }
        done += part.records.count
    }

    mutating func finish() -> SimulationResult {
        let scenario = plan.scenario
        var organisationSummaries: [(String, [Metric: [QuantileSummary]])] = []
        var rankError = 0.0
        for o in 0..<organisations.count {
            let finished = organisations[o].finish(threads: threads)
            organisationSummaries.append((plan.organisationNames[o], finished.summary))
            rankError = max(rankError, finished.rankError)
        }
        let totals = total.finish(threads: threads)
        rankError = max(rankError, totals.rankError)
        var columns: [String: [Double]] = [:]
        for (k, name) in (scenario.correlation?.names ?? []).enumerated() where k < correlatedColumns.count { columns[name] = correlatedColumns[k] }
        return SimulationResult(scenario: scenario, inputNames: plan.inputNames, summary: totals.summary,
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
        // Exact quantiles: values are only concatenated, so one growing accumulator suffices
        // (the binary counter would copy every value once per level).
        if moments.sketches.first?.capacity == Int.max, !stack.isEmpty {
            stack[0].accumulator.mergeSketches(block)
            return
        }
        stack.append((0, block))
        while stack.count >= 2, stack[stack.count - 1].height == stack[stack.count - 2].height {
            let top = stack.removeLast()
            stack[stack.count - 1].accumulator.mergeSketches(top.accumulator)
            stack[stack.count - 1].height += 1
        }
    }

    mutating func collapsed() -> TrajectoryAccumulator {
        guard var result = stack.first?.accumulator else { return moments }
        for entry in stack.dropFirst() { result.mergeSketches(entry.accumulator) }
        stack = [(0, result)]
        result.moments = moments.moments
        return result
    }

    /// The summaries and the largest rank-error bound of their quantiles.
    mutating func finish(threads: Int = 1) -> (summary: [Metric: [QuantileSummary]], rankError: Double) {
        var result = collapsed()
        let rankError = result.rankErrorBound
        return (result.summarize(threads: threads), rankError)
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
