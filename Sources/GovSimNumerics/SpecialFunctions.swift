import Foundation

/// Special functions used by the distributions, the regression tests (t and F p-values) and
/// the quantile summaries. Pure Swift, double precision.
///
/// Accuracy (checked in `SpecialFunctionsTests` against 50-digit mpmath references; "relative
/// error" is relative to the exact function of the double inputs):
/// - ``normalCDF(_:)``, ``normalSurvival(_:)``: `erfc` with the rounding of x/√2 compensated,
///   relative error about 1e-16 down to 1e-307.
/// - ``normalQuantile(_:)``: Wichura's AS 241 (PPND16), relative error below 1e-15 over
///   [1e-300, 1 − 1e-16] (about 3e-16 measured).
/// - ``regularizedIncompleteBeta(_:_:_:)``: Lentz's continued fraction (Numerical Recipes §6.4)
///   times a Stirling-form x^a·(1−x)^b / B(a, b), with the fraction evaluated in double-double
///   where its terms cancel (large shapes near the mean). Relative error below
///   3e-14 + 3e-16·|ln I| for shapes from 0.01 to 1e5, so below 1e-13 for I ≥ 1e-100; the
///   |ln I| term is the rounding of the exponent of tiny results.
/// - ``inverseRegularizedIncompleteBeta(_:_:_:)``: Newton's method on log I versus log x for the
///   smaller of x and 1 − x, safeguarded by bisection: the result is within a couple of ulps of
///   the best double, i.e. its relative error is that of I times the conditioning
///   min(p, 1 − p) / (z·f(x)), z = min(x, 1 − x) (about 1/a in the lower tail).
/// - Student t and F: through the incomplete beta with 1 − x passed exactly, same accuracy;
///   ``studentTQuantile(_:df:)`` relative error below 1e-14.
public enum SpecialFunctions {
    /// Standard normal cumulative distribution function Φ(x).
    ///
    /// `0.5·erfc(−x/√2)` with the rounding error of x/√2 compensated to first order: without
    /// it the relative error grows like x²·1e-16 in the lower tail (1e-13 at x = −30).
    @inlinable
    public static func normalCDF(_ x: Double) -> Double {
        let (v, dv) = scaledBySqrtHalf(x)
        return 0.5 * (erfc(-v) + dv * (2 / Double.pi.squareRoot()) * exp(-v * v))
    }

    /// Standard normal upper tail 1 − Φ(x), accurate in the far tail.
    @inlinable
    public static func normalSurvival(_ x: Double) -> Double {
        let (v, dv) = scaledBySqrtHalf(x)
        return 0.5 * (erfc(v) - dv * (2 / Double.pi.squareRoot()) * exp(-v * v))
    }

    /// x/√2 as an unevaluated sum v + dv, with |dv| ≲ 1e-16·|v| (dv = 0 for infinite x).
    @inlinable
    static func scaledBySqrtHalf(_ x: Double) -> (Double, Double) {
        // 1/√2 = hi + lo to about 32 significant digits.
        let hi = 0.7071067811865476, lo = -4.833646656726457e-17
        let v = x * hi
        guard v.isFinite else { return (v, 0) }
        return (v, (-v).addingProduct(x, hi) + x * lo)
    }

    /// Standard normal density φ(x).
    @inlinable
    public static func normalPDF(_ x: Double) -> Double {
        exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
    }

