/// Runs a scenario's Monte Carlo: samples each run's inputs, simulates the run, and aggregates,
/// in parallel over fixed blocks of runs.
///
/// Results are byte-identical for any number of threads: each run's random numbers depend only
/// on (seed, run index) (``RandomStream``), blocks are fixed by run index
/// (``ParallelBlocks/blockSize``), and block results are combined along a fixed tree over block
/// indices (``TrajectoryAggregate``), in block order.
package struct SimulationEngine: Sendable {
    package let scenario: Scenario
    package let plan: PlanSimulator
    /// Worker threads (at least 1).
    package let threads: Int

    package init(scenario: Scenario, threads: Int = ParallelBlocks.defaultThreads) {
        self.scenario = scenario
        self.plan = PlanSimulator(scenario: scenario)
        self.threads = max(1, threads)
    }

    /// Simulates every run. `progress` receives the number of runs finished so far. With a
    /// `recordSink`, each block's run records are turned into bytes by `formatRecords` on the
    /// worker that simulated the block (in parallel) and handed to the sink in run order, and the
    /// records are not kept (for streaming `runs.csv` at any run count); otherwise
    /// ``SimulationResult/records`` holds them.
    package func run(
        progress: (@Sendable (Int) -> Void)? = nil,
        formatRecords: (@Sendable ([RunRecord]) -> [UInt8])? = nil,
        recordSink: (([UInt8]) -> Void)? = nil
    ) -> SimulationResult {
        var assembler = simulate(
            blocks: 0..<ParallelBlocks.blocks(runs: scenario.runs).count, progress: progress,
            formatRecords: formatRecords, recordSink: recordSink)
        return assembler.finish()
    }

    /// Simulates only the blocks `shard` (one shard of `run --shard K/N`) and returns their
    /// aggregate for a later `merge` (``ShardAggregate``, ``ShardMerge``); `progress`,
    /// `formatRecords` and `recordSink` as in ``run(progress:formatRecords:recordSink:)`` (the
    /// records are never kept).
    package func shard(
        blocks shard: Range<Int>, progress: (@Sendable (Int) -> Void)? = nil,
        formatRecords: (@Sendable ([RunRecord]) -> [UInt8])? = nil,
        recordSink: @escaping ([UInt8]) -> Void = { _ in }
    ) -> ShardAggregate {
        simulate(blocks: shard, progress: progress, formatRecords: formatRecords, recordSink: recordSink).shardAggregate(blocks: shard)
    }

    /// The blocks `chosen` simulated in parallel and consumed in block order.
    private func simulate(
        blocks chosen: Range<Int>, progress: (@Sendable (Int) -> Void)?,
        formatRecords: (@Sendable ([RunRecord]) -> [UInt8])?, recordSink: (([UInt8]) -> Void)?
    ) -> ResultAssembler {
        let blocks = ParallelBlocks.blocks(runs: scenario.runs)
        let plan = self.plan
        let runs = chosen.isEmpty ? 0 : blocks[chosen.upperBound - 1].upperBound - blocks[chosen.lowerBound].lowerBound
        var assembler = ResultAssembler(plan: plan, runs: runs, keepRecords: recordSink == nil, threads: threads)
        // A portfolio's blocks free tens of MB of small arrays at every combination (and the
        // workers their blocks' values): give the pages back after each block, so the peak is
        // the data held, not the allocator's history (``ProcessMemory``). Single organisations'
        // blocks (a few MB) need not pay the walk.
        let trims = Double(ParallelBlocks.blockSize * plan.cellsPerRun * 8) > ParallelBlocks.waitingBytes / 8
        ParallelBlocks.forEachOrdered(
            blockCount: chosen.count, threads: threads,
            { i in
                let b = chosen.lowerBound + i
                var part = BlockPart.Builder(plan: plan, block: b, expectedRuns: blocks[b].count)
                plan.simulate(block: blocks[b]) { run, work in part.add(run: run, work) }
                return part.finish(formatRecords: formatRecords)
            }, maxAhead: ParallelBlocks.maxAhead(threads: threads, cellsPerRun: plan.cellsPerRun),
            consume: { _, part in
                if let bytes = part.formatted { recordSink?(bytes) }
                assembler.consume(part)
                if trims { ProcessMemory.returnFreedMemory() }
                progress?(assembler.done)
            })
        return assembler
    }
}

/// Everything a simulation produced, before it is written to files.
package struct SimulationResult: Sendable {
    package let scenario: Scenario
    /// Paths of the uncertain inputs, in ``RunRecord/inputs`` order (prefixed `organisation:` in a portfolio).
    package let inputNames: [String]
    /// Per metric, the summary of each year 0…horizon (the portfolio total for a portfolio).
    package let summary: [Metric: [QuantileSummary]]
    /// Per organisation of a portfolio, in scenario order, its summaries (empty otherwise).
    package let organisationSummaries: [(String, [Metric: [QuantileSummary]])]
    /// One record per run, in run order (empty when the records were streamed to a sink).
    package let records: [RunRecord]
    /// Budget measures of every run, in run order.
    package let budgets: [BudgetMeasures]
    /// The values of the correlated inputs (of the first organisation), by name, in run order.
    package let correlatedInputs: [String: [Double]]
    /// Largest rank error of any quantile, as a share of the run count (0 when every quantile is
    /// exact; see ``QuantileWindows``).
    package let quantileRankError: Double

    /// Calendar year of year index `t`.
    package func calendarYear(_ t: Int) -> Int { scenario.startYear + t }
}
