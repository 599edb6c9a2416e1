/// The yearly values of every ``Metric`` in one run, for years 0 (the base year) to the horizon.
/// Stored flat, metric-major, so that one run needs one allocation that can be reused.
public struct RunTrajectory: Sendable, Equatable {
    /// Number of years stored (horizon + 1).
    public let years: Int
    /// values[metric.index * years + year]
    public var values: [Double]
    /// Real yearly value of each benefit line (``BenefitLine``), line-major:
    /// benefitLines[line * years + year]; empty when the scenario declares none.
    public var benefitLines: [Double] = []

    public init(horizon: Int) {
        years = horizon + 1
        values = Array(repeating: 0, count: Metric.allCases.count * years)
    }

    @inlinable
    public subscript(metric: Metric, year: Int) -> Double {
        get { values[metric.index * years + year] }
        set { values[metric.index * years + year] = newValue }
    }

    /// Number of benefit lines stored.
    public var benefitLineCount: Int { benefitLines.count / years }

    /// The real value of benefit line `line` in `year` (currency, base-year prices).
    public func benefitLine(_ line: Int, year: Int) -> Double { benefitLines[line * years + year] }

    /// The value of `metric` in the last year.
    public func final(_ metric: Metric) -> Double { self[metric, years - 1] }
}
