/// Runs a scenario's Monte Carlo: samples each run's inputs, simulates the run, and aggregates,
/// in parallel over fixed blocks of runs.
///
/// Results are byte-identical for any number of threads: each run's random numbers depend only
/// on (seed, run index) (``RandomStream``), blocks are fixed by run index
/// (``ParallelBlocks/blockSize``), and block results are combined along a fixed tree over block
/// indices (``TrajectoryAggregate``), in block order.
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
        // A portfolio's blocks free tens of MB of small arrays at every combination (and the
        // workers their blocks' values): give the pages back after each block, so the peak is
        // the data held, not the allocator's history (``ProcessMemory``). Single organisations'
        // blocks (a few MB) need not pay the walk.
        let trims = Double(ParallelBlocks.blockSize * plan.cellsPerRun * 8) > ParallelBlocks.waitingBytes / 8
        ParallelBlocks.forEachOrdered(blockCount: chosen.count, threads: threads, { i in
            let b = chosen.lowerBound + i
            var part = BlockPart.Builder(plan: plan, block: b, expectedRuns: blocks[b].count)
            var raw: [UInt8] = []
            plan.simulate(block: blocks[b]) { run, work in
                part.add(run: run, work)
                codec?.encode(run: run, work, into: &raw)
            }
            return part.finish(formatRecords: formatRecords, raw: codec == nil ? nil : raw)
        }, maxAhead: ParallelBlocks.maxAhead(threads: threads, cellsPerRun: plan.cellsPerRun), consume: { _, part in
            if let raw = part.raw { rawSink?(raw) }
            if let bytes = part.formatted { recordSink?(bytes) }
            assembler.consume(part)
            if trims { ProcessMemory.returnFreedMemory() }
            progress?(assembler.done)
        })
        return assembler.finish()
    }

    /// The result of the runs stored by shards (``ShardCodec``), read block by block in order:
    /// `block(b)` returns the encoded runs of block `b` of the run's fixed blocks, for `b` = 0, 1, …
    /// in turn, so only one block is in memory at a time. The same aggregation as
    /// ``run(blocks:progress:formatRecords:recordSink:rawSink:)``, so the outputs are
    /// byte-identical to an unsharded run. Throws the errors of `block` and
    /// ``ShardCodec/DecodeError`` for a block that does not hold exactly its runs, in order.
    public func replay(block: (Int) throws -> [UInt8], formatRecords: (([RunRecord]) -> [UInt8])? = nil,
                       recordSink: (([UInt8]) -> Void)? = nil) throws -> SimulationResult {
        let codec = ShardCodec(plan: plan)
        var assembler = ResultAssembler(plan: plan, runs: scenario.runs, keepRecords: recordSink == nil, threads: threads)
        for (b, range) in ParallelBlocks.blocks(runs: scenario.runs).enumerated() {
            let runs = try codec.decode(block(b), expected: range)
            let part = BlockPart(plan: plan, block: b, runs: runs, formatRecords: formatRecords, raw: nil)
            if let bytes = part.formatted { recordSink?(bytes) }
            assembler.consume(part)
        }
        return assembler.finish()
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
    /// Largest rank error of any quantile, as a share of the run count (0 when every quantile is
    /// exact; see ``QuantileWindows``).
    public let quantileRankError: Double

    /// Calendar year of year index `t`.
    public func calendarYear(_ t: Int) -> Int { scenario.startYear + t }
}
