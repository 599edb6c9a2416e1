/// Why ``SobolIndices`` could not analyse a set of outputs.
package enum SobolIndicesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The number of outputs is not the design's run count.
    case outputCountMismatch(expected: Int, got: Int)
    /// An output is NaN or infinite (zero-based run, and column of a table).
    case nonFiniteOutput(run: Int, column: Int)
    /// The options are invalid.
    case invalidOptions(String)

    package var description: String {
        switch self {
        case .outputCountMismatch(let expected, let got):
            return "Sobol' indices: the design has \(expected) runs but \(got) outputs were given"
        case .nonFiniteOutput(let run, let column):
            return "Sobol' indices: output \(column) of run \(run) is not a finite number"
        case .invalidOptions(let why):
            return "Sobol' indices: \(why)"
        }
    }
}

/// First-order and total-order variance-based sensitivity indices of one model output, from the
/// runs of a ``SaltelliDesign``, with bootstrap confidence intervals.
///
/// With f_A, f_B and f_ABi the outputs of the A, B and AB_i runs of the N base points and V the
/// variance of all 2N outputs of A and B (population form):
/// - first order, Saltelli et al. (2010) estimator: S_i = mean(f_B · (f_ABi − f_A)) / V;
/// - total order, Jansen (1999) estimator: ST_i = mean((f_A − f_ABi)²) / (2V)
/// (Saltelli et al. 2010, Comput. Phys. Commun. 181(2), 259–270, Table 2 (b) and (f);
/// Jansen 1999, Comput. Phys. Commun. 117, 35–43).
///
/// Confidence intervals: the base points are resampled with replacement (the d + 2 runs of a
/// base point stay together), the indices recomputed, and the percentile interval of the
/// replicates taken (Efron & Tibshirani 1993, §13.3); resampling draws from a
/// ``Xoshiro256StarStar`` seeded with ``Options/seed``, so intervals are reproducible, and every
/// output column uses the same resamples. The bootstrap treats base points as independent,
/// which is right for a pseudo-random base. For a Sobol' base it ignores the sequence's
/// structure: the standard errors typically overstate the (much smaller) error of the larger
/// indices, but the intervals are not valid confidence intervals for the quasi-Monte Carlo
/// estimate (in the tests one interval of a tiny index, 1e-4 wide, misses the true value by
/// 7e-6). For error bars with a Sobol' base, repeat the analysis with a few scrambling seeds
/// and use the spread of the replicates.
///
/// The analysis never runs the model: many outputs of the same runs (metrics × years) are
/// analysed column by column from one table with ``analyzeColumns(of:design:options:)``.
///
/// An output with zero variance has undefined indices: they and their intervals are NaN.
///
/// - Complexity: O(N·d) for the estimates plus O(B·N·d) for B bootstrap replicates.
package struct SobolIndices: Sendable, Equatable {
    /// A confidence interval.
    package struct Interval: Hashable, Sendable {
        package let lower: Double
        package let upper: Double
        package init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }
        /// Whether `x` lies in [lower, upper].
        package func contains(_ x: Double) -> Bool { x >= lower && x <= upper }
    }

    /// Analysis options.
    package struct Options: Hashable, Sendable {
        /// Bootstrap replicates B (0 for no intervals).
        package var bootstrapReplicates: Int
        /// Confidence level of the percentile intervals, in (0, 1).
        package var confidenceLevel: Double
        /// Seed of the bootstrap resampling.
        package var seed: UInt64

        package init(bootstrapReplicates: Int = 1000, confidenceLevel: Double = 0.95, seed: UInt64 = 0) {
            self.bootstrapReplicates = bootstrapReplicates
            self.confidenceLevel = confidenceLevel
            self.seed = seed
        }
    }

    /// First-order indices S_i, one per input.
    package let firstOrder: [Double]
    /// Total-order indices ST_i, one per input.
    package let totalOrder: [Double]
    /// Percentile bootstrap intervals of S_i (NaN bounds without bootstrap).
    package let firstOrderInterval: [Interval]
    /// Percentile bootstrap intervals of ST_i.
    package let totalOrderInterval: [Interval]
    /// Bootstrap standard errors of S_i (SD of the replicates; NaN without bootstrap).
    package let firstOrderStandardError: [Double]
    /// Bootstrap standard errors of ST_i.
    package let totalOrderStandardError: [Double]
    /// Mean of the A and B outputs.
    package let mean: Double
    /// Variance V of the A and B outputs (population form).
    package let variance: Double
    /// Base points N.
    package let baseSamples: Int
    package let options: Options

    /// Indices of a single output, `outputs[r]` being the output of run r of `design`.
    ///
    /// - Throws: ``SobolIndicesError``.
    package static func analyze(outputs: [Double], design: SaltelliDesign, options: Options = Options()) throws -> SobolIndices {
        guard outputs.count == design.runCount else {
            throw SobolIndicesError.outputCountMismatch(expected: design.runCount, got: outputs.count)
        }
        return try outputs.withUnsafeBufferPointer { try analyze(buffer: $0, stride: 1, column: 0, design: design, options: options) }
    }

    /// Indices of one column of a runs × outputs table (row r holds the outputs of run r).
    ///
    /// - Throws: ``SobolIndicesError``.
    package static func analyze(
        column: Int, of outputs: SampleMatrix, design: SaltelliDesign,
        options: Options = Options()
    ) throws -> SobolIndices {
        guard outputs.rows == design.runCount else {
            throw SobolIndicesError.outputCountMismatch(expected: design.runCount, got: outputs.rows)
        }
        precondition(column >= 0 && column < outputs.columns, "SobolIndices: column \(column) out of range")
        return try outputs.values.withUnsafeBufferPointer {
            try analyze(buffer: $0, stride: outputs.columns, column: column, design: design, options: options)
        }
    }

    /// Indices of every column of a runs × outputs table, in column order.
    ///
    /// - Throws: ``SobolIndicesError``.
    package static func analyzeColumns(
        of outputs: SampleMatrix, design: SaltelliDesign,
        options: Options = Options()
    ) throws -> [SobolIndices] {
        try (0..<outputs.columns).map { try analyze(column: $0, of: outputs, design: design, options: options) }
    }

    private static func analyze(
        buffer: UnsafeBufferPointer<Double>, stride: Int, column: Int,
        design: SaltelliDesign, options: Options
    ) throws -> SobolIndices {
        guard options.bootstrapReplicates >= 0 else {
            throw SobolIndicesError.invalidOptions("bootstrap replicates must not be negative")
        }
        guard options.confidenceLevel > 0 && options.confidenceLevel < 1 else {
            throw SobolIndicesError.invalidOptions("confidence level must be in (0, 1)")
        }
        let n = design.baseSamples, d = design.dimensions, per = design.runsPerBaseSample
        // Gather f_A, f_B and f_ABi (input-major) by base point.
        var fA = [Double](repeating: 0, count: n), fB = fA
        var fAB = [Double](repeating: 0, count: n * d)
        for k in 0..<n {
            for r in 0..<per {
                let run = k * per + r
                let y = buffer[run * stride + column]
                guard y.isFinite else { throw SobolIndicesError.nonFiniteOutput(run: run, column: column) }
                if r == 0 { fA[k] = y } else if r == per - 1 { fB[k] = y } else { fAB[(r - 1) * n + k] = y }
            }
        }
        // Centre on the A/B mean: the indices are invariant to a shift of the output, and
        // centring keeps the sums accurate when the mean is large compared with the spread.
        var mean = 0.0
        for k in 0..<n { mean += fA[k] + fB[k] }
        mean /= Double(2 * n)
        for k in 0..<n { fA[k] -= mean; fB[k] -= mean }
        for k in 0..<(n * d) { fAB[k] -= mean }

        let all = Array(0..<n)
        var (first, total, variance) = estimate(fA, fB, fAB, n: n, d: d, rows: all)
        if fA.allSatisfy({ $0 == fA[0] }) && fB.allSatisfy({ $0 == fA[0] }) {
            // A constant output: no variance to apportion.
            variance = 0
            first = [Double](repeating: .nan, count: d)
            total = first
        }

        let replicates = options.bootstrapReplicates
        var firstInterval = [Interval](repeating: Interval(lower: .nan, upper: .nan), count: d)
        var totalInterval = firstInterval
        var firstSE = [Double](repeating: .nan, count: d), totalSE = firstSE
        if replicates > 0 && variance > 0 {
            var rng = Xoshiro256StarStar(seed: options.seed)
            var firstReps = [[Double]](repeating: [], count: d), totalReps = firstReps
            var rows = [Int](repeating: 0, count: n)
            for _ in 0..<replicates {
                for k in 0..<n { rows[k] = CounterRandom.bounded(rng.next(), n) }
                let (s, st, v) = estimate(fA, fB, fAB, n: n, d: d, rows: rows)
                guard v > 0 else { continue }
                for i in 0..<d {
                    firstReps[i].append(s[i])
                    totalReps[i].append(st[i])
                }
            }
            let alpha = 1 - options.confidenceLevel
            for i in 0..<d where !firstReps[i].isEmpty {
                (firstInterval[i], firstSE[i]) = summarise(firstReps[i], alpha: alpha)
                (totalInterval[i], totalSE[i]) = summarise(totalReps[i], alpha: alpha)
            }
        }
        return SobolIndices(
            firstOrder: first, totalOrder: total, firstOrderInterval: firstInterval,
            totalOrderInterval: totalInterval, firstOrderStandardError: firstSE,
            totalOrderStandardError: totalSE, mean: mean, variance: variance,
            baseSamples: n, options: options)
    }

    /// The estimators over the base points listed in `rows` (all of them, or a resample).
    private static func estimate(
        _ fA: [Double], _ fB: [Double], _ fAB: [Double], n: Int, d: Int,
        rows: [Int]
    ) -> (first: [Double], total: [Double], variance: Double) {
        var first = [Double](repeating: 0, count: d), total = first
        var sum = 0.0, sumSquares = 0.0
        fA.withUnsafeBufferPointer { a in
            fB.withUnsafeBufferPointer { b in
                fAB.withUnsafeBufferPointer { ab in
                    rows.withUnsafeBufferPointer { rows in
                        for k in rows {
                            sum += a[k] + b[k]
                            sumSquares += a[k] * a[k] + b[k] * b[k]
                        }
                        for i in 0..<d {
                            var s = 0.0, t = 0.0
                            let base = i * n
                            for k in rows {
                                let abk = ab[base + k]
                                s += b[k] * (abk - a[k])
                                t += (a[k] - abk) * (a[k] - abk)
                            }
                            first[i] = s
                            total[i] = t
                        }
                    }
                }
            }
        }
        let m = Double(rows.count)
        let mean = sum / (2 * m)
        let variance = max(sumSquares / (2 * m) - mean * mean, 0)
        for i in 0..<d {
            first[i] = first[i] / m / variance
            total[i] = total[i] / m / (2 * variance)
        }
        return (first, total, variance)
    }

    /// Percentile interval (linear interpolation between order statistics, Hyndman & Fan type 7)
    /// and standard deviation of bootstrap replicates.
    private static func summarise(_ values: [Double], alpha: Double) -> (Interval, Double) {
        let sorted = values.sorted()
        func quantile(_ p: Double) -> Double {
            let h = Double(sorted.count - 1) * p
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
            return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
        }
        let m = Double(values.count)
        let mean = values.reduce(0, +) / m
        let sd = m > 1 ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (m - 1)).squareRoot() : .nan
        return (Interval(lower: quantile(alpha / 2), upper: quantile(1 - alpha / 2)), sd)
    }
}
