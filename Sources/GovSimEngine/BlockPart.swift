/// The results of one block of runs, made on a worker thread.
struct BlockPart {
    /// The block's index among the run's fixed blocks.
    var block: Int
    /// Sealed (``TrajectoryAccumulator/sealed()``) on the worker.
    var total: TrajectoryAccumulator
    var organisations: [TrajectoryAccumulator]
    var records: [RunRecord]
    var formatted: [UInt8]?

    init(
        block: Int, total: TrajectoryAccumulator, organisations: [TrajectoryAccumulator], records: [RunRecord],
        formatted: [UInt8]?
    ) {
        self.block = block
        self.total = total
        self.organisations = organisations
        self.records = records
        self.formatted = formatted
    }

    init(plan: PlanSimulator, block: Int, runs: [(Int, PlanRun)], formatRecords: (([RunRecord]) -> [UInt8])?) {
        var builder = Builder(plan: plan, block: block, expectedRuns: runs.count)
        for (run, work) in runs { builder.add(run: run, work) }
        self = builder.finish(formatRecords: formatRecords)
    }

    /// Adds a block's runs one at a time as they are simulated, so a worker never holds the
    /// block's trajectories (for a portfolio, every organisation's) besides its accumulators.
    struct Builder {
        let block: Int
        var total: TrajectoryAccumulator
        var organisations: [TrajectoryAccumulator]
        var records: [RunRecord] = []

        init(plan: PlanSimulator, block: Int, expectedRuns: Int) {
            let years = plan.scenario.horizon + 1
            let organisationCount = plan.isPortfolio ? plan.organisationNames.count : 0
            self.block = block
            total = TrajectoryAccumulator(years: years, expectedRuns: expectedRuns)
            organisations = (0..<organisationCount).map { _ in TrajectoryAccumulator(years: years, expectedRuns: expectedRuns) }
            records.reserveCapacity(expectedRuns)
        }

        mutating func add(run: Int, _ work: PlanRun) {
            total.add(work.total)
            for o in organisations.indices { organisations[o].add(work.organisations[o]) }
            records.append(RunRecord(run: run, inputs: work.inputs, trajectory: work.total, budget: work.budget!))
        }

        /// The block's part; each accumulator is sealed in place, so its pending values are freed
        /// before the next is sealed.
        mutating func finish(formatRecords: (([RunRecord]) -> [UInt8])?) -> BlockPart {
            total = total.sealed()
            for o in organisations.indices { organisations[o] = organisations[o].sealed() }
            return BlockPart(
                block: block, total: total, organisations: organisations, records: records,
                formatted: formatRecords?(records))
        }
    }
}
