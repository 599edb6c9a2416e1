/// A run as a point of the input space: the uniforms behind its uncertain inputs and the run
/// whose yearly shocks it uses (for ``ImportanceResampler``).
extension PlanSimulator {
    /// The uniforms of the runs of one block, one row per run (organisations' inputs in order),
    /// exactly those ``simulate(block:_:)`` turns into inputs, so that
    /// ``simulate(uniforms:shockRun:into:)`` with row i and shock run `runs.lowerBound + i`
    /// reproduces that run.
    public func blockUniforms(runs: Range<Int>) -> [[Double]] {
        let parts = samplers.map { ($0.blockUniforms(runs: runs), $0.dimensions.count) }
        return (0..<runs.count).map { i in
            parts.flatMap { u, d in Array(u.values[(i * u.columns)..<(i * u.columns + d)]) }
        }
    }

    /// The uncertain inputs (``inputNames`` order) that given uniforms stand for.
    public func inputValues(uniforms: [Double]) -> [Double] {
        var offset = 0
        var out: [Double] = []
        for sampler in samplers {
            let d = sampler.dimensions.count
            out += sampler.uncertainValues(of: sampler.values(uniforms: Array(uniforms[offset..<(offset + d)])))
            offset += d
        }
        return out
    }

    /// Whether a run's uniforms are, before conditioning, independent uniforms (no rank
    /// correlation induced between them), so that a move that leaves independent normal scores
    /// invariant leaves the prior invariant.
    var hasIndependentUniforms: Bool { samplers.allSatisfy { $0.imanConover == nil } }
}
