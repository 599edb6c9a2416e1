/// What one shard (a block-aligned slice `firstBlock..<endBlock` of a run's fixed blocks) hands to
/// `govsim merge`: its aggregates as the maximal tree nodes of ``TrajectoryAggregate`` inside its
/// blocks (the total's and, in a portfolio, each organisation's: every (metric, year) cell's moments
/// and quantile windows), and exactly the per-run values the merged outputs still need run by run:
/// each run's ``BudgetMeasures`` (budget.csv, appraisal.csv, the report's budget and appraisal
/// sections, whose quantiles and compensated sums take every run in run order) and the values of
/// the correlated inputs (correlations.csv). Nothing else of a run reaches the outputs of `run`
/// (runs.csv, when written, travels as the shard's own formatted rows).
///
/// Merging the shards' aggregates in shard order (``ShardMerge``) gives the same
/// ``SimulationResult`` as the unsharded run, bit for bit: the tree nodes combine exactly as the
/// leaves would have, and the per-run values are appended in run order. Its file form is
/// ``encoded()`` / ``decode(_:plan:runs:firstBlock:endBlock:)``.
package struct ShardAggregate: Sendable, Equatable {
    /// The shard's blocks: `firstBlock..<endBlock` of the run's fixed blocks.
    package let firstBlock: Int
    package let endBlock: Int
    /// The canonical decomposition of the shard's blocks into maximal tree nodes, in block order:
    /// of the total, and of each organisation of a portfolio (in scenario order).
    var total: [TrajectoryAggregate.Node]
    var organisations: [[TrajectoryAggregate.Node]]
    /// Every run's budget measures, in run order.
    package internal(set) var budgets: [BudgetMeasures]
    /// The values of each correlated input (``ResultAssembler``'s order), in run order.
    var correlated: [[Double]]

    /// Runs covered.
    package var runCount: Int { budgets.count }

    /// The canonical decomposition of `blocks` into maximal nodes of the fixed tree (what
    /// ``TrajectoryAggregate`` holds after adding exactly those blocks' leaves), as (level, index).
    static func canonicalNodes(_ blocks: Range<Int>) -> [(level: Int, index: Int)] {
        var stack: [(level: Int, index: Int)] = []
        for b in blocks {
            stack.append((0, b))
            while stack.count >= 2 {
                let right = stack[stack.count - 1], left = stack[stack.count - 2]
                guard left.level == right.level, left.index % 2 == 0, right.index == left.index + 1 else { break }
                stack.removeLast(2)
                stack.append((left.level + 1, left.index / 2))
            }
        }
        return stack
    }
}
