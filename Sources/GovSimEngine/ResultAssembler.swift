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
        let inputNames = plan.inputNames
        total = TrajectoryAggregate(years: years)
        organisations = (0..<organisationCount).map { _ in TrajectoryAggregate(years: years) }
        let indices = scenario.correlation.map { c in c.names.compactMap { name in inputNames.firstIndex { $0 == name || $0.hasSuffix(":" + name) } } } ?? []
        correlated = indices
        correlatedColumns = [[Double]](repeating: [], count: indices.count)
        budgets.reserveCapacity(runs)
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
        for (k, name) in (scenario.correlation?.names ?? []).enumerated() where k < correlatedColumns.count { columns[name] = correlatedColumns[k] }
        return SimulationResult(scenario: scenario, inputNames: plan.inputNames, summary: totals.summary,
                                organisationSummaries: organisationSummaries, records: records, budgets: budgets,
                                correlatedInputs: columns, quantileRankError: rankError)
    }
}
