/// A run as a point of the latent space: the uniforms behind its uncertain inputs, the standard
/// normals behind its yearly shocks, and the run whose stream gives its later shocks (for
/// ``ImportanceResampler``).
extension PlanSimulator {
    /// The uniforms of the runs of one block, one row per run (organisations' inputs in order),
    /// exactly those ``simulate(block:_:)`` turns into inputs, so that
    /// ``simulate(uniforms:shockRun:into:)`` with row i and shock run `runs.lowerBound + i`
    /// reproduces that run.
    package func blockUniforms(runs: Range<Int>) -> [[Double]] {
        let parts = samplers.map { ($0.blockUniforms(runs: runs), $0.dimensions.count) }
        return (0..<runs.count).map { (i: Int) -> [Double] in
            var row: [Double] = []
            for (u, d) in parts { row += u.values[(i * u.columns)..<(i * u.columns + d)] }
            return row
        }
    }

    /// The uncertain inputs (``inputNames`` order) that given uniforms stand for.
    package func inputValues(uniforms: [Double]) -> [Double] {
        var offset = 0
        var out: [Double] = []
        for sampler in samplers {
            let d = sampler.dimensions.count
            out += sampler.uncertainValues(of: sampler.values(uniforms: Array(uniforms[offset..<(offset + d)])))
            offset += d
        }
        return out
    }

    /// Latent standard normals per year behind a run's yearly shocks: three economy-wide, then
    /// three own ones per organisation of a portfolio (``YearlyShocks/latentWidth(organisations:)``).
    package var latentShockWidth: Int { YearlyShocks.latentWidth(organisations: isPortfolio ? organisationNames : []) }

    /// The latent standard normals of run `run`'s shocks in years 1 … `years` (rows of
    /// ``latentShockWidth``), exactly those its stream gives: with them,
    /// ``simulate(uniforms:shockRun:shocks:into:)`` reproduces the run.
    package func latentShocks(run: Int, years: Int) -> [Double] {
        YearlyShocks.latentNormals(
            stream: RandomStream(seed: scenario.seed, run: UInt64(run)), years: years,
            organisations: isPortfolio ? organisationNames : [])
    }

    /// The groups of rank-correlated inputs: for each organisation with a correlation block, the
    /// positions of its correlated inputs in a particle's uniforms (the order of the correlation
    /// matrix) and a square root P (column-major, P·Pᵀ = C) of the Pearson correlation C that
    /// Iman–Conover imposes on their normal scores.
    var correlatedGroups: [(columns: [Int], factor: [Double])] {
        var offset = 0
        var groups: [(columns: [Int], factor: [Double])] = []
        for sampler in samplers {
            if let ic = sampler.imanConover, !sampler.correlatedColumns.isEmpty {
                groups.append((sampler.correlatedColumns.map { offset + $0 }, ic.factor))
            }
            offset += sampler.dimensions.count
        }
        return groups
    }
}
