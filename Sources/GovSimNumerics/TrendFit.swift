import Foundation

/// A log-linear (constant growth rate) trend fitted to a yearly series:
/// `log(value) = a + g·(year − year₀) + e`, by ordinary least squares through
/// ``LinearRegression`` (column-scaled pivoted Householder QR).
///
/// Used to drive forecasts from an organisation's history, e.g. spending: `g` is the
/// continuously compounded growth per year, `exp(g) − 1` the annual percentage growth, and
/// the residual SD the typical year-to-year deviation from the trend on the log scale
/// (≈ a relative deviation for small values).
package struct TrendFit: Sendable, Equatable {
    /// The reference year year₀ (default: the earliest year), at which the trend is exp(a).
    package let baseYear: Double
    /// Intercept a = fitted log(value) at ``baseYear`` (log of the value's units).
    package let intercept: Double
    /// Standard error of ``intercept``.
    package let interceptStandardError: Double
    /// Growth rate g in log units per year (e.g. 0.03 ≈ 3 % a year).
    package let logGrowthRate: Double
    /// Standard error of ``logGrowthRate`` (per year).
    package let logGrowthRateStandardError: Double
    /// Residual standard deviation of log(value) around the trend (dimensionless).
    package let residualStandardDeviation: Double
    /// R² of the log-linear fit.
    package let rSquared: Double
    /// Number of (year, value) points.
    package let count: Int

    /// Annual growth as a fraction, exp(g) − 1 (multiply by 100 for per cent).
    package var growthRate: Double { expm1(logGrowthRate) }
    /// Annual growth in per cent, 100·(exp(g) − 1).
    package var growthPercent: Double { 100 * growthRate }
    /// Standard error of ``growthRate`` by the delta method, exp(g)·SE(g).
    package var growthRateStandardError: Double { exp(logGrowthRate) * logGrowthRateStandardError }

    /// The trend value exp(a + g·(year − year₀)) (the fitted median, in the value's units).
    package func trendValue(atYear year: Double) -> Double {
        exp(intercept + logGrowthRate * (year - baseYear))
    }

    /// Fits the trend to paired `years` and `values`.
    /// - Parameter baseYear: year₀; the earliest year when nil.
    /// - Throws: ``TrendFitError`` for fewer than 3 points, a non-positive or non-finite value,
    ///   a non-finite or repeated year, or mismatched lengths.
    package init(years: [Double], values: [Double], baseYear: Double? = nil) throws {
        guard years.count == values.count else {
            throw TrendFitError.lengthMismatch(years: years.count, values: values.count)
        }
        guard years.count >= 3 else { throw TrendFitError.tooFewPoints(years.count) }
        var seen: [Double: Int] = [:]
        for (i, year) in years.enumerated() {
            guard year.isFinite else { throw TrendFitError.nonFiniteYear(index: i) }
            if let first = seen[year] { throw TrendFitError.duplicateYear(year: year, firstIndex: first, secondIndex: i) }
            seen[year] = i
        }
        for (i, value) in values.enumerated() where !(value > 0 && value.isFinite) {
            throw TrendFitError.nonPositiveValue(index: i, year: years[i], value: value)
        }
        let year0 = baseYear ?? years.min()!
        let x = Matrix(rows: years.count, columns: 1, storage: years.map { $0 - year0 })
        let regression = try LinearRegression.fit(
            response: values.map { log($0) }, predictors: x,
            predictorNames: ["year"], intercept: true)
        self.baseYear = year0
        self.intercept = regression.estimates[0]
        self.interceptStandardError = regression.standardErrors[0]
        self.logGrowthRate = regression.estimates[1]
        self.logGrowthRateStandardError = regression.standardErrors[1]
        self.residualStandardDeviation = regression.residualStandardDeviation
        self.rSquared = regression.rSquared
        self.count = years.count
    }

    /// Fits the trend to `(year, value)` pairs.
    package init(points: [(year: Double, value: Double)], baseYear: Double? = nil) throws {
        try self.init(years: points.map(\.year), values: points.map(\.value), baseYear: baseYear)
    }
}
