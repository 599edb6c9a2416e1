/// `govsim merge`'s aggregation: the shards' aggregates (``ShardAggregate``), added in shard
/// order, combined into the ``SimulationResult`` of the unsharded run without touching a run:
/// tree nodes are added to the same fixed tree over block indices (``TrajectoryAggregate``), the
/// per-run budget measures and correlated inputs appended in run order. The result is
/// byte-identical to ``SimulationEngine/run(progress:formatRecords:recordSink:)``'s for any
/// (block-aligned) shard split. Costs O(tree nodes × cells × window) plus a copy of the per-run
/// values; memory is the result's own (the budget measures of every run) and the held nodes.
package struct ShardMerge {
    let plan: PlanSimulator
    var assembler: ResultAssembler
    /// The block the next shard must start at.
    package private(set) var nextBlock = 0
    /// Runs added so far.
    package var runCount: Int { assembler.done }
    /// The benefit lines of the first shard's appraisals (every shard must have as many).
    private var lines: Int?

    /// A merge of the run of `scenario` (the run count, seed and sampling the shards'), whose
    /// summaries are finished on `threads` threads.
    package init(scenario: Scenario, threads: Int = 1) {
        plan = PlanSimulator(scenario: scenario)
        assembler = ResultAssembler(plan: plan, runs: scenario.runs, keepRecords: false, threads: max(1, threads))
    }

    /// The plan the shards' aggregates are decoded against (``ShardAggregate/decode(_:plan:runs:firstBlock:endBlock:)``).
    package var planSimulator: PlanSimulator { plan }

    /// Adds the next shard, which must start at ``nextBlock``; refuses one whose runs have
    /// another number of benefit lines than the shards before (the file of another scenario).
    package mutating func add(_ shard: ShardAggregate) throws {
        precondition(shard.firstBlock == nextBlock, "shards are added in order")
        let shardLines = shard.budgets.first?.appraisal?.economic.benefitLines.count ?? 0
        if let lines, lines != shardLines {
            throw ShardAggregate.DecodeError(description: "holds \(shardLines) benefit lines, the shards before \(lines)")
        }
        lines = shardLines
        assembler.consume(shard)
        nextBlock = shard.endBlock
    }

    /// The merged result (every shard added: ``nextBlock`` is the run's block count).
    package mutating func finish() -> SimulationResult {
        assembler.finish()
    }
}
