import Foundation

extension Distribution {
    /// The distribution as a YAML flow mapping a scenario file accepts, e.g.
    /// `{triangular: {min: 3, mode: 5, max: 7}}`, or a plain number for a fixed value.
    /// Numbers have at most 10 significant digits; a lognormal is written by its p5 and p95 or
    /// by its mean and sd, whichever is shorter. Loading the text gives this distribution back
    /// to about 10 significant digits.
    package var scenarioNotation: String {
        let f = Distribution.number
        switch self {
        case .fixed(let v): return f(v)
        case .uniform(let a, let b): return "{uniform: {min: \(f(a)), max: \(f(b))}}"
        case .triangular(let a, let m, let b): return "{triangular: {min: \(f(a)), mode: \(f(m)), max: \(f(b))}}"
        case .pert(let a, let m, let b, let l):
            return "{pert: {min: \(f(a)), mode: \(f(m)), max: \(f(b))\(l == 4 ? "" : ", lambda: \(f(l))")}}"
        case .normal(let m, let s): return "{normal: {mean: \(f(m)), sd: \(f(s))}}"
        case .truncatedNormal(let m, let s, let lo, let hi):
            var parts = ["mean: \(f(m))", "sd: \(f(s))"]
            if lo.isFinite { parts.append("lower: \(f(lo))") }
            if hi.isFinite { parts.append("upper: \(f(hi))") }
            return "{truncated_normal: {\(parts.joined(separator: ", "))}}"
        case .lognormal:
            let byQuantiles = "{lognormal: {p5: \(f(quantile(0.05))), p95: \(f(quantile(0.95)))}}"
            let byMoments = "{lognormal: {mean: \(f(mean)), sd: \(f(standardDeviation))}}"
            return byMoments.count < byQuantiles.count ? byMoments : byQuantiles
        case .beta(let a, let b, let lo, let hi):
            return "{beta: {alpha: \(f(a)), beta: \(f(b))\(lo == 0 && hi == 1 ? "" : ", lower: \(f(lo)), upper: \(f(hi))")}}"
        case .studentT(let location, let scale, let df):
            return "{student_t: {location: \(f(location)), scale: \(f(scale)), df: \(f(df))}}"
        }
    }

    /// Whether two distributions agree to `tolerance` (relative) at their 5th, 50th and 95th
    /// percentiles (for example a default written out in a file and read back).
    func approximatelyEquals(_ other: Distribution, tolerance: Double = 1e-6) -> Bool {
        for p in [0.05, 0.5, 0.95] {
            let a = quantile(p), b = other.quantile(p)
            if abs(a - b) > tolerance * max(1e-12, abs(a), abs(b)) { return false }
        }
        return true
    }

    /// `x` with at most 10 significant digits, in shortest form (`0.07`, not `0.07000000000000001`).
    static func number(_ x: Double) -> String {
        guard x.isFinite, x != 0 else { return CSVTable.formatNumber(x) }
        let digits = 10 - Int(log10(abs(x)).rounded(.down)) - 1
        let scale = pow(10, Double(max(-300, min(300, digits))))
        let rounded = (x * scale).rounded() / scale
        return CSVTable.formatNumber(rounded.isFinite ? rounded : x)
    }
}
