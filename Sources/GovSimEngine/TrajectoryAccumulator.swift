/// Mergeable summary of many runs' trajectories: for every (metric, year), the moments and a
/// ``QuantileSketch`` (every value while the run count allows exact quantiles). Two accumulators
/// of disjoint runs merge: moments by Chan's formula, sketches by concatenation (exact) or
/// compression (beyond ``exactValueLimit`` values in all).
public struct TrajectoryAccumulator: Sendable {
    public let years: Int
    var moments: [MomentAccumulator]
    /// sketches[cell] with cell = metric.index * years + year.
    var sketches: [QuantileSketch]

    /// Largest number of stored values (runs × cells, all cells together) for which quantiles are
    /// exact: 2²⁵ (256 MiB). Beyond it, each cell keeps a ``QuantileSketch`` of
    /// ``QuantileSketch/defaultCapacity`` items.
    public static let exactValueLimit = 1 << 25

    /// The sketch capacity for `runs` runs of trajectories with `years` years.
    public static func capacity(runs: Int, years: Int) -> Int {
        runs * years * Metric.allCases.count <= exactValueLimit ? Int.max : QuantileSketch.defaultCapacity
    }

    public init(years: Int, expectedRuns: Int = 0, capacity: Int = Int.max) {
        self.years = years
        let cells = Metric.allCases.count * years
        moments = Array(repeating: MomentAccumulator(), count: cells)
        sketches = Array(repeating: QuantileSketch(capacity: capacity), count: cells)
        if expectedRuns > 0 { for i in 0..<cells { sketches[i].reserve(min(expectedRuns, capacity)) } }
    }

    /// Largest rank error bound over the cells (0 when every quantile is exact).
    public var rankErrorBound: Double { sketches.map(\.rankErrorBound).max() ?? 0 }

    public var runCount: Int { moments.first?.count ?? 0 }

    public mutating func add(_ trajectory: RunTrajectory) {
        precondition(trajectory.years == years)
        for (cell, x) in trajectory.values.enumerated() {
            moments[cell].add(x)
            sketches[cell].append(x)
        }
    }

    /// Appends the runs of `other`, which must come after this accumulator's runs.
    public mutating func merge(_ other: TrajectoryAccumulator) {
        mergeMoments(other)
        mergeSketches(other)
    }

    /// Merges only the moments (the engine merges moments in block order and sketches as a
    /// binary counter).
    public mutating func mergeMoments(_ other: TrajectoryAccumulator) {
        precondition(other.years == years)
        for cell in 0..<moments.count { moments[cell].merge(other.moments[cell]) }
    }

    /// Merges only the sketches.
    public mutating func mergeSketches(_ other: TrajectoryAccumulator) {
        precondition(other.years == years)
        for cell in 0..<sketches.count { sketches[cell].merge(other.sketches[cell]) }
    }

    /// The summary of every (metric, year); consumes the stored values. Cells are sorted and
    /// summarised on `threads` workers (each cell on its own, so the result does not depend on
    /// the number of threads).
    public mutating func summarize(threads: Int = 1) -> [Metric: [QuantileSummary]] {
        let sketches = self.sketches, moments = self.moments
        let summaries = ParallelBlocks.map(blockCount: sketches.count, threads: threads) { cell -> QuantileSummary in
            var sketch = sketches[cell]
            var sorted = sketch.sortedItems()
            return QuantileSummary(sorting: &sorted, moments: moments[cell])
        }
        self.sketches = sketches.map { QuantileSketch(capacity: $0.capacity) }
        var out: [Metric: [QuantileSummary]] = [:]
        for metric in Metric.allCases {
            out[metric] = (0..<years).map { summaries[metric.index * years + $0] }
        }
        return out
    }
}
