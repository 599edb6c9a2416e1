/// Simulates several plan variants with common random numbers and summarises their paired
/// differences from a baseline variant.
///
/// Run k of every variant uses the same random stream (same seed, run index k), and each input
/// draws from a channel named by its parameter path, so inputs the variants have in common take
/// the same value and the yearly shocks are identical: the k-th runs see the same economy, shocks
/// and programme risk. The difference of a metric between a variant and the baseline is computed
/// run by run (paired), which removes the shared noise from the comparison.
public struct ComparisonEngine: Sendable {
    /// The variants' scenarios; they must share horizon, start year, seed and run count.
    public let variants: [(name: String, scenario: Scenario)]
    /// Index of the baseline in ``variants``.
    public let baselineIndex: Int
    public let threads: Int

    public init(variants: [(name: String, scenario: Scenario)], baselineIndex: Int, threads: Int) {
        self.variants = variants
        self.baselineIndex = baselineIndex
        self.threads = max(1, threads)
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) -> ComparisonResult {
        let base = variants[baselineIndex].scenario
        let plans = variants.map { PlanSimulator(scenario: $0.scenario) }
        let years = base.horizon + 1
        let runs = base.runs
        let blocks = ParallelBlocks.blocks(runs: runs)
        let baselineIndex = self.baselineIndex
        let count = plans.count
        let blockSize = ParallelBlocks.blockSize
        let partials = ParallelBlocks.map(blockCount: blocks.count, threads: threads,
                                          progress: progress.map { report in { @Sendable done in report(min(runs, done * blockSize)) } }) { b in
            var own = (0..<count).map { _ in TrajectoryAccumulator(years: years, expectedRuns: blocks[b].count) }
            var deltas = (0..<count).map { _ in TrajectoryAccumulator(years: years, expectedRuns: blocks[b].count) }
            var budgets = [[BudgetMeasures]](repeating: [], count: count)
            var work = plans.map { $0.makeRun() }
            var delta = RunTrajectory(horizon: years - 1)
            // Each variant simulates the block (its designs are per block); results are then paired by run.
            var perVariant = [[PlanRun]](repeating: [], count: count)
            for v in 0..<count { plans[v].simulate(block: blocks[b]) { _, run in perVariant[v].append(run) } }
            let inputs = perVariant[baselineIndex].map(\.inputs)
            for i in 0..<blocks[b].count {
                for v in 0..<count { work[v] = perVariant[v][i] }
                for v in 0..<count {
                    own[v].add(work[v].total)
                    budgets[v].append(work[v].budget!)
                    guard v != baselineIndex else { continue }
                    for i in 0..<delta.values.count { delta.values[i] = work[v].total.values[i] - work[baselineIndex].total.values[i] }
                    deltas[v].add(delta)
                }
            }
            return (own, deltas, budgets, inputs)
        }
        var own = (0..<count).map { _ in TrajectoryAccumulator(years: years, expectedRuns: runs) }
        var deltas = (0..<count).map { _ in TrajectoryAccumulator(years: years, expectedRuns: runs) }
        var budgets = [[BudgetMeasures]](repeating: [], count: count)
        let inputNames = plans[baselineIndex].inputNames
        var inputs = [[Double]](repeating: [], count: inputNames.count)
        for (blockOwn, blockDeltas, blockBudgets, blockInputs) in partials {
            for row in blockInputs { for (j, x) in row.enumerated() where j < inputs.count { inputs[j].append(x) } }
            for v in 0..<count {
                own[v].merge(blockOwn[v])
                if v != baselineIndex { deltas[v].merge(blockDeltas[v]) }
                budgets[v].append(contentsOf: blockBudgets[v])
            }
        }
        var outcomes: [VariantOutcome] = []
        for v in 0..<count {
            outcomes.append(VariantOutcome(name: variants[v].name, scenario: variants[v].scenario, summary: own[v].summarize(threads: threads),
                                           deltas: v == baselineIndex ? nil : deltas[v].summarize(threads: threads), budgets: budgets[v]))
        }
        var result = ComparisonResult(outcomes: outcomes, baselineIndex: baselineIndex)
        result.inputNames = inputNames
        result.inputs = inputs
        return result
    }
}

/// One variant's results in a comparison.
public struct VariantOutcome: Sendable {
    public let name: String
    public let scenario: Scenario
    /// Summary of the variant's own metrics per year.
    public let summary: [Metric: [QuantileSummary]]
    /// Summary of the paired differences from the baseline per year (nil for the baseline).
    public let deltas: [Metric: [QuantileSummary]]?
    /// Budget measures of each run, in run order.
    public let budgets: [BudgetMeasures]
}

/// The results of a comparison.
public struct ComparisonResult: Sendable {
    public let outcomes: [VariantOutcome]
    public let baselineIndex: Int
    public var baseline: VariantOutcome { outcomes[baselineIndex] }
    /// Names of the baseline variant's uncertain inputs (for value of information).
    public var inputNames: [String] = []
    /// The baseline's uncertain inputs, one array per input in run order.
    public var inputs: [[Double]] = []

    /// Paired differences of a run-level budget measure from the baseline.
    public func budgetDeltas(_ v: Int, _ measure: (BudgetMeasures) -> Double) -> QuantileSummary {
        QuantileSummary(zip(outcomes[v].budgets, baseline.budgets).map { measure($0) - measure($1) })
    }
}