    /// Standard normal quantile Φ⁻¹(p) for p in (0, 1): Wichura (1988), "Algorithm AS 241:
    /// The percentage points of the normal distribution", Applied Statistics 37(3).
    /// Returns −∞ at 0, +∞ at 1 and NaN outside [0, 1].
    @inlinable
    public static func normalQuantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num =
                (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.387132872796366608)
            let den =
                (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                    + 42.313330701600911252) * r + 1.0)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var x: Double
        if r <= 5 {
            r -= 1.6
            let num =
                (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                    + 4.6303378461565452959) * r + 1.42343711074968357734)
            let den =
                (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                    + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                    + 2.05319162663775882187) * r + 1.0)
            x = num / den
        } else {
            r -= 5
            let num =
                (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                    + 5.4637849111641143699) * r + 6.6579046435011037772)
            let den =
                (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                    + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                    + 0.59983220655588793769) * r + 1.0)
            x = num / den
        }
        return q < 0 ? -x : x
    }

    /// Natural logarithm of the beta function B(a, b).
    @inlinable
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// Regularised incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1].
    public static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        if x.isNaN || a.isNaN || b.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return incompleteBeta(a, b, x: x, y: 1 - x).p
    }

    /// I_x(a, b) and its complement 1 − I_x(a, b) = I_y(b, a), for callers that know y = 1 − x
    /// more accurately than `1 - x` (Student t, F); also returns x^a·y^b / B(a, b).
    /// `stirling`, if given, is ``stirlingCorrection(_:_:)`` of (a, b), for repeated calls.
    ///
    /// The tail beyond (a + 1)/(a + b + 2) (roughly the mean) is computed directly, with full
    /// relative accuracy; the other member of the pair is 1 minus it.
    @usableFromInline
    static func incompleteBeta(
        _ a: Double, _ b: Double, x: Double, y: Double,
        stirling: Double? = nil
    ) -> (p: Double, q: Double, prefix: Double) {
        if x <= 0 { return (0, 1, 0) }
        if y <= 0 { return (1, 0, 0) }
        let prefix = betaPrefix(a, b, x: x, y: y, stirling: stirling)
        if x < (a + 1) / (a + b + 2) {
            let w = min(1, prefix * continuedFraction(a, b, v: x, w: y) / a)
            return (w, 1 - w, prefix)
        } else {
            let w = min(1, prefix * continuedFraction(b, a, v: y, w: x) / b)
            return (1 - w, w, prefix)
        }
    }

    /// The continued fraction of I_v(a, b) (``betaContinuedFraction(_:_:_:)``), w = 1 − v.
    ///
    /// Near the switch point (large shapes, v close to (a + 1)/(a + b + 2)) its terms nearly
    /// cancel: the leading one is 1 − (a + b)·v/(a + 1), and the rounding of the coefficients
    /// and of v itself is amplified by about the inverse of that (for a = 5000, b = 1/2,
    /// v = 1 − 4e-4, by 2000, giving a relative error of 6e-13). There the fraction is evaluated
    /// in double-double arithmetic, with v = 1 − w exactly when w is the smaller variable.
    /// Elsewhere it is evaluated in double and, when v is the larger variable (its rounding
    /// loses relative information about w), moved to the true point 1 − w along its derivative.
    @usableFromInline
    static func continuedFraction(_ a: Double, _ b: Double, v: Double, w: Double) -> Double {
        // Below a + b = 64 the amplification is at most (a + b + 2)/2 < 33: not worth it.
        if a + b > 64 && abs((a + 1) - (a + b) * v) < (a + 1) / 64 {
            let exactV = w < v ? DoubleDouble(1) - DoubleDouble(w) : DoubleDouble(v)
            return betaContinuedFraction(a, b, exactV)
        }
        let h = betaContinuedFraction(a, b, v)
        guard w < v else { return h }
        let delta = (1 - v) - w  // (1 − w) − v, exact for v ≥ 1/2 and w ≈ 1 − v
        if delta == 0 { return h }
        // From I = prefix·h/a, d log I/dv = density/I = a/(v·w·h) and d log prefix/dv = a/v − b/w.
        let slope = a / (v * w * h) - a / v + b / w
        return h * (1 + slope * delta)
    }

    /// x^a·y^b / B(a, b) with y = 1 − x, accurate for large shapes.
    ///
    /// Uses Γ(z) = √(2π)·z^(z−1/2)·e^(−z)·e^(δ(z)) (δ = ``stirlingError(_:)``), which gives
    ///   x^a·y^b / B(a, b) = √(ab / (2π(a+b))) · exp(a·φ(x(a+b)/a − 1) + b·φ(y(a+b)/b − 1))
    ///                       · exp(δ(a+b) − δ(a) − δ(b)),   φ(t) = log(1 + t) − t,
    /// (the linear terms a·t_x + b·t_y cancel because x + y = 1). Computing log Γ of large
    /// arguments and subtracting, as in log x^a + log y^b − log B(a, b), loses about
    /// log10(a + b) digits; this form loses none.
    @usableFromInline
    static func betaPrefix(_ a: Double, _ b: Double, x: Double, y: Double, stirling: Double? = nil) -> Double {
        let s = a + b
        let bs = s - a
        let e = (a - (s - bs)) + (b - bs)  // (a + b) − s exactly (TwoSum)
        // x·s − a and y·s − b sum to −e. Form the one of the smaller (more accurate) variable
        // with a single rounding and derive the other.
        let fx: Double, fy: Double
        if x <= y {
            fx = (-a).addingProduct(x, s); fy = -fx - e
        } else {
            fy = (-b).addingProduct(y, s); fx = -fy - e
        }
        let logPower = scaledLogPower(a, x, fx, s) + scaledLogPower(b, y, fy, s)
        let logCorrection = stirling ?? stirlingCorrection(a, b)
        return (a / (2 * Double.pi) * (b / s)).squareRoot() * exp(logPower + logCorrection)
    }

    /// δ(a + b) − δ(a) − δ(b), the Stirling-error part of log(1/B(a, b)).
    @usableFromInline
    static func stirlingCorrection(_ a: Double, _ b: Double) -> Double {
        stirlingError(a + b) - stirlingError(a) - stirlingError(b)
    }

    /// a·φ(t) = a·(log(1 + t) − t) for t = x·s/a − 1, given f = x·s − a.
    @usableFromInline
    static func scaledLogPower(_ a: Double, _ x: Double, _ f: Double, _ s: Double) -> Double {
        let t = f / a
        if abs(t) <= 0.5 { return a * log1pMinusX(t) }
        if t > -0.75 { return a * log1p(t) - f }
        // x ≤ a/(4s) ≤ 1/4: x is the smaller variable, so use it directly (1 + t loses it).
        let r = x * (s / a)
        return a * (r.isNormal ? log(r) : log(x) + log(s / a)) - f
    }

    /// log(1 + t) − t, accurate also for small |t|.
    @usableFromInline
    static func log1pMinusX(_ t: Double) -> Double {
        if abs(t) > 0.5 { return log1p(t) - t }
        // log(1 + t) = 2·atanh(s), s = t/(2 + t), and t − 2s = t·s, so
        // log(1 + t) − t = −t·s + 2s³·(1/3 + s²/5 + s⁴/7 + …), |s| ≤ 1/3.
        let u = t / (2 + t), u2 = u * u
        var sum = 0.0, power = 1.0, k = 3.0
        while true {
            let term = power / k
            sum += term
            if term <= 1e-17 * sum { break }
            power *= u2
            k += 2
        }
        return -t * u + 2 * u * u2 * sum
    }

    /// The error of Stirling's approximation, δ(z) = log Γ(z) − [(z − ½)·log z − z + ½·log 2π].
    @usableFromInline
    static func stirlingError(_ z: Double) -> Double {
        if !(z > 0) { return .nan }
        if z >= 10 {
            // Asymptotic series Σ B₂ₖ / (2k(2k − 1) z^(2k−1)); the first omitted term is below
            // 2e-18 for z ≥ 10.
            let r = 1 / z, r2 = r * r
            var sum = -3617.0 / 122_400
            sum = sum * r2 + 1.0 / 156
            sum = sum * r2 - 691.0 / 360_360
            sum = sum * r2 + 1.0 / 1188
            sum = sum * r2 - 1.0 / 1680
            sum = sum * r2 + 1.0 / 1260
            sum = sum * r2 - 1.0 / 360
            sum = sum * r2 + 1.0 / 12
            return sum * r
        }
        // δ(z) = δ(z + 1) + (z + ½)·log(1 + 1/z) − 1, from Γ(z + 1) = z·Γ(z).
        var sum = 0.0, w = z
        while w < 10 {
            sum += (w + 0.5) * log1p(1 / w) - 1
            w += 1
        }
        return sum + stirlingError(w)
    }

    /// Lentz's modified method for the continued fraction of I_x(a, b).
    @usableFromInline
    static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300, eps = 2.5e-16
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < eps { break }
        }
        return h
    }

    /// ``betaContinuedFraction(_:_:_:)`` in double-double arithmetic (about 32 digits).
    static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: DoubleDouble) -> Double {
        typealias DD = DoubleDouble
        let one = DD(1), tiny = 1e-300
        let qab = DD.sum(a, b), qap = DD.sum(a, 1), qam = DD.sum(a, -1)
        var c = one
        var d = one - qab * x / qap
        if abs(d.hi) < tiny { d = DD(tiny) }
        d = one / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = DD(m) * DD.sum(b, -m) * x / ((qam + DD(m2)) * DD.sum(a, m2))
            d = one + aa * d; if abs(d.hi) < tiny { d = DD(tiny) }
            c = one + aa / c; if abs(c.hi) < tiny { c = DD(tiny) }
            d = one / d
            h = h * d * c
            aa = -(DD.sum(a, m) * (qab + DD(m)) * x / (DD.sum(a, m2) * (qap + DD(m2))))
            d = one + aa * d; if abs(d.hi) < tiny { d = DD(tiny) }
            c = one + aa / c; if abs(c.hi) < tiny { c = DD(tiny) }
            d = one / d
            let delta = d * c
            h = h * delta
            if abs((delta.hi - 1) + delta.lo) < 1e-17 { break }
        }
        return h.hi + h.lo
    }

    /// Inverse of the regularised incomplete beta function: the x with I_x(a, b) = p.
    public static func inverseRegularizedIncompleteBeta(_ a: Double, _ b: Double, _ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 || !(a > 0) || !(b > 0) { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        return inverseIncompleteBeta(a, b, p: p, q: 1 - p).x
    }

    /// The parts of ``inverseRegularizedIncompleteBeta(_:_:_:)`` that depend only on the shapes
    /// (a, b): the Stirling correction of 1/B(a, b) and I_{1/2}(a, b). Made once per
    /// distribution (``InputDimension`` keeps one for each beta and PERT input), it removes
    /// about twenty logarithms and one continued fraction from every draw; the inverse computed
    /// with it is bit-for-bit the one computed without it.
    public struct BetaInverseSetup: Sendable, Hashable {
        public let a: Double, b: Double
        let stirling: Double
        /// I_{1/2}(a, b) and its complement.
        let halfP: Double, halfQ: Double

        public init(_ a: Double, _ b: Double) {
            self.a = a
            self.b = b
            stirling = SpecialFunctions.stirlingCorrection(a, b)
            let half = SpecialFunctions.incompleteBeta(a, b, x: 0.5, y: 0.5, stirling: stirling)
            halfP = half.p
            halfQ = half.q
        }

        /// ``SpecialFunctions/inverseRegularizedIncompleteBeta(_:_:_:)`` of (a, b) at `p`.
        public func inverse(_ p: Double) -> Double {
            if p.isNaN || p < 0 || p > 1 || !(a > 0) || !(b > 0) { return .nan }
            if p == 0 { return 0 }
            if p == 1 { return 1 }
            return SpecialFunctions.inverseIncompleteBeta(a, b, p: p, q: 1 - p, setup: self).x
        }
    }

    /// The solution (x, y = 1 − x) of I_x(a, b) = p, given p and q = 1 − p.
    ///
    /// Solves for the smaller of x and y (so that both come out with full relative accuracy)
    /// and matches the smaller of p and q (computed directly by ``incompleteBeta(_:_:x:y:)``).
    /// Newton's method on log I versus log x, which is nearly linear in the tails where I
    /// behaves like a power of x, safeguarded by a bracket with geometric bisection.
    ///
    /// `setup`, if given, is ``BetaInverseSetup`` of (a, b): the same result, without recomputing
    /// the parts that depend only on the shapes.
    @usableFromInline
    static func inverseIncompleteBeta(
        _ a: Double, _ b: Double, p: Double, q: Double,
        alwaysCheckSide: Bool = false, setup: BetaInverseSetup? = nil
    ) -> (x: Double, y: Double) {
        if p <= 0 { return (0, 1) }
        if q <= 0 { return (1, 0) }
        let stirling = setup?.stirling ?? stirlingCorrection(a, b)
        // Which half of [0, 1] holds the solution? I_{1/2}(a, b) ≥ p ⟺ x ≤ 1/2. Trust the
        // initial guess when it is clearly on one side (checked after the iteration).
        let guess = initialGuess(a, b, p: p, q: q)
        func halfSaysX() -> Bool {
            let half: (p: Double, q: Double)
            if let setup {
                half = (setup.halfP, setup.halfQ)
            } else {
                let r = incompleteBeta(a, b, x: 0.5, y: 0.5, stirling: stirling)
                half = (r.p, r.q)
            }
            return p <= q ? half.p >= p : half.q <= q
        }
        let decidedByGuess = !alwaysCheckSide && (guess < 0.2 || guess > 0.8)
        let solveForX = decidedByGuess ? guess < 0.5 : halfSaysX()
        // Work on the problem for z, the smaller of x and y: I_z(a', b') = target, with
        // (a', b') = (a, b) when z = x and (b, a) when z = y.
        let (a1, b1) = solveForX ? (a, b) : (b, a)
        let (target1, target2) = solveForX ? (p, q) : (q, p)  // target1 = I_z(a1, b1)
        let useLower = target1 <= target2  // match the smaller tail
        let target = useLower ? target1 : target2

        var z = solveForX ? guess : initialGuess(a1, b1, p: target1, q: target2)
        // z ≤ 1/2; the upper bound leaves room for a solution at exactly 1/2 (a = b, p = 1/2).
        var lo = 0.0, hi = 0.5 + 2e-15
        if !(z > lo && z < hi) { z = 0.25 }
        var previousStep = Double.infinity
        for _ in 0..<100 {
            let r = incompleteBeta(a1, b1, x: z, y: 1 - z, stirling: stirling)
            let value = useLower ? r.p : r.q
            // d(log value)/d(log z): z·density/value, density = prefix/(z·(1 − z)).
            let slope = (useLower ? 1 : -1) * r.prefix / ((1 - z) * value)
            let residual = value - target
            if (residual > 0) == useLower { hi = z } else { lo = z }
            if residual == 0 { break }
            let step = (log(value) - log(target)) / slope
            var next = z * exp(-step)
            // Converged: the Newton correction is below the rounding level of z.
            if abs(step) <= 2e-16 { z = next; break }
            var bisected = false
            if !(next > lo && next < hi) || !next.isFinite {
                bisected = true
                if lo > 0 {
                    next = lo.squareRoot() * hi.squareRoot()
                } else if z <= Double.leastNormalMagnitude {
                    // The solution is below the normal range; report it as 0.
                    z = 0
                    break
                } else {
                    // Nothing below z checked yet: follow Newton down (it can only undershoot by
                    // underflowing), but not below the normal range.
                    next = max(next.isFinite && next < z ? next : z * 1e-3, Double.leastNormalMagnitude)
                }
            }
            let change = abs(next - z) / z
            z = next
            if lo > 0 && hi - lo <= 4e-16 * hi { break }
            if !bisected {
                // Quadratic convergence predicts the next correction as change³/previous²; once
                // that is below the rounding level, the step just taken was the last one needed.
                if previousStep.isFinite && change < 1e-6
                    && change * change * change < 1e-17 * previousStep * previousStep
                {
                    break
                }
                // Newton has reached the rounding noise of I and stopped contracting.
                if change < 1e-10 && change >= 0.5 * previousStep { break }
            }
            previousStep = bisected ? .infinity : change
        }
        // A wrong guess about the side leaves z stuck at the upper end of its bracket.
        if decidedByGuess && z > 0.5 - 1e-9 && solveForX != halfSaysX() {
            return inverseIncompleteBeta(a, b, p: p, q: q, alwaysCheckSide: true, setup: setup)
        }
        return solveForX ? (z, 1 - z) : (1 - z, z)
    }

    /// Starting point for the inverse (Numerical Recipes §6.4; Abramowitz & Stegun 26.5.22 for
    /// a, b ≥ 1, the two power-law tails otherwise).
    @usableFromInline
    static func initialGuess(_ a: Double, _ b: Double, p: Double, q: Double) -> Double {
        if a >= 1 && b >= 1 {
            let pp = min(p, q)
            let t = (-2 * log(pp)).squareRoot()
            var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
            if p < q { z = -z }
            let al = (z * z - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = z * (al + h).squareRoot() / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h))
            return a / (a + b * exp(2 * w))
        }
        let lna = log(a / (a + b)), lnb = log(b / (a + b))
        let t = exp(a * lna) / a, u = exp(b * lnb) / b
        let w = t + u
        return p < t / w ? pow(a * w * p, 1 / a) : 1 - pow(b * w * q, 1 / b)
    }

    /// Cumulative distribution function of Student's t with `df` degrees of freedom.
    public static func studentTCDF(_ t: Double, df: Double) -> Double {
        if t.isNaN || df.isNaN || df <= 0 { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        // P(|T| ≥ |t|) = I_x(df/2, 1/2) with x = df/(df + t²).
        let tail = 0.5 * studentTTwoSidedP(t, df: df)
        return t > 0 ? 1 - tail : tail
    }

    /// x = df/(df + t²) and y = t²/(df + t²), each to full relative accuracy.
    @usableFromInline
    static func studentTBetaArguments(_ t: Double, df: Double) -> (x: Double, y: Double) {
        let at = abs(t)
        if at > 1e150 { let x = (df / at) / at; return (x, 1 - x) }
        let t2 = at * at
        return (df / (df + t2), t2 / (df + t2))
    }

    /// Two-sided p-value of a t statistic: P(|T| ≥ |t|).
    public static func studentTTwoSidedP(_ t: Double, df: Double) -> Double {
        if t.isNaN || df.isNaN || df <= 0 { return .nan }
        if t.isInfinite { return 0 }
        let (x, y) = studentTBetaArguments(t, df: df)
        return incompleteBeta(df / 2, 0.5, x: x, y: y).p
    }

    /// Quantile of Student's t distribution with `df` degrees of freedom.
    public static func studentTQuantile(_ p: Double, df: Double) -> Double {
        if p.isNaN || df.isNaN || df <= 0 || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let tail = p < 0.5 ? p : 1 - p  // exact for p ≥ 1/2
        // P(|T| ≥ t) = 2·tail = I_x(df/2, 1/2) with x = df/(df + t²), so t² = df·y/x.
        let (x, y) = inverseIncompleteBeta(df / 2, 0.5, p: 2 * tail, q: 1 - 2 * tail)
        let t = (df * (y / x)).squareRoot()
        return p < 0.5 ? -t : t
    }

    /// Upper tail of the F distribution: P(F(d1, d2) ≥ f).
    public static func fSurvival(_ f: Double, d1: Double, d2: Double) -> Double {
        if f.isNaN || d1.isNaN || d2.isNaN || d1 <= 0 || d2 <= 0 { return .nan }
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        // P(F ≥ f) = I_x(d2/2, d1/2) with x = d2/(d2 + d1·f), y = 1 − x = d1·f/(d2 + d1·f).
        let g = d1 * f
        if g.isInfinite { return 0 }
        return incompleteBeta(d2 / 2, d1 / 2, x: d2 / (d2 + g), y: g / (d2 + g)).p
    }
}

