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

    /// Simulates every run. `progress` receives the number of runs finished so far.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) -> SimulationResult {
        let blocks = ParallelBlocks.blocks(runs: scenario.runs)
        let plan = self.plan
        let years = scenario.horizon + 1
        let blockSize = ParallelBlocks.blockSize
        let runs = scenario.runs
        let organisationCount = plan.isPortfolio ? plan.organisationNames.count : 0
        let partials = ParallelBlocks.map(blockCount: blocks.count, threads: threads,
                                          progress: progress.map { report in { @Sendable done in report(min(runs, done * blockSize)) } }) { b in
            var total = TrajectoryAccumulator(years: years, expectedRuns: blocks[b].count)
            var organisations = (0..<organisationCount).map { _ in TrajectoryAccumulator(years: years, expectedRuns: blocks[b].count) }
            var records: [RunRecord] = []
            records.reserveCapacity(blocks[b].count)
            plan.simulate(block: blocks[b]) { run, work in
                total.add(work.total)
                for o in 0..<organisationCount { organisations[o].add(work.organisations[o]) }
                records.append(RunRecord(run: run, inputs: work.inputs, trajectory: work.total, budget: work.budget!))
            }
            return (total, organisations, records)
        }
        var total = TrajectoryAccumulator(years: years, expectedRuns: runs)
        var organisations = (0..<organisationCount).map { _ in TrajectoryAccumulator(years: years, expectedRuns: runs) }
        var records: [RunRecord] = []
        records.reserveCapacity(runs)
        for (blockTotal, blockOrganisations, blockRecords) in partials {
            total.merge(blockTotal)
            for o in 0..<organisationCount { organisations[o].merge(blockOrganisations[o]) }
            records.append(contentsOf: blockRecords)
        }
        var organisationSummaries: [(String, [Metric: [QuantileSummary]])] = []
        for o in 0..<organisationCount { organisationSummaries.append((plan.organisationNames[o], organisations[o].summarize())) }
        return SimulationResult(scenario: scenario, inputNames: plan.inputNames, summary: total.summarize(),
                                organisationSummaries: organisationSummaries, records: records)
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
    /// One record per run, in run order.
    public let records: [RunRecord]

    /// Calendar year of year index `t`.
    public func calendarYear(_ t: Int) -> Int { scenario.startYear + t }
}
