/// Naming the columns a rank-deficient design cannot separate.
extension LinearRegression {
    /// Coefficients |w| below this, relative to the largest, are left out of a dependency
    /// (in the column-scaled units a coefficient is the share of a unit-norm column, so
    /// 1e-6 of the largest is far below anything that matters for the diagnosis).
    static let dependencyDisplayThreshold = 1e-6

    /// Builds the ``CollinearColumns`` report for a pivoted QR of the column-scaled design whose
    /// numerical rank is `rank` < p: pivot positions `rank..<p` are the dropped columns; each
    /// is expressed through the retained ones by solving R₁₁ w = R₁₂[:, k] (`dtrtrs`).
    static func diagnoseCollinearity(
        r: Matrix, permutation perm: [Int], scale: [Double],
        zeroColumns: Set<Int>, rank: Int, termNames: [String],
        tolerance: Double, conditionNumber: Double
    ) -> CollinearColumns {
        let p = perm.count
        let r11 = r.leadingBlock(rows: rank, columns: rank)
        var dependencies: [CollinearColumns.Dependency] = []
        for k in rank..<p {
            let column = perm[k]
            if zeroColumns.contains(column) || rank == 0 {
                dependencies.append(.init(name: termNames[column], dependsOn: []))
                continue
            }
            let rhs = (0..<rank).map { r[$0, k] }
            guard let w = try? r11.solvingUpperTriangular(rhs) else {
                dependencies.append(.init(name: termNames[column], dependsOn: []))
                continue
            }
            let largest = w.map(abs).max() ?? 0
            var terms: [(index: Int, term: CollinearColumns.Term)] = []
            for i in 0..<rank where abs(w[i]) > dependencyDisplayThreshold * largest {
                let retained = perm[i]
                // x_c = s_c · xs_c ≈ s_c Σ w_i xs_π(i) = Σ (w_i s_c / s_π(i)) x_π(i)
                let coefficient = w[i] * scale[column] / scale[retained]
                terms.append((retained, .init(name: termNames[retained], coefficient: coefficient)))
            }
            terms.sort { $0.index < $1.index }
            dependencies.append(.init(name: termNames[column], dependsOn: terms.map(\.term)))
        }
        return CollinearColumns(
            rank: rank, columnCount: p, tolerance: tolerance,
            conditionNumber: conditionNumber, dependencies: dependencies)
    }
}
