import Foundation

/// The parameters of one distribution as written in a scenario file, and their validation.
///
/// Written as a one-key mapping: `{uniform: {min: 0.5, max: 0.9}}`, `{lognormal: {p5: 0.07,
/// p95: 0.15}}`, `{fixed: 3}`. See `docs/scenario-format.md` for every form.
struct DistributionSyntax {
    static let names = ["fixed", "uniform", "triangular", "pert", "normal", "truncated_normal", "lognormal", "beta", "student_t"]

    let kind: String
    let path: String
    var values: [String: Double] = [:]

    struct Problem: Error { let message: String; let hint: String }

    var allowedKeys: [String] {
        switch kind {
        case "uniform": return ["min", "max"]
        case "triangular": return ["min", "mode", "max"]
        case "pert": return ["min", "mode", "max", "lambda"]
        case "normal": return ["mean", "sd"]
        case "truncated_normal": return ["mean", "sd", "lower", "upper"]
        case "lognormal": return ["mu", "sigma", "mean", "sd", "p5", "p95", "pNN (any two quantiles, e.g. p10 and p90)"]
        case "beta": return ["alpha", "beta", "lower", "upper"]
        case "student_t": return ["location", "scale", "df"]
        default: return []
        }
    }

    func accepts(_ key: String) -> Bool {
        if kind == "lognormal", DistributionSyntax.quantileProbability(key) != nil { return true }
        return allowedKeys.contains(key)
    }

    /// `p5` → 0.05, `p97.5` → 0.975; nil if `key` is not of that form.
    static func quantileProbability(_ key: String) -> Double? {
        guard key.hasPrefix("p"), let pct = Double(key.dropFirst()), pct > 0, pct < 100 else { return nil }
        return pct / 100
    }

    func fail(_ message: String, _ hint: String) -> Result<Distribution, Problem> {
        .failure(Problem(message: "\(path): \(message)", hint: hint))
    }

    func require(_ keys: [String]) -> Problem? {
        let missing = keys.filter { values[$0] == nil }
        guard !missing.isEmpty else { return nil }
        return Problem(
            message: "\(path): the \(kind) distribution needs \(missing.map { "`\($0)`" }.joined(separator: " and "))",
            hint: "add \(missing.joined(separator: ", ")) under \(kind)")
    }

