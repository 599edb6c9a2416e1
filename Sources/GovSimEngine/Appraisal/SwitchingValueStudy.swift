import Foundation

/// Switching values and one-way sweeps of a scenario's decisive inputs (Green Book 2022, ch. 5:
/// sensitivity analysis and switching values), computed from re-runs with common random numbers
/// (the same seed and per-input random channels), so the mean NPV is a smooth, deterministic
/// function of each input and a root can be found by secant and regula falsi steps.
///
/// For each input and case (financial NPV, economic NPSV): the value at which the mean NPV is 0
/// within the allowed search range (nil if there is none, or the NPV does not depend on the
/// input), and the mean NPV with the input at its low and high sweep values, beside the
/// scenario's own mean NPV (the "change in output mean" of a money tornado).
package struct SwitchingValueStudy: Sendable {
    /// The result for one input.
    package struct Row: Sendable, Equatable {
        package let input: String
        package let unit: String
        package let central: Double
        package let low: Double, high: Double
        /// Switching value for the financial NPV and the economic NPSV.
        package let financialSwitch: Double?, economicSwitch: Double?
        /// Mean NPV (financial) and NPSV (economic) with the input at low and high.
        package let financialAtLow: Double, financialAtHigh: Double
        package let economicAtLow: Double, economicAtHigh: Double
    }

    /// Mean NPV and NPSV of the scenario as given.
    package let base: (financial: AppraisalEvaluator.Estimate, economic: AppraisalEvaluator.Estimate)
    package let rows: [Row]

    /// Runs the study for `inputs` (default: ``AppraisalInput/standard(for:)``); `progress`
    /// receives 1 once the scenario as given is evaluated, then 1 + the inputs swept so far.
    package init(
        scenario: Scenario, inputs: [AppraisalInput]? = nil, threads: Int = ParallelBlocks.defaultThreads,
        progress: (@Sendable (Int) -> Void)? = nil
    ) {
        let evaluator = AppraisalEvaluator(threads: threads)
        base = evaluator.evaluate(scenario)
        progress?(1)
        var rows: [Row] = []
        for input in inputs ?? AppraisalInput.standard(for: scenario) {
            var cache: [Double: (Double, Double)] = [:]
            func at(_ x: Double) -> (Double, Double) {
                let key = input.wholeNumber ? x.rounded() : x
                if let hit = cache[key] { return hit }
                let e = evaluator.evaluate(input.applying(key, to: scenario))
                cache[key] = (e.financial.mean, e.economic.mean)
                return cache[key]!
            }
            let scale = max(1, abs(base.financial.mean), abs(base.economic.mean), base.financial.standardError, base.economic.standardError)
            let fin = SwitchingValueStudy.root({ at($0).0 }, input: input, tolerance: 1e-9 * scale)
            let eco = SwitchingValueStudy.root({ at($0).1 }, input: input, tolerance: 1e-9 * scale)
            let lo = at(input.low), hi = at(input.high)
            rows.append(
                Row(
                    input: input.name, unit: input.unit, central: input.central, low: input.low, high: input.high,
                    financialSwitch: fin, economicSwitch: eco, financialAtLow: lo.0, financialAtHigh: hi.0,
                    economicAtLow: lo.1, economicAtHigh: hi.1))
            progress?(1 + rows.count)
        }
        self.rows = rows
    }

    /// The x in [input.lower, input.upper] with f(x) = 0, starting from the central value; nil if
    /// f has no sign change in the range. For whole-number inputs, the root of the straight line
    /// between the two whole numbers where f changes sign.
    static func root(_ f: (Double) -> Double, input: AppraisalInput, tolerance: Double) -> Double? {
        let lower = input.lower, upper = input.upper
        func clamp(_ x: Double) -> Double { min(upper, max(lower, x)) }
        var a = clamp(input.central)
        if input.wholeNumber { a = a.rounded() }
        var fa = f(a)
        if abs(fa) <= tolerance { return a }
        // A first step of a quarter of the value (or of 0.1 of the range, or 0.1).
        var h = abs(a) > 0 ? 0.25 * abs(a) : (upper - lower).isFinite ? 0.1 * (upper - lower) : 0.1
        if input.wholeNumber { h = max(1, h.rounded()) }
        var b = clamp(a + h)
        if b == a { b = clamp(a - h) }
        var fb = f(b)
        // Expand toward the root along the secant until the sign changes.
        var tries = 0
        while (fa < 0) == (fb < 0), abs(fb) > tolerance {
            tries += 1
            if tries > 40 { return nil }
            let slope = abs(fb - fa) <= tolerance ? 0 : (fb - fa) / (b - a)
            var next: Double
            if slope != 0, slope.isFinite {
                let jump = -fb / slope
                next = b + jump * 1.1 + (jump > 0 ? 1 : -1) * 1e-6 * max(1, abs(b))
            } else {
                // Flat: widen in both directions by doubling.
                next = b + 2 * (b - a)
            }
            next = clamp(input.wholeNumber ? (next > b ? next.rounded(.up) : next.rounded(.down)) : next)
            if next == b {
                // At a bound (or stuck): try the other bound once.
                let other = b == upper ? lower : upper
                if other == a || other == b { return nil }
                next = other
                if slope == 0 { return nil }
            }
            (a, fa) = (b, fb)
            b = next
            fb = f(b)
        }
        if abs(fb) <= tolerance { return b }
        // Bracket [a, b] with a sign change: Illinois regula falsi.
        if input.wholeNumber {
            // Bisect to neighbouring whole numbers, then interpolate linearly.
            var (lo, flo, hi, fhi) = a < b ? (a, fa, b, fb) : (b, fb, a, fa)
            while hi - lo > 1 {
                let mid = ((lo + hi) / 2).rounded(.down)
                let fm = f(mid)
                if (fm < 0) == (flo < 0) { (lo, flo) = (mid, fm) } else { (hi, fhi) = (mid, fm) }
            }
            return lo - flo * (hi - lo) / (fhi - flo)
        }
        var side = 0
        for _ in 0..<100 {
            let c = (a * fb - b * fa) / (fb - fa)
            let fc = f(c)
            if abs(fc) <= tolerance || abs(b - a) <= 1e-12 * max(1, abs(c)) { return c }
            if (fc < 0) == (fb < 0) {
                (b, fb) = (c, fc)
                if side == -1 { fa /= 2 }
                side = -1
            } else {
                (a, fa) = (c, fc)
                if side == 1 { fb /= 2 }
                side = 1
            }
        }
        return (a * fb - b * fa) / (fb - fa)
    }
}
