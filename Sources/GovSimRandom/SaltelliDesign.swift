/// The sampling design of variance-based sensitivity analysis (Saltelli 2002, "Making best use
/// of model evaluations to compute sensitivity indices", Comput. Phys. Commun. 145(2);
/// Saltelli et al. 2010, "Variance based sensitivity analysis of model output. Design and
/// estimator for the total sensitivity index", Comput. Phys. Commun. 181(2), 259–270).
///
/// From a 2d-dimensional base sequence of N points, the first d coordinates of base point k form
/// row k of matrix A and the last d row k of matrix B; AB_i is A with column i taken from B.
/// Each base point gives d + 2 runs, in the order A, AB_1, …, AB_d, B (SALib's order without
/// second-order terms), so run r is role r mod (d + 2) of base point r / (d + 2) and the design
/// has N·(d + 2) runs. ``SobolIndices`` analyses the model outputs in this run order.
///
/// Sampling, model evaluation and analysis are separate (as in SALib): this type only produces
/// points in (0, 1)^d, which the caller maps through the inputs' quantile functions and
/// evaluates, recording any number of outputs per run.
///
/// The base is a scrambled Sobol' sequence (``SobolSequence``, linear matrix scrambling plus
/// digital shift; use a power of two for N to keep its balance) or pseudo-random
/// (``PseudoRandomDesign``). Both are addressed by base-point index, so any range of runs can
/// be generated on its own.
///
/// - Complexity: O(d) per run (plus O(d · 32) once per range for the Sobol' base).
package struct SaltelliDesign: SamplingDesign, Hashable {
    /// The base sequence of the A and B matrices.
    package enum Base: Hashable, Sendable {
        /// A scrambled Sobol' sequence in 2d dimensions (d ≤ 512).
        case sobol(seed: UInt64)
        /// Independent pseudo-random uniforms.
        case pseudoRandom(seed: UInt64)
    }

    /// What a run of the design evaluates.
    package enum Role: Hashable, Sendable {
        /// A row of matrix A.
        case a
        /// A row of matrix B.
        case b
        /// A row of AB_i: A with input i (zero-based) from B.
        case ab(Int)
    }

    /// Number of uncertain inputs d.
    package let dimensions: Int
    /// Number of base points N.
    package let baseSamples: Int
    package let base: Base
    /// The scrambled base sequence, built once (nil for a pseudo-random base).
    private let sobol: SobolSequence?

    /// Runs per base point, d + 2.
    package var runsPerBaseSample: Int { dimensions + 2 }
    /// Total runs, N·(d + 2).
    package var runCount: Int { baseSamples * (dimensions + 2) }

    package init(dimensions: Int, baseSamples: Int, base: Base) {
        precondition(dimensions >= 1, "SaltelliDesign: at least one input")
        precondition(baseSamples >= 2, "SaltelliDesign: at least two base samples")
        if case .sobol = base {
            precondition(
                2 * dimensions <= SobolSequence.maxDimensions,
                "SaltelliDesign: a Sobol' base supports at most \(SobolSequence.maxDimensions / 2) inputs")
            precondition(baseSamples <= SobolSequence.maxPoints, "SaltelliDesign: too many base samples")
        }
        self.dimensions = dimensions
        self.baseSamples = baseSamples
        self.base = base
        if case .sobol(let seed) = base {
            sobol = SobolSequence(dimensions: 2 * dimensions, scrambling: .linearMatrixAndShift(seed: seed))
        } else {
            sobol = nil
        }
    }

    /// The base point and role of run `run`.
    package func role(ofRun run: Int) -> (baseSample: Int, role: Role) {
        precondition(run >= 0 && run < runCount, "SaltelliDesign: run \(run) out of range")
        let k = run / runsPerBaseSample, r = run % runsPerBaseSample
        return (k, r == 0 ? .a : r == dimensions + 1 ? .b : .ab(r - 1))
    }

    /// The run index of a base point's role.
    package func run(baseSample: Int, role: Role) -> Int {
        let offset: Int
        switch role {
        case .a: offset = 0
        case .b: offset = dimensions + 1
        case .ab(let i):
            precondition(i >= 0 && i < dimensions, "SaltelliDesign: input \(i) out of range")
            offset = 1 + i
        }
        return baseSample * runsPerBaseSample + offset
    }

    /// The base points of `range` (2d columns: A's then B's coordinates).
    package func basePoints(for range: Range<Int>) -> SampleMatrix {
        switch base {
        case .sobol:
            return sobol!.points(for: range)
        case .pseudoRandom(let seed):
            return PseudoRandomDesign(dimensions: 2 * dimensions, seed: seed).points(for: range)
        }
    }

    /// The points of `runs` (within 0 ..< ``runCount``), one row per run, values in (0, 1).
    package func points(for runs: Range<Int>) -> SampleMatrix {
        precondition(runs.lowerBound >= 0 && runs.upperBound <= runCount, "SaltelliDesign: runs \(runs) out of range")
        let d = dimensions, per = runsPerBaseSample
        guard !runs.isEmpty else { return SampleMatrix(rows: 0, columns: d) }
        let first = runs.lowerBound / per, last = (runs.upperBound - 1) / per
        let baseRows = basePoints(for: first..<(last + 1))
        var values = [Double](repeating: 0, count: runs.count * d)
        for run in runs {
            let k = run / per - first, r = run % per
            let dst = (run - runs.lowerBound) * d, src = k * 2 * d
            let fromB = r == d + 1
            for j in 0..<d {
                let useB = fromB || r == j + 1
                values[dst + j] = baseRows.values[src + (useB ? d + j : j)]
            }
        }
        return SampleMatrix(rows: runs.count, columns: d, values: values)
    }
}
