/// The aggregate of one stream of trajectories (a metric table per year) over all runs, built from
/// block accumulators handed over in block order: moments merged sequentially, sketches as a
/// binary counter (equal sizes merge), which bounds how often any value is compressed (see
/// ``QuantileSketch``). With exact capacity (``TrajectoryAccumulator/capacity(runs:years:)``
/// below its limit) the values are only concatenated, so quantiles are exact.
///
/// Contract: `add` receives the blocks of runs 0, 1, … in order; the result then depends only on
/// the blocks, never on the thread count or on scheduling. Used by every study that summarises
/// trajectories: `run`, `merge`, `calibrate` (through ``SimulationEngine``) and `compare`
/// (``ComparisonEngine``: one per variant and one per variant's paired differences).
struct TrajectoryAggregate {
    var moments: TrajectoryAccumulator
    var stack: [(height: Int, accumulator: TrajectoryAccumulator)] = []

    init(years: Int, capacity: Int) {
        moments = TrajectoryAccumulator(years: years, capacity: capacity)
    }

    mutating func add(_ block: TrajectoryAccumulator) {
        moments.mergeMoments(block)
        // Exact quantiles: values are only concatenated, so one growing accumulator suffices
        // (the binary counter would copy every value once per level).
        if moments.sketches.first?.capacity == Int.max, !stack.isEmpty {
            stack[0].accumulator.mergeSketches(block)
            return
        }
        stack.append((0, block))
        while stack.count >= 2, stack[stack.count - 1].height == stack[stack.count - 2].height {
            let top = stack.removeLast()
            stack[stack.count - 1].accumulator.mergeSketches(top.accumulator)
            stack[stack.count - 1].height += 1
        }
    }

    mutating func collapsed() -> TrajectoryAccumulator {
        guard var result = stack.first?.accumulator else { return moments }
        for entry in stack.dropFirst() { result.mergeSketches(entry.accumulator) }
        stack = [(0, result)]
        result.moments = moments.moments
        return result
    }

    /// The summaries and the largest rank-error bound of their quantiles.
    mutating func finish(threads: Int = 1) -> (summary: [Metric: [QuantileSummary]], rankError: Double) {
        var result = collapsed()
        let rankError = result.rankErrorBound
        return (result.summarize(threads: threads), rankError)
    }
}
