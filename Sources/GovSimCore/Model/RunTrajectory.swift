/// The yearly values of every ``Metric`` in one run, for years 0 (the base year) to the horizon.
/// Stored flat, metric-major, so that one run needs one allocation that can be reused.
public struct RunTrajectory: Sendable, Equatable {
    /// Number of years stored (horizon + 1).
    public let years: Int
    /// values[metric.index * years + year]
    public var values: [Double]

    public init(horizon: Int) {
        years = horizon + 1
        values = Array(repeating: 0, count: Metric.allCases.count * years)
    }

    @inlinable
    public subscript(metric: Metric, year: Int) -> Double {
        get { values[metric.index * years + year] }
        set { values[metric.index * years + year] = newValue }
    }

    /// The value of `metric` in the last year.
    public func final(_ metric: Metric) -> Double { self[metric, years - 1] }
}
