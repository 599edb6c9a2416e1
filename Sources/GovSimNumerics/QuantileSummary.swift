/// Mean, standard deviation and the 5th, 25th, 50th, 75th and 95th percentiles of a set of
/// values, with the Monte Carlo standard error of the mean.
///
/// Percentiles are exact sample quantiles of type 7 (Hyndman & Fan 1996; the default of R and
/// NumPy): with sorted values x₀ ≤ … ≤ x_{n−1}, Q(p) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋),
/// h = (n − 1)p.
package struct QuantileSummary: Sendable, Equatable {
    package static let probabilities: [Double] = [0.05, 0.25, 0.50, 0.75, 0.95]

    package let count: Int
    package let mean: Double
    package let standardDeviation: Double
    package let standardError: Double
    /// Values at ``probabilities``.
    package let quantiles: [Double]
    /// Share of values strictly above zero.
    package let fractionPositive: Double
    /// Share of values strictly below zero.
    package let fractionNegative: Double

    package var p5: Double { quantiles[0] }
    package var p25: Double { quantiles[1] }
    package var p50: Double { quantiles[2] }
    package var p75: Double { quantiles[3] }
    package var p95: Double { quantiles[4] }

    /// Summarises `values` (sorted in place) with their already accumulated `moments`.
    package init(sorting values: inout [Double], moments: MomentAccumulator) {
        values.sort()
        count = moments.count
        mean = moments.mean
        standardDeviation = moments.standardDeviation
        standardError = moments.standardError
        quantiles = QuantileSummary.probabilities.map { QuantileSummary.quantile(sorted: values, p: $0) }
        let firstPositive = QuantileSummary.partition(sorted: values) { $0 > 0 }
        fractionPositive = values.isEmpty ? 0 : Double(values.count - firstPositive) / Double(values.count)
        let firstNonNegative = QuantileSummary.partition(sorted: values) { $0 >= 0 }
        fractionNegative = values.isEmpty ? 0 : Double(firstNonNegative) / Double(values.count)
    }

    /// Summarises the runs of `windows` (exact quantiles where their rank error is 0, see
    /// ``QuantileWindows/quantile(_:)``) with their `moments`.
    package init(windows: QuantileWindows, moments: MomentAccumulator) {
        count = moments.count
        mean = moments.mean
        standardDeviation = moments.standardDeviation
        standardError = moments.standardError
        quantiles = QuantileSummary.probabilities.indices.map { windows.quantile($0).value }
        let n = Double(max(1, windows.count))
        fractionPositive = windows.count == 0 ? 0 : Double(windows.positive) / n
        fractionNegative = windows.count == 0 ? 0 : Double(windows.negative) / n
    }

    /// Index of the first element of sorted `x` satisfying the monotone predicate `isAbove`.
    package static func partition(sorted x: [Double], _ isAbove: (Double) -> Bool) -> Int {
        var lo = 0, hi = x.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAbove(x[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Summarises a collection of values (their quantiles by selection, the same numbers as
    /// after a sort: ``init(selecting:moments:)``).
    package init<C: Collection>(_ values: C) where C.Element == Double {
        var moments = MomentAccumulator()
        for x in values { moments.add(x) }
        var array = Array(values)
        self.init(selecting: &array, moments: moments)
    }

    /// The summary of these parts.
    init(
        count: Int, mean: Double, standardDeviation: Double, standardError: Double, quantiles: [Double],
        fractionPositive: Double, fractionNegative: Double
    ) {
        self.count = count
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.standardError = standardError
        self.quantiles = quantiles
        self.fractionPositive = fractionPositive
        self.fractionNegative = fractionNegative
    }

    /// Type-7 sample quantile of sorted values.
    package static func quantile(sorted x: [Double], p: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let h = Double(x.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }
}