    func build(spec: ParameterSpec) -> Result<Distribution, Problem> {
        let v = values
        let f = CSVTable.formatNumber
        let distribution: Distribution
        switch kind {
        case "fixed":
            distribution = .fixed(v["value"]!)
        case "uniform":
            if let p = require(["min", "max"]) { return .failure(p) }
            guard v["min"]! < v["max"]! else {
                return fail(
                    "uniform min (\(f(v["min"]!))) must be below max (\(f(v["max"]!)))",
                    "swap them, or use a plain number for a known value")
            }
            distribution = .uniform(min: v["min"]!, max: v["max"]!)
        case "triangular", "pert":
            if let p = require(["min", "mode", "max"]) { return .failure(p) }
            let (a, m, b) = (v["min"]!, v["mode"]!, v["max"]!)
            guard a < b else {
                return fail("\(kind) min (\(f(a))) must be below max (\(f(b)))", "swap them, or use a plain number for a known value")
            }
            guard a <= m, m <= b else {
                return fail("\(kind) mode (\(f(m))) must lie between min (\(f(a))) and max (\(f(b)))", "move the mode inside the range")
            }
            if kind == "pert" {
                let lambda = v["lambda"] ?? 4
                if let problem = DistributionLimits.pertLambdaProblem(lambda) { return fail(problem, "use 4, the classic PERT") }
                distribution = .pert(min: a, mode: m, max: b, lambda: lambda)
            } else {
                distribution = .triangular(min: a, mode: m, max: b)
            }
        case "normal", "truncated_normal":
            if let p = require(["mean", "sd"]) { return .failure(p) }
            guard v["sd"]! > 0 else {
                return fail(
                    "\(kind) sd must be positive, found \(f(v["sd"]!))",
                    "use a positive standard deviation, or a plain number for a known value")
            }
            if kind == "normal" {
                distribution = .normal(mean: v["mean"]!, sd: v["sd"]!)
            } else {
                let lower = v["lower"] ?? spec.lower, upper = v["upper"] ?? spec.upper
                guard lower < upper else {
                    return fail("truncated_normal lower (\(f(lower))) must be below upper (\(f(upper)))", "swap them")
                }
                let dist = Distribution.truncatedNormal(mean: v["mean"]!, sd: v["sd"]!, lower: lower, upper: upper)
                let mass = dist.mass
                guard mass > 1e-12 else {
                    return fail(
                        "truncated_normal keeps almost none of the normal's probability between \(f(lower)) and \(f(upper))",
                        "move the mean inside the bounds")
                }
                distribution = dist
            }
        case "lognormal":
            let quantileKeys = v.keys.compactMap { k in DistributionSyntax.quantileProbability(k).map { (k, $0) } }.sorted { $0.1 < $1.1 }
            if v["mu"] != nil || v["sigma"] != nil {
                if let p = require(["mu", "sigma"]) { return .failure(p) }
                guard v.count == 2 else {
                    return fail("give lognormal either mu and sigma, or mean and sd, or two quantiles", "remove the extra keys")
                }
                guard v["sigma"]! > 0 else {
                    return fail("lognormal sigma must be positive, found \(f(v["sigma"]!))", "use a positive sigma")
                }
                distribution = .lognormal(mu: v["mu"]!, sigma: v["sigma"]!)
            } else if v["mean"] != nil || v["sd"] != nil {
                if let p = require(["mean", "sd"]) { return .failure(p) }
                guard v.count == 2 else {
                    return fail("give lognormal either mu and sigma, or mean and sd, or two quantiles", "remove the extra keys")
                }
                guard v["mean"]! > 0, v["sd"]! > 0 else { return fail("lognormal mean and sd must be positive", "use positive values") }
                distribution = .lognormal(mean: v["mean"]!, sd: v["sd"]!)
            } else {
                guard quantileKeys.count == 2, v.count == 2 else {
                    return fail(
                        "the lognormal distribution needs mu and sigma, mean and sd, or two quantiles such as p5 and p95",
                        "add for example `p5: 0.07, p95: 0.15`")
                }
                let (lo, hi) = (v[quantileKeys[0].0]!, v[quantileKeys[1].0]!)
                guard lo > 0 else {
                    return fail(
                        "lognormal quantiles must be positive, found \(quantileKeys[0].0) = \(f(lo))",
                        "use positive values, or a normal distribution for values that can be negative")
                }
                guard lo < hi else {
                    return fail("lognormal \(quantileKeys[0].0) (\(f(lo))) must be below \(quantileKeys[1].0) (\(f(hi)))", "swap them")
                }
                distribution = .lognormal(quantile: lo, at: quantileKeys[0].1, quantile: hi, at: quantileKeys[1].1)
            }
        case "beta":
            if let p = require(["alpha", "beta"]) { return .failure(p) }
            guard v["alpha"]! > 0, v["beta"]! > 0 else {
                return fail("beta alpha and beta must be positive", "use positive shape parameters")
            }
            if let problem = DistributionLimits.betaShapeProblem("alpha", v["alpha"]!)
                ?? DistributionLimits.betaShapeProblem("beta", v["beta"]!)
            {
                return fail(problem, "use shapes that give the spread you mean (alpha = beta = 2 is a broad hump)")
            }
            let lower = v["lower"] ?? 0, upper = v["upper"] ?? 1
            guard lower < upper else { return fail("beta lower (\(f(lower))) must be below upper (\(f(upper)))", "swap them") }
            distribution = .beta(alpha: v["alpha"]!, beta: v["beta"]!, lower: lower, upper: upper)
        case "student_t":
            if let p = require(["location", "scale", "df"]) { return .failure(p) }
            guard v["scale"]! > 0, v["df"]! > 0 else { return fail("student_t scale and df must be positive", "use positive values") }
            if let problem = DistributionLimits.studentTDegreesOfFreedomProblem(v["df"]!) {
                return fail("\(problem), found \(f(v["df"]!))", "use a normal distribution for more degrees of freedom")
            }
            distribution = .studentT(location: v["location"]!, scale: v["scale"]!, df: v["df"]!)
        default:
            return fail("unknown distribution `\(kind)`", "use one of \(DistributionSyntax.names.joined(separator: ", "))")
        }
        return checkRange(distribution, spec: spec)
    }

    /// The distribution must keep (all but 1e-9 of) its probability inside the parameter's range.
    func checkRange(_ d: Distribution, spec: ParameterSpec) -> Result<Distribution, Problem> {
        let f = CSVTable.formatNumber
        let support = d.support
        let lowEnd = support.lowerBound.isFinite ? support.lowerBound : d.quantile(1e-9)
        let highEnd = support.upperBound.isFinite ? support.upperBound : d.quantile(1 - 1e-9)
        let lowOK =
            spec.lowerExclusive
            ? (lowEnd > spec.lower || (lowEnd == spec.lower && support.lowerBound == lowEnd && !d.isFixed && d.cdf(lowEnd) == 0))
            : lowEnd >= spec.lower
        if !lowOK || highEnd > spec.upper {
            let bad = !lowOK ? lowEnd : highEnd
            let unbounded = !support.lowerBound.isFinite || !support.upperBound.isFinite
            return fail(
                "this \(kind) distribution gives values down to/up to \(f(bad)), but \(spec.path) must be \(spec.rangeDescription) (\(spec.unit))",
                unbounded
                    ? "use truncated_normal or a bounded distribution (uniform, triangular, pert, beta)"
                    : "narrow the distribution to that range")
        }
        return .success(d)
    }
}

extension Distribution {
    /// For a truncated normal, the probability of the untruncated normal between the bounds.
    var mass: Double {
        guard case .truncatedNormal(let mean, let sd, let lower, let upper) = self else { return 1 }
        return SpecialFunctions.normalCDF((upper - mean) / sd) - SpecialFunctions.normalCDF((lower - mean) / sd)
    }
}
