/// The aggregate of one stream of trajectories (a metric table per year) over all runs, combined
/// along a fixed binary tree over block indices (a segment tree): node (level h, index j) covers
/// blocks j·2ʰ ..< (j+1)·2ʰ (cut at the last block) and is the ``TrajectoryAccumulator/combine(_:_:)``
/// of its two children; a node whose right child is empty is its left child.
///
/// Contract: nodes are added in block order, each starting where the previous one ended (the
/// leaves of a run, or the ``nodes`` of consecutive shards); the stack then always holds the
/// canonical decomposition of the blocks seen into maximal tree nodes, and ``finish(threads:)``
/// folds them from the right into the root. The result depends only on the blocks' runs — never
/// on the thread count, scheduling or where a block-aligned shard boundary fell. Used by every
/// study that summarises trajectories: `run`, `merge`, `calibrate` (through ``SimulationEngine``)
/// and `compare` (``ComparisonEngine``: one per variant and one per variant's paired differences).
struct TrajectoryAggregate: Sendable {
    /// A node of the tree.
    struct Node: Sendable, Equatable {
        var level: Int
        var index: Int
        var accumulator: TrajectoryAccumulator

        /// The blocks covered (before cutting at the run's last block).
        var blocks: Range<Int> { (index << level)..<((index + 1) << level) }
    }

    let years: Int
    /// The maximal tree nodes of the blocks added so far, in block order.
    private(set) var nodes: [Node] = []

    init(years: Int) {
        self.years = years
    }

    /// Adds block `b`'s accumulator (a leaf).
    mutating func add(block b: Int, _ accumulator: TrajectoryAccumulator) {
        add(Node(level: 0, index: b, accumulator: accumulator.sealed()))
    }

    /// Adds a tree node that starts where the previous one ended.
    mutating func add(_ node: Node) {
        precondition(node.accumulator.years == years)
        var node = node
        node.accumulator = node.accumulator.sealed()
        nodes.append(node)
        while nodes.count >= 2 {
            let right = nodes[nodes.count - 1], left = nodes[nodes.count - 2]
            guard left.level == right.level, left.index % 2 == 0, right.index == left.index + 1 else { break }
            nodes.removeLast(2)
            nodes.append(
                Node(
                    level: left.level + 1, index: left.index / 2,
                    accumulator: TrajectoryAccumulator.combine(left.accumulator, right.accumulator)))
        }
    }

    /// The root: the remaining nodes folded from the right (the nodes the tree's cut-off right
    /// edge leaves unpaired).
    func root() -> TrajectoryAccumulator {
        guard var acc = nodes.last?.accumulator else { return TrajectoryAccumulator(years: years) }
        for node in nodes.dropLast().reversed() { acc = TrajectoryAccumulator.combine(node.accumulator, acc) }
        return acc
    }

    /// The summaries and the largest rank error of their quantiles (a share of the run count; 0
    /// when every quantile is exact).
    ///
    /// The root is folded cell by cell (the same combinations, cell for cell, as ``root()``), so
    /// only one cell's root windows exist at a time beside the held nodes: for a portfolio's tens
    /// of thousands of cells the whole root would double the aggregates' memory at the end.
    func finish(threads: Int = 1) -> (summary: [Metric: [QuantileSummary]], rankError: Double) {
        guard let last = nodes.last?.accumulator else {
            let root = root()
            return (root.summarize(threads: threads), root.rankError)
        }
        let rest = nodes.dropLast().reversed().map(\.accumulator)
        var summary: [Metric: [QuantileSummary]] = [:]
        var worst = 0.0
        for metric in Metric.allCases {
            summary[metric] = (0..<years).map { y in
                let cell = metric.index * years + y
                var moments = last.moments[cell], windows = last.windows[cell]
                for node in rest {
                    var m = node.moments[cell]
                    m.merge(moments)
                    moments = m
                    windows = QuantileWindows.combine(node.windows[cell], windows)
                }
                if windows.count > 0 {
                    for q in QuantileSummary.probabilities.indices {
                        worst = max(worst, Double(windows.quantile(q).rankError) / Double(windows.count))
                    }
                }
                return QuantileSummary(windows: windows, moments: moments)
            }
        }
        return (summary, worst)
    }
}
