import Foundation

/// The far upper tail of the standard normal, where 1 − Φ underflows (beyond about 37.5): the
/// truncated normal's quantile and CDF when its near bound is more than
/// ``farTailThreshold`` standard deviations from the mean (a mean far beyond a bound).
extension SpecialFunctions {
    /// Standardised distance of a bound from the mean beyond which the truncated normal works
    /// with logarithms of survival ratios instead of survival probabilities (1 − Φ(30) ≈ 5e-198
    /// is still a normal double; below it the direct formulas are used unchanged).
    public static let farTailThreshold = 30.0

    /// R(z)·z = z(1 − Φ(z))/φ(z) for z ≥ ``farTailThreshold``: the asymptotic series
    /// 1 − 1/z² + 3/z⁴ − 15/z⁶ + …, whose 12 terms leave a relative error below 1e-24 at z = 30.
    @usableFromInline
    static func millsSeries(_ z: Double) -> Double {
        guard z.isFinite else { return 1 }
        let w = 1 / (z * z)
        var term = 1.0, sum = 1.0
        for k in 1...12 {
            term *= -Double(2 * k - 1) * w
            sum += term
        }
        return sum
    }

    /// log((1 − Φ(a + d)) / (1 − Φ(a))) for a ≥ ``farTailThreshold`` and d ≥ 0, without forming
    /// either probability: −d(2a + d)/2 − log(1 + d/a) + log(series(a + d)/series(a)).
    @usableFromInline
    static func normalTailLogRatio(a: Double, d: Double) -> Double {
        if d.isInfinite { return -.infinity }
        return -0.5 * d * (2 * a + d) - log1p(d / a) + log(millsSeries(a + d) / millsSeries(a))
    }

    /// The quantile, as a distance d ≥ 0 from the near bound a, of the standard normal truncated
    /// to [a, b] with a ≥ ``farTailThreshold`` and b > a (b may be +∞), at probability `p`
    /// measured from a; `q` = 1 − p is passed exactly so that p near 1 keeps its accuracy.
    ///
    /// Solves log(S(a + d)/S(a)) = log(q + p·S(b)/S(a)) by Newton's method (the left side is
    /// concave and decreasing in d, so the iteration from the exponential approximation converges
    /// monotonically); the relative error is a few ulps of d.
    @usableFromInline
    static func truncatedNormalTailQuantile(a: Double, b: Double, p: Double, q: Double) -> Double {
        let ratio = exp(normalTailLogRatio(a: a, d: b - a))
        let target = log(q + p * ratio)
        guard target.isFinite else { return b - a }
        var d = max(0, -target / a)
        for _ in 0..<50 {
            let x = a + d
            // d/dd log S(a + d) = −φ(x)/S(x) = −x/series(x).
            let slope = -x / millsSeries(x)
            let step = (normalTailLogRatio(a: a, d: d) - target) / slope
            let next = min(max(0, d - step), b - a)
            if abs(next - d) <= 4 * Double.ulpOfOne * max(next, Double.leastNormalMagnitude) { d = next; break }
            d = next
        }
        return d
    }

    /// The CDF at a + d of the standard normal truncated to [a, b], a ≥ ``farTailThreshold``.
    @usableFromInline
    static func truncatedNormalTailCDF(a: Double, b: Double, d: Double) -> Double {
        let whole = -expm1(normalTailLogRatio(a: a, d: b - a))
        return -expm1(normalTailLogRatio(a: a, d: d)) / whole
    }
}
