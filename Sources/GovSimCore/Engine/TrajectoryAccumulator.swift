/// Mergeable summary of many runs' trajectories: for every (metric, year), the moments and every
/// value (for exact quantiles). Two accumulators of disjoint runs merge exactly: moments by
/// Chan's formula, values by concatenation in block order.
public struct TrajectoryAccumulator: Sendable {
    public let years: Int
    var moments: [MomentAccumulator]
    /// values[cell] with cell = metric.index * years + year.
    var values: [[Double]]

    public init(years: Int, expectedRuns: Int = 0) {
        self.years = years
        let cells = Metric.allCases.count * years
        moments = Array(repeating: MomentAccumulator(), count: cells)
        values = Array(repeating: [], count: cells)
        if expectedRuns > 0 { for i in 0..<cells { values[i].reserveCapacity(expectedRuns) } }
    }

    public var runCount: Int { moments.first?.count ?? 0 }

    public mutating func add(_ trajectory: RunTrajectory) {
        precondition(trajectory.years == years)
        for (cell, x) in trajectory.values.enumerated() {
            moments[cell].add(x)
            values[cell].append(x)
        }
    }

    /// Appends the runs of `other`, which must come after this accumulator's runs.
    public mutating func merge(_ other: TrajectoryAccumulator) {
        precondition(other.years == years)
        for cell in 0..<moments.count {
            moments[cell].merge(other.moments[cell])
            values[cell].append(contentsOf: other.values[cell])
        }
    }

    /// The summary of every (metric, year); consumes the stored values.
    public mutating func summarize() -> [Metric: [QuantileSummary]] {
        var out: [Metric: [QuantileSummary]] = [:]
        for metric in Metric.allCases {
            var perYear: [QuantileSummary] = []
            for year in 0..<years {
                let cell = metric.index * years + year
                perYear.append(QuantileSummary(sorting: &values[cell], moments: moments[cell]))
                values[cell] = []
            }
            out[metric] = perYear
        }
        return out
    }
}
