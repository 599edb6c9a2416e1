/// Simulates several plan variants with common random numbers and summarises their paired
/// differences from a baseline variant.
///
/// Run k of every variant uses the same random stream (same seed, run index k), and each input
/// draws from a channel named by its parameter path, so inputs the variants have in common take
/// the same value and the yearly shocks are identical: the k-th runs see the same economy, shocks
/// and programme risk. The difference of a metric between a variant and the baseline is computed
/// run by run (paired), which removes the shared noise from the comparison.
package struct ComparisonEngine: Sendable {
    /// The variants' scenarios; they must share horizon, start year, seed and run count.
    package let variants: [(name: String, scenario: Scenario)]
    /// Index of the baseline in ``variants``.
    package let baselineIndex: Int
    package let threads: Int

    package init(variants: [(name: String, scenario: Scenario)], baselineIndex: Int, threads: Int) {
        self.variants = variants
        self.baselineIndex = baselineIndex
        self.threads = max(1, threads)
    }

    /// The number of (metric, year) cells the comparison aggregates: each variant's own metrics and
    /// each non-baseline variant's paired differences, each kept as ``QuantileWindows`` (the same
    /// aggregation as `run`).
    package var aggregatedCells: Int {
        let years = (variants.first?.scenario.horizon ?? 0) + 1
        return years * Metric.allCases.count * max(1, 2 * variants.count - 1)
    }

    /// Simulates every variant's runs block by block (``ParallelBlocks/forEachOrdered(blockCount:threads:_:maxAhead:consume:)``)
    /// and streams each block into per-variant aggregates in block order, so only the aggregates,
    /// the blocks in flight (at most threads + 1: one a worker and one waiting, each every
    /// variant's runs and accumulators of 1,024 runs), each run's budget measures in columns (``BudgetColumns``: the paired
    /// budget deltas, P(best) and EVPI need every run of every variant; counted in
    /// ``MemoryEstimate/comparison(runs:horizon:variants:uncertainInputs:threads:discountRates:)``)
    /// are held. The baseline's uncertain inputs of each run (for value of information) are not
    /// kept: ``ComparisonResult/inputs`` draws them again, after the aggregates are freed.
    /// `progress` receives the number of runs finished so far.
    package func run(progress: (@Sendable (Int) -> Void)? = nil) -> ComparisonResult {
        let base = variants[baselineIndex].scenario
        let plans = variants.map { PlanSimulator(scenario: $0.scenario) }
        let years = base.horizon + 1
        let runs = base.runs
        let blocks = ParallelBlocks.blocks(runs: runs)
        let baselineIndex = self.baselineIndex
        let count = plans.count
        var own = (0..<count).map { _ in TrajectoryAggregate(years: years) }
        var deltas = (0..<count).map { _ in TrajectoryAggregate(years: years) }
        var budgets = variants.map { BudgetColumns(scenario: $0.scenario, reserving: runs) }
        let inputNames = plans[baselineIndex].inputNames
        var done = 0
        ParallelBlocks.forEachOrdered(
            blockCount: blocks.count, threads: threads,
            { b in
                var own = (0..<count).map { _ in TrajectoryAccumulator(years: years, expectedRuns: blocks[b].count) }
                var deltas = (0..<count).map { v in
                    TrajectoryAccumulator(years: years, expectedRuns: v == baselineIndex ? 0 : blocks[b].count)
                }
                var budgets = [[BudgetMeasures]](repeating: [], count: count)
                var delta = RunTrajectory(horizon: years - 1)
                // Each variant simulates the block (its designs are per block); results are then paired by run.
                var perVariant = [[PlanRun]](repeating: [], count: count)
                for v in 0..<count { plans[v].simulate(block: blocks[b]) { _, run in perVariant[v].append(run) } }
                for i in 0..<blocks[b].count {
                    let baseline = perVariant[baselineIndex][i].total
                    for v in 0..<count {
                        let work = perVariant[v][i]
                        own[v].add(work.total)
                        budgets[v].append(work.budget!)
                        guard v != baselineIndex else { continue }
                        for c in 0..<delta.values.count { delta.values[c] = work.total.values[c] - baseline.values[c] }
                        deltas[v].add(delta)
                    }
                }
                return (own.map { $0.sealed() }, deltas.map { $0.sealed() }, budgets)
            }, maxAhead: threads + 1,
            consume: { b, part in
                for v in 0..<count {
                    own[v].add(block: b, part.0[v])
                    if v != baselineIndex { deltas[v].add(block: b, part.1[v]) }
                    budgets[v].add(contentsOf: part.2[v])
                }
                done += blocks[b].count
                // The windows replaced at each combination are freed in the middle of the heap: give
                // their pages back every 16 blocks (``ProcessMemory``; a walk of about a millisecond).
                if b % 16 == 15 { ProcessMemory.returnFreedMemory() }
                progress?(done)
            })
        var outcomes: [VariantOutcome] = []
        var rankError = 0.0
        // Each aggregate is released as soon as it is summarised, and the freed windows' pages are
        // given back before value of information draws its columns (``ProcessMemory``), so the
        // later phases do not add to the simulation's peak.
        for v in 0..<count {
            let summary = own[v].finish(threads: threads)
            own[v] = TrajectoryAggregate(years: years)
            rankError = max(rankError, summary.rankError)
            var deltaSummary: [Metric: [QuantileSummary]]?
            if v != baselineIndex {
                let finished = deltas[v].finish(threads: threads)
                deltas[v] = TrajectoryAggregate(years: years)
                rankError = max(rankError, finished.rankError)
                deltaSummary = finished.summary
            }
            outcomes.append(
                VariantOutcome(
                    name: variants[v].name, scenario: variants[v].scenario, summary: summary.summary,
                    deltas: deltaSummary, budgets: budgets[v]))
        }
        ProcessMemory.returnFreedMemory()
        var result = ComparisonResult(outcomes: outcomes, baselineIndex: baselineIndex, quantileRankError: rankError)
        result.inputNames = inputNames
        result.inputSource = (plans[baselineIndex], runs, threads)
        return result
    }
}

