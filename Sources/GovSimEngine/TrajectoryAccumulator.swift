/// Mergeable summary of a set of runs' trajectories: for every (metric, year) cell, the moments
/// and the ``QuantileWindows`` from which the summary's quantiles are exact.
///
/// A block's accumulator receives its runs with ``add(_:)`` and is then ``sealed()`` (each cell's
/// values sorted once and cut to its windows); sealed accumulators of consecutive runs combine
/// with ``combine(_:_:)``: moments by Chan's formula, windows exactly. The engine combines them
/// along a fixed binary tree over block indices (``TrajectoryAggregate``), so the bytes of the
/// summary never depend on threads, scheduling or shard boundaries.
package struct TrajectoryAccumulator: Sendable, Equatable {
    package let years: Int
    var moments: [MomentAccumulator]
    /// windows[cell], cell = metric.index * years + year (empty until sealed).
    var windows: [QuantileWindows]
    /// Values added since the last seal, run-major: pending[run * cells + cell].
    var pending: [Double] = []

    /// Cells per run: metrics × years.
    package var cells: Int { Metric.allCases.count * years }

    package init(years: Int, expectedRuns: Int = 0) {
        self.years = years
        let cells = Metric.allCases.count * years
        moments = Array(repeating: MomentAccumulator(), count: cells)
        windows = Array(repeating: QuantileWindows(), count: cells)
        pending.reserveCapacity(expectedRuns * cells)
    }

    /// Restores an accumulator from stored parts (for shards that carry tree nodes); nil unless the sizes agree.
    init?(years: Int, moments: [MomentAccumulator], windows: [QuantileWindows]) {
        let cells = Metric.allCases.count * years
        guard years > 0, moments.count == cells, windows.count == cells,
            zip(moments, windows).allSatisfy({ $0.count == $1.count })
        else { return nil }
        self.years = years
        self.moments = moments
        self.windows = windows
    }

    package var runCount: Int { moments.first?.count ?? 0 }

    /// Adds one run (before ``sealed()``).
    package mutating func add(_ trajectory: RunTrajectory) {
        precondition(trajectory.years == years)
        for (cell, x) in trajectory.values.enumerated() { moments[cell].add(x) }
        pending.append(contentsOf: trajectory.values)
    }

    /// The accumulator with the runs added since the last seal turned into windows (combined after
    /// any it already had).
    package func sealed() -> TrajectoryAccumulator {
        guard !pending.isEmpty else { return self }
        let cells = self.cells, runs = pending.count / cells
        var out = self
        out.pending = []
        var column = [Double](repeating: 0, count: runs)
        for cell in 0..<cells {
            for r in 0..<runs { column[r] = pending[r * cells + cell] }
            column.sort()
            let fresh = QuantileWindows(sorted: column)
            out.windows[cell] = QuantileWindows.combine(windows[cell], fresh)
        }
        return out
    }

    /// The accumulator of the runs of `a` followed by those of `b` (both sealed or sealed here).
    package static func combine(_ a: TrajectoryAccumulator, _ b: TrajectoryAccumulator) -> TrajectoryAccumulator {
        precondition(a.years == b.years)
        var out = a.sealed()
        let b = b.sealed()
        for cell in 0..<out.moments.count {
            out.moments[cell].merge(b.moments[cell])
            out.windows[cell] = QuantileWindows.combine(out.windows[cell], b.windows[cell])
        }
        return out
    }

    /// Appends the runs of `other`, which must come after this accumulator's runs.
    package mutating func merge(_ other: TrajectoryAccumulator) {
        self = Self.combine(self, other)
    }

    /// Largest rank error of any quantile, as a share of the run count (0 when all are exact).
    package var rankError: Double {
        let s = sealed()
        var worst = 0.0
        for w in s.windows where w.count > 0 {
            for q in QuantileSummary.probabilities.indices { worst = max(worst, Double(w.quantile(q).rankError) / Double(w.count)) }
        }
        return worst
    }

    /// The summary of every (metric, year).
    package func summarize(threads: Int = 1) -> [Metric: [QuantileSummary]] {
        let s = sealed()
        var out: [Metric: [QuantileSummary]] = [:]
        for metric in Metric.allCases {
            out[metric] = (0..<years).map { y in
                let cell = metric.index * years + y
                return QuantileSummary(windows: s.windows[cell], moments: s.moments[cell])
            }
        }
        return out
    }
}
