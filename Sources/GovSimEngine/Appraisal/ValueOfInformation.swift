import Foundation

/// The expected value of perfect information for a choice between options, and of partial
/// perfect information about one input (EVPPI), from the runs of a probabilistic appraisal.
///
/// `netBenefits[d][i]` is option d's net benefit (an NPV or NPSV) in run i; the options are
/// simulated with common random numbers, so run i is one draw of every uncertain input.
///
/// - EVPI = mean_i max_d NB_d(i) − max_d mean_i NB_d(i).
/// - EVPPI(φ) by the regression method of Strong, Oakley & Brennan (2014, Medical Decision
///   Making 34(3), 311–326): the incremental net benefit of each option over option 0 is
///   regressed on a polynomial in the normal scores of the ranks of φ (degree 4 by default; the paper's
///   GAM is replaced by a polynomial fitted by the LAPACK-backed ``LinearRegression``), and
///   EVPPI = mean_i max_d ĝ_d(φ_i) − max_d mean_i ĝ_d(φ_i), with ĝ₀ = 0.
/// - Standard error of EVPPI: the Monte Carlo error of the mean over runs, combined (root sum of
///   squares) with the spread of the estimate over draws of the regression coefficients from
///   their estimated sampling distribution (the paper's method for the regression part).
package enum ValueOfInformation {
    /// A value and its standard error.
    package struct Estimate: Sendable, Equatable {
        package let value: Double
        package let standardError: Double
    }

    /// EVPI of the choice between the options (all of `netBenefits` of equal length).
    package static func evpi(_ netBenefits: [[Double]]) -> Estimate {
        let n = netBenefits.first?.count ?? 0
        guard n > 0, netBenefits.count > 1 else { return Estimate(value: 0, standardError: 0) }
        let means = netBenefits.map { $0.reduce(0, +) / Double(n) }
        let best = means.indices.max { means[$0] < means[$1] }!
        let regret = (0..<n).map { i in netBenefits.map { $0[i] }.max()! - netBenefits[best][i] }
        return meanAndError(regret)
    }

    /// EVPPI of `input` (one value per run) for the choice between the options.
    /// - Throws: ``RegressionError`` if the regression cannot be fitted (for example a constant input).
    package static func evppi(
        _ netBenefits: [[Double]], input: [Double], degree: Int = 4, coefficientDraws: Int = 200,
        seed: UInt64 = 1
    ) throws -> Estimate {
        let n = input.count
        guard netBenefits.count > 1, n > degree + 1 else { return Estimate(value: 0, standardError: 0) }
        // Normal scores of the ranks (ties share their mean rank): a heavy-tailed input (a cost
        // overrun) would otherwise give a few runs all the leverage of the polynomial.
        let order = input.indices.sorted { input[$0] < input[$1] }
        var z = [Double](repeating: 0, count: n)
        var k = 0
        while k < n {
            var end = k
            while end + 1 < n, input[order[end + 1]] == input[order[k]] { end += 1 }
            let rank = Double(k + end) / 2 + 0.5
            for j in k...end { z[order[j]] = SpecialFunctions.normalQuantile(rank / Double(n)) }
            k = end + 1
        }
        guard z.contains(where: { $0 != z[0] }) else { throw RegressionError.dimensionMismatch("the input \(n) values are all equal") }
        let columns = (1...degree).map { k in z.map { pow($0, Double(k)) } }
        let design = Matrix(columns: [[Double](repeating: 1, count: n)] + columns)
        let names = ["intercept"] + (1...degree).map { "z^\($0)" }
        // An option whose incremental net benefit is constant needs no regression: its fitted
        // values are that constant (fits[d] nil, constants[d] the value).
        var fits: [LinearRegression?] = []
        var constants: [Double] = []
        for d in 1..<netBenefits.count {
            let incremental = (0..<n).map { netBenefits[d][$0] - netBenefits[0][$0] }
            if incremental.allSatisfy({ $0 == incremental[0] }) {
                fits.append(nil)
                constants.append(incremental[0])
            } else {
                fits.append(try LinearRegression(design: design, response: incremental, termNames: names, hasIntercept: true))
                constants.append(0)
            }
        }
        func fittedValues(_ f: Int) -> [Double] { fits[f]?.fittedValues ?? [Double](repeating: constants[f], count: n) }
        func value(_ fitted: [[Double]]) -> (value: Double, regret: [Double]) {
            let means = [0.0] + fitted.map { $0.reduce(0, +) / Double(n) }
            let best = means.indices.max { means[$0] < means[$1] }!
            let regret = (0..<n).map { i -> Double in
                let values = [0.0] + fitted.map { $0[i] }
                return values.max()! - values[best]
            }
            return (regret.reduce(0, +) / Double(n), regret)
        }
        let central = value(fits.indices.map(fittedValues))
        let sampling = meanAndError(central.regret).standardError
        // Coefficient draws: β = β̂ + L·e, L the Cholesky factor of the estimated covariance.
        var draws: [Double] = []
        let p = design.columns
        let factors = fits.map { fit in fit.flatMap { try? Cholesky(matrix: $0.covariance.storage, dimension: p, symmetryTolerance: 1e-8) }
        }
        if zip(fits, factors).allSatisfy({ $0.0 == nil || $0.1 != nil }), fits.contains(where: { $0 != nil }), coefficientDraws > 1 {
            let stream = RandomStream(seed: seed, run: 0)
            let channel = RandomStream.channel("evppi.coefficients")
            var index: UInt32 = 0
            for _ in 0..<coefficientDraws {
                var fitted: [[Double]] = []
                for (f, fit) in fits.enumerated() {
                    guard let fit else {
                        fitted.append(fittedValues(f))
                        continue
                    }
                    var e = [Double](repeating: 0, count: p)
                    for j in 0..<p {
                        let (u1, u2) = stream.uniformPair(channel: channel, index: index)
                        index &+= 1
                        e[j] = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
                    }
                    let shift = factors[f]!.multiplyLower(e)
                    let beta = zip(fit.estimates, shift).map(+)
                    fitted.append(design.multiplied(by: beta))
                }
                draws.append(value(fitted).value)
            }
        }
        var regression = 0.0
        if draws.count > 1 {
            let m = draws.reduce(0, +) / Double(draws.count)
            regression = (draws.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(draws.count - 1)).squareRoot()
        }
        return Estimate(value: central.value, standardError: (sampling * sampling + regression * regression).squareRoot())
    }

    static func meanAndError(_ values: [Double]) -> Estimate {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : 0
        return Estimate(value: mean, standardError: (variance / n).squareRoot())
    }
}
