import Foundation

/// A linear map from a data domain to a pixel range, with "nice" round-number ticks.
///
/// Ticks follow Heckbert's nice numbers (Graphics Gems, 1990): the step is 1, 2 or 5 times a
/// power of ten chosen so that about `count` ticks cover the domain. ``niced(count:)``
/// widens the domain to whole steps (0–97 becomes 0–100 with ticks 0, 20, …, 100);
/// ``ticks(count:)`` lists the multiples of the step inside the domain.
package struct LinearScale: Sendable, Equatable {
    /// Data value mapped to ``rangeStart``.
    package let domainLower: Double
    /// Data value mapped to ``rangeEnd``.
    package let domainUpper: Double
    /// Pixel position of ``domainLower`` (for a y axis, the bottom of the plot).
    package let rangeStart: Double
    /// Pixel position of ``domainUpper``.
    package let rangeEnd: Double

    /// A scale from `domain` to pixels `range`. A domain of zero width is widened
    /// (by 10% of its value, or by 1 around 0) so that the scale stays invertible.
    package init(domain: ClosedRange<Double>, range: (Double, Double)) {
        var lower = domain.lowerBound, upper = domain.upperBound
        if !(upper > lower) {
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            lower -= pad
            upper += pad
        }
        domainLower = lower
        domainUpper = upper
        rangeStart = range.0
        rangeEnd = range.1
    }

    /// The pixel position of data value `x`.
    package func callAsFunction(_ x: Double) -> Double {
        rangeStart + (x - domainLower) / (domainUpper - domainLower) * (rangeEnd - rangeStart)
    }

    /// The data value at pixel position `y`.
    package func invert(_ y: Double) -> Double {
        domainLower + (y - rangeStart) / (rangeEnd - rangeStart) * (domainUpper - domainLower)
    }

    /// The tick step for about `count` ticks: 1, 2 or 5 × 10ⁿ, and at least `minimumStep`
    /// (1 for an axis of whole years).
    package func step(count: Int, minimumStep: Double = 0) -> Double {
        max(minimumStep, LinearScale.niceStep(lower: domainLower, upper: domainUpper, count: count))
    }

    /// The same scale with its domain widened outward to whole multiples of the tick step.
    /// (Widening can change the step ``ticks(count:minimumStep:)`` picks; to keep both
    /// consistent, compute the step once and use ``niced(step:)`` and ``ticks(step:)``.)
    package func niced(count: Int = 6, minimumStep: Double = 0) -> LinearScale {
        niced(step: step(count: count, minimumStep: minimumStep))
    }

    /// The same scale with its domain widened outward to whole multiples of `s`.
    package func niced(step s: Double) -> LinearScale {
        let lower = (domainLower / s).rounded(.down) * s
        let upper = (domainUpper / s).rounded(.up) * s
        return LinearScale(domain: LinearScale.clean(lower, step: s)...LinearScale.clean(upper, step: s), range: (rangeStart, rangeEnd))
    }

    /// The multiples of the tick step inside the domain, in increasing order, each rounded to
    /// the step's precision (so 0.1 + 0.2 is 0.3).
    package func ticks(count: Int = 6, minimumStep: Double = 0) -> [Double] {
        ticks(step: step(count: count, minimumStep: minimumStep))
    }

    /// The multiples of `s` inside the domain, in increasing order, rounded to its precision.
    package func ticks(step s: Double) -> [Double] {
        let first = (domainLower / s - 1e-9).rounded(.up)
        let last = (domainUpper / s + 1e-9).rounded(.down)
        guard last >= first else { return [] }
        return stride(from: first, through: last, by: 1).map { LinearScale.clean($0 * s, step: s) }
    }

    /// Decimals needed to print ticks of this scale exactly (0 for steps of 1 or more).
    package func tickDecimals(count: Int = 6, minimumStep: Double = 0) -> Int {
        LinearScale.decimals(ofStep: step(count: count, minimumStep: minimumStep))
    }

    /// Heckbert's nice number: the 1, 2, 5 or 10 × 10ⁿ closest to `x` (`round`) or the
    /// smallest one not below it.
    package static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = log10(x).rounded(.down)
        let power = pow(10, exponent)
        let fraction = x / power
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }

    /// The nice tick step for about `count` ticks over [lower, upper] (Heckbert's loose labelling).
    package static func niceStep(lower: Double, upper: Double, count: Int) -> Double {
        let range = niceNumber(upper - lower, round: false)
        return niceNumber(range / Double(max(1, count - 1)), round: true)
    }

    /// Decimals needed to print multiples of `step` exactly.
    package static func decimals(ofStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        return max(0, -Int((log10(step) + 1e-9).rounded(.down)))
    }

    /// `x` rounded to the precision of `step`, without a negative zero.
    static func clean(_ x: Double, step: Double) -> Double {
        let d = decimals(ofStep: step)
        let scale = pow(10, Double(d))
        let r = (x * scale).rounded() / scale
        return r == 0 ? 0 : r
    }
}
