/// Runs a scenario's Monte Carlo: samples each run's inputs, simulates the run, and aggregates,
/// in parallel over fixed blocks of runs.
///
/// Results are byte-identical for any number of threads: each run's random numbers depend only
/// on (seed, run index) (``RandomStream``), blocks are fixed by run index
/// (``ParallelBlocks/blockSize``), and block results are merged in block order.
public struct SimulationEngine: Sendable {
    public let scenario: Scenario
    public let sampler: InputSampler
    /// Worker threads (at least 1).
    public let threads: Int

    public init(scenario: Scenario, threads: Int = ParallelBlocks.defaultThreads) {
        self.scenario = scenario
        self.sampler = InputSampler(scenario: scenario)
        self.threads = max(1, threads)
    }

    /// Simulates every run. `progress` receives the number of runs finished so far.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) -> SimulationResult {
        let blocks = ParallelBlocks.blocks(runs: scenario.runs)
        let sampler = self.sampler
        let horizon = scenario.horizon
        let blockSize = ParallelBlocks.blockSize
        let runs = scenario.runs
        let partials = ParallelBlocks.map(blockCount: blocks.count, threads: threads,
                                          progress: progress.map { report in { @Sendable done in report(min(runs, done * blockSize)) } }) { b in
            var accumulator = TrajectoryAccumulator(years: horizon + 1, expectedRuns: blocks[b].count)
            var records: [RunRecord] = []
            records.reserveCapacity(blocks[b].count)
            var trajectory = RunTrajectory(horizon: horizon)
            for run in blocks[b] {
                let values = sampler.values(run: UInt64(run))
                let parameters = ModelParameters(layout: sampler.layout, values: values)
                RunModel.simulate(parameters, stream: RandomStream(seed: sampler.seed, run: UInt64(run)), into: &trajectory)
                accumulator.add(trajectory)
                records.append(RunRecord(run: run, inputs: sampler.uncertainValues(of: values), trajectory: trajectory))
            }
            return (accumulator, records)
        }
        var total = TrajectoryAccumulator(years: horizon + 1, expectedRuns: runs)
        var records: [RunRecord] = []
        records.reserveCapacity(runs)
        for (accumulator, blockRecords) in partials {
            total.merge(accumulator)
            records.append(contentsOf: blockRecords)
        }
        return SimulationResult(scenario: scenario, inputNames: sampler.dimensions.map(\.path),
                                summary: total.summarize(), records: records)
    }
}

/// Everything a simulation produced, before it is written to files.
public struct SimulationResult: Sendable {
    public let scenario: Scenario
    /// Paths of the uncertain inputs, in ``RunRecord/inputs`` order.
    public let inputNames: [String]
    /// Per metric, the summary of each year 0…horizon.
    public let summary: [Metric: [QuantileSummary]]
    /// One record per run, in run order.
    public let records: [RunRecord]

    /// Calendar year of year index `t`.
    public func calendarYear(_ t: Int) -> Int { scenario.startYear + t }
}
