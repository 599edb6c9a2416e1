/// The results of one block of runs, made on a worker thread.
struct BlockPart {
    /// The block's index among the run's fixed blocks.
    var block: Int
    /// Sealed (``TrajectoryAccumulator/sealed()``) on the worker.
    var total: TrajectoryAccumulator
    var organisations: [TrajectoryAccumulator]
    var records: [RunRecord]
    var formatted: [UInt8]?
    var raw: [UInt8]?

    init(plan: PlanSimulator, block: Int, runs: [(Int, PlanRun)], formatRecords: (([RunRecord]) -> [UInt8])?, raw: [UInt8]?) {
        let years = plan.scenario.horizon + 1
        let organisationCount = plan.isPortfolio ? plan.organisationNames.count : 0
        var total = TrajectoryAccumulator(years: years, expectedRuns: runs.count)
        var organisations = (0..<organisationCount).map { _ in TrajectoryAccumulator(years: years, expectedRuns: runs.count) }
        var records: [RunRecord] = []
        records.reserveCapacity(runs.count)
        for (run, work) in runs {
            total.add(work.total)
            for o in 0..<organisationCount { organisations[o].add(work.organisations[o]) }
            records.append(RunRecord(run: run, inputs: work.inputs, trajectory: work.total, budget: work.budget!))
        }
        self.block = block
        self.total = total.sealed()
        self.organisations = organisations.map { $0.sealed() }
        self.records = records
        formatted = formatRecords?(records)
        self.raw = raw
    }
}
