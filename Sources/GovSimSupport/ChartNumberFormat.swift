/// Locale-free number formatting for charts and the report, so that the same data always give
/// the same bytes: `.` as the decimal point, `,` between groups of three digits, and a true
/// minus sign (U+2212) in labels.
package enum ChartNumberFormat {
    /// The minus sign used in labels.
    package static let minus = "\u{2212}"

    /// `x` with exactly `decimals` digits after the point (rounded half away from zero),
    /// digits grouped by three when `grouping` is set, e.g. `fixed(-1234.5, decimals: 1)` is
    /// "−1,234.5". Zero is never negative. Non-finite values are "n/a", "∞" or "−∞".
    package static func fixed(_ x: Double, decimals: Int, grouping: Bool = true, plusSign: Bool = false) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : minus + "∞") }
        let decimals = max(0, min(decimals, 12))
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(x) * Double(scale)).rounded()
        guard scaled < 9e18 else { return (x < 0 ? minus : "") + abs(x).description }
        let n = UInt64(scaled)
        let whole = String(n / scale)
        var text = grouping ? group(whole) : whole
        if decimals > 0 {
            let frac = String(n % scale)
            text += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        if n == 0 { return text }
        return (x < 0 ? minus : (plusSign ? "+" : "")) + text
    }

    /// Decimals that show a quantity of this magnitude with about three significant digits
    /// (at least `minimum`, at most 4): 1234 → 0, 75.5 → 1, 3.34 → 2, 0.123 → 3.
    package static func decimals(forMagnitude magnitude: Double, minimum: Int = 0) -> Int {
        let m = abs(magnitude)
        guard m.isFinite, m > 0 else { return max(minimum, 0) }
        var digitsBeforePoint = 0
        var v = m
        while v >= 10 { v /= 10; digitsBeforePoint += 1 }
        var leadingZeros = 0
        v = m
        while v < 1 && leadingZeros < 6 { v *= 10; leadingZeros += 1 }
        let d = leadingZeros > 0 ? leadingZeros + 2 : 2 - digitsBeforePoint
        return min(4, max(minimum, d))
    }

    /// A coordinate for SVG: at most two decimals, no trailing zeros, no grouping, `-` as the
    /// sign, never `-0`.
    package static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 100).rounded()
        if r == 0 { return "0" }
        let n = Int64(abs(r))
        var text = String(n / 100)
        let frac = n % 100
        if frac != 0 {
            text += frac % 10 == 0 ? "." + String(frac / 10) : "." + (frac < 10 ? "0" : "") + String(frac)
        }
        return (r < 0 ? "-" : "") + text
    }

    static func group(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}