/// One variant's results in a comparison.
package struct VariantOutcome: Sendable {
    package let name: String
    package let scenario: Scenario
    /// Summary of the variant's own metrics per year.
    package let summary: [Metric: [QuantileSummary]]
    /// Summary of the paired differences from the baseline per year (nil for the baseline).
    package let deltas: [Metric: [QuantileSummary]]?
    /// Budget measures of each run, in run order, in columns.
    package let budgets: BudgetColumns
}

/// The results of a comparison.
package struct ComparisonResult: Sendable {
    package let outcomes: [VariantOutcome]
    package let baselineIndex: Int
    /// Largest rank error of any quantile over every summary, as a share of the run count (0 when
    /// every quantile is exact; see ``QuantileWindows``).
    package let quantileRankError: Double
    package var baseline: VariantOutcome { outcomes[baselineIndex] }
    /// Names of the baseline variant's uncertain inputs (for value of information).
    package var inputNames: [String] = []
    /// The baseline's uncertain inputs, one array per input in run order: as set, or else drawn
    /// again from ``inputSource`` at each reading (``PlanSimulator/inputColumns(runs:threads:)``),
    /// so that the comparison's aggregates and these columns are never in memory together.
    package var inputs: [[Double]] {
        get { storedInputs ?? inputSource.map { $0.plan.inputColumns(runs: $0.runs, threads: $0.threads) } ?? [] }
        set { storedInputs = newValue }
    }
    var storedInputs: [[Double]]?
    /// The baseline's plan, its run count and the threads that draw ``inputs`` again.
    var inputSource: (plan: PlanSimulator, runs: Int, threads: Int)?

    package init(outcomes: [VariantOutcome], baselineIndex: Int, quantileRankError: Double = 0) {
        self.outcomes = outcomes
        self.baselineIndex = baselineIndex
        self.quantileRankError = quantileRankError
    }

    /// Paired differences of a run-level budget measure from the baseline.
    /// `column` picks one per-run column (in run order) of ``BudgetColumns``.
    package func budgetDeltas(_ v: Int, _ column: (BudgetColumns) -> [Double]) -> QuantileSummary {
        QuantileSummary(zip(column(outcomes[v].budgets), column(baseline.budgets)).map { $0 - $1 })
    }
}
