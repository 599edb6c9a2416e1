import Foundation

/// A diagnosis of (near-)collinear design columns: which columns the pivoted QR factorisation
/// could not separate from the others, and which retained columns they depend on.
///
/// For each dropped column c, the dependency is the least-squares solution w of
/// R₁₁ w = R₁₂[:, c] in the column-scaled, pivoted factorisation (Golub & Van Loan,
/// *Matrix Computations*, 4th ed., §5.4.1), converted back to the original units, so that
/// `x_c ≈ Σᵢ coefficientᵢ · x_i` over the retained columns listed.
package struct CollinearColumns: Sendable, Equatable, CustomStringConvertible {
    /// One retained column in a dependency, with its coefficient in original units.
    package struct Term: Sendable, Equatable {
        package let name: String
        package let coefficient: Double
    }

    /// A dropped column and the retained columns it is (nearly) a combination of.
    package struct Dependency: Sendable, Equatable {
        /// The dropped column.
        package let name: String
        /// The retained columns it depends on, in design order. Empty when the column is zero
        /// in every row.
        package let dependsOn: [Term]
    }

    /// Numerical rank of the design (number of columns QR could separate).
    package let rank: Int
    /// Number of design columns (terms, including the intercept).
    package let columnCount: Int
    /// Relative tolerance τ used for the rank decision (see ``LinearRegression/rankTolerance(observations:parameters:)``).
    package let tolerance: Double
    /// 2-norm condition number of the column-scaled design (∞ when exactly singular).
    package let conditionNumber: Double
    /// The dropped columns, in pivot order (the most dependent last).
    package let dependencies: [Dependency]

    package init(rank: Int, columnCount: Int, tolerance: Double, conditionNumber: Double, dependencies: [Dependency]) {
        self.rank = rank
        self.columnCount = columnCount
        self.tolerance = tolerance
        self.conditionNumber = conditionNumber
        self.dependencies = dependencies
    }

    /// Names of the dropped columns.
    package var droppedNames: [String] { dependencies.map(\.name) }

    /// One line, e.g. `'x3' ≈ 1·'x1' + 2·'x2' (numerical rank 3 of 4 …)`.
    package var description: String {
        let parts = dependencies.map { dependency -> String in
            if dependency.dependsOn.isEmpty { return "'\(dependency.name)' is zero in every row" }
            let shown = dependency.dependsOn.prefix(6)
            var rhs = shown.enumerated().map { index, term -> String in
                let magnitude = CollinearColumns.format(abs(term.coefficient))
                let sign = term.coefficient < 0 ? "−" : (index == 0 ? "" : "+")
                return (index == 0 ? sign : " \(sign) ") + "\(magnitude)·'\(term.name)'"
            }.joined()
            if dependency.dependsOn.count > shown.count { rhs += " + …" }
            return "'\(dependency.name)' ≈ \(rhs)"
        }
        let kappa = conditionNumber.isFinite ? CollinearColumns.format(conditionNumber) : "∞"
        return parts.joined(separator: "; ")
            + " (numerical rank \(rank) of \(columnCount) at relative tolerance \(CollinearColumns.format(tolerance)); "
            + "condition number of the column-scaled design \(kappa))"
    }

    /// Four significant digits, e.g. `2`, `0.5`, `1.768e+15`.
    static func format(_ x: Double) -> String {
        String(format: "%.4g", x)
    }
}
