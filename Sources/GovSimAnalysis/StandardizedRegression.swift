/// Standardised regression coefficients (SRC) and standardised rank regression coefficients
/// (SRRC) of k inputs on one output, for regression-based sensitivity analysis (Saltelli et
/// al., *Global Sensitivity Analysis: The Primer*, 2008, §1.2.5; Iman & Conover 1979,
/// Technometrics 21, for the rank version).
///
/// The output is regressed on the inputs with an intercept by ``LinearRegression``; then
/// SRCᵢ = bᵢ·sd(xᵢ)/sd(y), with sample standard deviations (the n − 1 cancels in the ratio).
/// For a linear model with independent inputs, SRCᵢ² is the share of the output variance due to
/// input i (the first-order Sobol' index) and Σ SRCᵢ² = R². When R² is low (say < 0.7) the model
/// is not linear enough for SRCs to rank inputs; the SRRC, computed the same way on the ranks
/// (ties get their average rank), then captures monotone non-linear effects, with its own R².
package struct StandardizedRegression: Sendable {
    /// Input names (default `x1`, `x2`, …).
    package let inputNames: [String]
    /// Raw regression coefficients bᵢ (output units per input unit), without the intercept.
    package let coefficients: [Double]
    /// Standardised regression coefficients bᵢ·sd(xᵢ)/sd(y) (dimensionless).
    package let src: [Double]
    /// R² of the regression of the output on the inputs.
    package let rSquared: Double
    /// Standardised rank regression coefficients (SRC of the rank-transformed data).
    package let srrc: [Double]
    /// R² of the rank regression.
    package let rankRSquared: Double

    /// Computes SRC and SRRC.
    /// - Parameters:
    ///   - inputs: n × k matrix, one column per input, one row per model run.
    ///   - output: the n model outputs.
    ///   - inputNames: k names; `x1`…`xk` when nil.
    /// - Throws: ``RegressionError`` (e.g. a constant output, a constant or collinear input, or
    ///   n ≤ k + 1).
    package init(inputs: Matrix, output: [Double], inputNames: [String]? = nil) throws {
        let k = inputs.columns
        let names = inputNames ?? (0..<k).map { "x\($0 + 1)" }
        guard names.count == k else {
            throw RegressionError.dimensionMismatch("\(names.count) input names for \(k) input columns")
        }
        let raw = try StandardizedRegression.standardized(inputs: inputs, output: output, names: names)
        var rankInputs = inputs
        for j in 0..<k {
            let ranks = StandardizedRegression.ranks(inputs.column(j))
            rankInputs.storage.replaceSubrange((j * inputs.rows)..<((j + 1) * inputs.rows), with: ranks)
        }
        let ranked = try StandardizedRegression.standardized(inputs: rankInputs, output: StandardizedRegression.ranks(output), names: names)
        self.inputNames = names
        self.coefficients = raw.coefficients
        self.src = raw.standardized
        self.rSquared = raw.rSquared
        self.srrc = ranked.standardized
        self.rankRSquared = ranked.rSquared
    }

    private static func standardized(
        inputs: Matrix, output: [Double], names: [String]
    )
        throws -> (coefficients: [Double], standardized: [Double], rSquared: Double)
    {
        let fit = try LinearRegression.fit(response: output, predictors: inputs, predictorNames: names, intercept: true)
        let slopes = Array(fit.estimates.dropFirst())
        let sdY = standardDeviation(output)
        let standardized = (0..<inputs.columns).map { slopes[$0] * standardDeviation(inputs.column($0)) / sdY }
        return (slopes, standardized, fit.rSquared)
    }

    /// Sample standard deviation (two-pass, n − 1 denominator).
    static func standardDeviation(_ v: [Double]) -> Double {
        let mean = v.reduce(0, +) / Double(v.count)
        let ss = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (ss / Double(v.count - 1)).squareRoot()
    }

    /// Ranks 1…n; tied values get the average of the ranks they span.
    package static func ranks(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] < v[$1] }
        var ranks = [Double](repeating: 0, count: v.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && v[order[end + 1]] == v[order[start]] { end += 1 }
            let average = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = average }
            start = end + 1
        }
        return ranks
    }
}
