/// The preconditioned Crank–Nicolson (pCN) proposal of ``ImportanceResampler``'s moves on a
/// particle's latent standard normal vector (Cotter, Roberts, Stuart & White 2013).
///
/// The latent vector is the normal scores z = Φ⁻¹(u) of the particle's input uniforms and the
/// standard normals of its yearly shocks over the observed years. The proposal is
/// z′ = ρz + √(1 − ρ²)·Pε, ε a vector of independent standard normals, where P is the identity
/// for independently drawn inputs and shocks, and for a group of rank-correlated inputs a square
/// root (P·Pᵀ = C) of the Pearson correlation C that Iman–Conover imposes on their normal scores.
/// The proposal is reversible with respect to N(0, C) (z and z′ are jointly normal with the same
/// marginal and the symmetric cross-covariance ρC), so accepting it with probability
/// min(1, L(z′)/L(z)) leaves prior × likelihood invariant, for the Gaussian-copula prior of the
/// correlated inputs (an approximation of the Iman–Conover prior, which correlates within blocks
/// of runs).
struct CrankNicolsonProposal: Sendable {
    /// A group of correlated inputs: their positions in the uniforms and P (column-major).
    struct Group: Sendable {
        let columns: [Int]
        let factor: [Double]
    }

    let groups: [Group]
    /// Positions of the inputs that are drawn independently.
    let independent: [Int]

    init(plan: PlanSimulator) {
        groups = plan.correlatedGroups.map { Group(columns: $0.columns, factor: $0.factor) }
        let grouped = Set(groups.flatMap(\.columns))
        independent = (0..<plan.inputCount).filter { !grouped.contains($0) }
    }

    /// The proposal from (`uniforms`, `shocks`) with correlation `rho`; `normal(k)` is the k-th
    /// independent standard normal of this proposal (k < uniforms.count + shocks.count: input k's
    /// for k < uniforms.count, then shock k − uniforms.count's). Uniforms are kept inside
    /// [2⁻⁵³, 1 − 2⁻⁵³], the range of ``RandomStream``'s uniforms.
    func propose(uniforms: [Double], shocks: [Double], rho: Double, normal: (Int) -> Double) -> (uniforms: [Double], shocks: [Double]) {
        let spread = (1 - rho * rho).squareRoot()
        @inline(__always) func uniform(_ z: Double) -> Double { min(max(SpecialFunctions.normalCDF(z), 0x1.0p-53), 1 - 0x1.0p-53) }
        var u = uniforms
        for k in independent {
            u[k] = uniform(rho * SpecialFunctions.normalQuantile(uniforms[k]) + spread * normal(k))
        }
        for group in groups {
            let d = group.columns.count
            let e = group.columns.map(normal)
            for a in 0..<d {
                var correlated = 0.0
                for b in 0..<d { correlated += group.factor[a + b * d] * e[b] }
                let k = group.columns[a]
                u[k] = uniform(rho * SpecialFunctions.normalQuantile(uniforms[k]) + spread * correlated)
            }
        }
        var s = shocks
        for i in shocks.indices { s[i] = rho * shocks[i] + spread * normal(uniforms.count + i) }
        return (u, s)
    }
}
