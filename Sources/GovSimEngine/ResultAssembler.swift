/// Merges block parts in block order into a ``SimulationResult``.
struct ResultAssembler {
    let plan: PlanSimulator
    let keepRecords: Bool
    var total: TrajectoryAggregate
    var organisations: [TrajectoryAggregate]
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
        total = TrajectoryAggregate(years: years)
        organisations = (0..<organisationCount).map { _ in TrajectoryAggregate(years: years) }
        let indices = Self.correlatedIndices(plan)
        correlated = indices
        correlatedColumns = [[Double]](repeating: [], count: indices.count)
        budgets.reserveCapacity(runs)
    }

    /// The indices among the plan's inputs of the scenario's correlated inputs (of the first
    /// organisation), in the correlation's order.
    static func correlatedIndices(_ plan: PlanSimulator) -> [Int] {
        let inputNames = plan.inputNames
        return plan.scenario.correlation.map { c in
            c.names.compactMap { name in inputNames.firstIndex { $0 == name || $0.hasSuffix(":" + name) } }
        } ?? []
    }

    /// Appends a shard's aggregate (``ShardAggregate``), which must start where the blocks
    /// consumed so far end: its tree nodes are added as the leaves would have combined.
    mutating func consume(_ shard: ShardAggregate) {
        for node in shard.total { total.add(node) }
        for o in 0..<organisations.count { for node in shard.organisations[o] { organisations[o].add(node) } }
        budgets.append(contentsOf: shard.budgets)
        for k in correlatedColumns.indices { correlatedColumns[k].append(contentsOf: shard.correlated[k]) }
        done += shard.runCount
    }

    /// The aggregate of the blocks `blocks` consumed (and nothing else) for a shard's file.
    func shardAggregate(blocks: Range<Int>) -> ShardAggregate {
        ShardAggregate(
            firstBlock: blocks.lowerBound, endBlock: blocks.upperBound, total: total.nodes,
            organisations: organisations.map(\.nodes), budgets: budgets, correlated: correlatedColumns)
    }

    mutating func consume(_ part: BlockPart) {
        total.add(block: part.block, part.total)
        for o in 0..<organisations.count { organisations[o].add(block: part.block, part.organisations[o]) }
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
            // Released as soon as it is summarised: the next organisation's root is folded beside
            // the held nodes of those not yet finished only.
            organisations[o] = TrajectoryAggregate(years: organisations[o].years)
            organisationSummaries.append((plan.organisationNames[o], finished.summary))
            rankError = max(rankError, finished.rankError)
        }
        let totals = total.finish(threads: threads)
        rankError = max(rankError, totals.rankError)
        var columns: [String: [Double]] = [:]
        for (k, name) in (scenario.correlation?.names ?? []).enumerated() where k < correlatedColumns.count {
            columns[name] = correlatedColumns[k]
        }
        return SimulationResult(
            scenario: scenario, inputNames: plan.inputNames, summary: totals.summary,
            organisationSummaries: organisationSummaries, records: records, budgets: budgets,
            correlatedInputs: columns, quantileRankError: rankError)
    }
}