/// An unevaluated sum hi + lo of two doubles with |lo| ≤ ulp(hi)/2: about 32 significant digits
/// (Dekker 1971; the algorithms of Hida, Li & Bailey's QD library, with fused multiply-add).
@usableFromInline
struct DoubleDouble {
    var hi: Double
    var lo: Double

    init(_ hi: Double, _ lo: Double = 0) {
        self.hi = hi
        self.lo = lo
    }

    /// a + b exactly.
    static func sum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b, bb = s - a
        return DoubleDouble(s, (a - (s - bb)) + (b - bb))
    }

    /// a + b exactly, given |a| ≥ |b|.
    static func quickSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(s, b - (s - a))
    }

    /// a·b exactly.
    static func product(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        return DoubleDouble(p, (-p).addingProduct(a, b))
    }

    static prefix func - (x: DoubleDouble) -> DoubleDouble { DoubleDouble(-x.hi, -x.lo) }

    static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let s = sum(x.hi, y.hi), t = sum(x.lo, y.lo)
        let u = quickSum(s.hi, s.lo + t.hi)
        return quickSum(u.hi, u.lo + t.lo)
    }

    static func - (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble { x + (-y) }

    static func * (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let p = product(x.hi, y.hi)
        return quickSum(p.hi, p.lo + (x.hi * y.lo + x.lo * y.hi))
    }

    static func / (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let q1 = x.hi / y.hi
        let r1 = x - y * DoubleDouble(q1)
        let q2 = r1.hi / y.hi
        let r2 = r1 - y * DoubleDouble(q2)
        let q3 = r2.hi / y.hi
        return quickSum(q1, q2) + DoubleDouble(q3)
    }
}
