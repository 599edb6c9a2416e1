import Foundation

/// A validated rank-correlation matrix over named uncertain inputs.
///
/// Built from a list of pairs (pairs not listed are uncorrelated) or from a full matrix, and
/// checked for everything that makes a correlation specification impossible: unknown or
/// duplicate names, pairs given twice with different values, entries outside [−1, 1],
/// asymmetric entries, a diagonal other than 1, and matrices that are not positive
/// semi-definite, i.e. correlations that no set of random variables can have together. The
/// last check names the conflicting entries: for the most negative eigenvalue λ with unit
/// eigenvector v, λ = vᵀCv = 1 + Σ_{i<j} 2·v_i·v_j·ρ_ij, and the pairs whose terms
/// 2·v_i·v_j·ρ_ij are most negative are those that pull λ below zero.
///
/// With ``Repair/nearest`` an inconsistent matrix is replaced by the nearest valid one in the
/// Frobenius norm, by Higham's alternating projections with Dykstra's correction (Higham 2002,
/// "Computing the nearest correlation matrix — a problem from finance", IMA J. Numer. Anal.
/// 22(3), 329–343), projecting onto {eigenvalues ≥ ``repairMinimumEigenvalue``} (so that the
/// result has a Cholesky factor) and onto {unit diagonal} in turn; ``repairReport`` says how
/// far it moved.
///
/// Values are stored column-major (entry (i, j) at `values[i + j * dimension]`); the matrix
/// is symmetric, so row-major reads give the same numbers.
///
/// - Complexity: validation O(d³) (one `dsyev`); repair O(d³) per iteration, typically
///   tens to a few hundred iterations.
package struct CorrelationMatrix: Sendable, Equatable {
    /// The input names, in matrix order.
    package let names: [String]
    /// The correlations, column-major `dimension` × `dimension`, symmetric with unit diagonal.
    package let values: [Double]
    /// How the matrix was repaired, or nil when it was valid as given.
    package let repairReport: RepairReport?

    /// Number of inputs.
    package var dimension: Int { names.count }

    /// The smallest eigenvalue a repaired matrix is given (it keeps the repaired matrix
    /// positive definite, so that it has a Cholesky factor).
    package static let repairMinimumEigenvalue = 1e-6
    /// Eigenvalues down to −`eigenvalueTolerance` count as zero (rounding of a singular but valid
    /// matrix, e.g. one with a correlation of exactly 1).
    package static let eigenvalueTolerance = 1e-10

    /// What to do with a matrix that is not positive semi-definite.
    package enum Repair: String, Sendable, CaseIterable {
        /// Reject it with ``Issue/notPositiveSemidefinite(smallestEigenvalue:conflicting:)``.
        case none
        /// Replace it by the nearest correlation matrix (Higham 2002).
        case nearest
    }

    /// One correlation: a pair of input names and a value.
    package struct Entry: Hashable, Sendable, CustomStringConvertible {
        package let first: String
        package let second: String
        package let value: Double
        package init(_ first: String, _ second: String, _ value: Double) {
            self.first = first
            self.second = second
            self.value = value
        }
        package var description: String { "\(first)~\(second) (\(CorrelationMatrix.format(value)))" }
    }

    /// How far a repair moved the matrix.
    package struct RepairReport: Sendable, Equatable, CustomStringConvertible {
        /// ‖C_repaired − C_given‖_F over the whole matrix (each off-diagonal change counts twice).
        package let frobeniusDistance: Double
        /// The entry that changed most: its pair, the given value and the repaired value.
        package let largestChange: (first: String, second: String, from: Double, to: Double)
        /// Smallest eigenvalue of the given matrix (negative).
        package let smallestEigenvalueBefore: Double
        /// Smallest eigenvalue of the repaired matrix.
        package let smallestEigenvalueAfter: Double
        /// Alternating-projection iterations used.
        package let iterations: Int

        package static func == (a: RepairReport, b: RepairReport) -> Bool {
            a.frobeniusDistance == b.frobeniusDistance && a.largestChange == b.largestChange
                && a.smallestEigenvalueBefore == b.smallestEigenvalueBefore
                && a.smallestEigenvalueAfter == b.smallestEigenvalueAfter && a.iterations == b.iterations
        }

        package var description: String {
            let c = largestChange
            return "repaired to the nearest valid correlation matrix: moved by \(CorrelationMatrix.format(frobeniusDistance, digits: 4)) "
                + "(Frobenius norm); largest change \(c.first)~\(c.second) \(CorrelationMatrix.format(c.from, digits: 4)) -> "
                + "\(CorrelationMatrix.format(c.to, digits: 4))"
        }
    }

    /// One thing wrong with a correlation specification.
    package enum Issue: Hashable, Sendable, CustomStringConvertible {
        /// An input name appears more than once in `names`.
        case duplicateName(String)
        /// A pair mentions a name that is not an input.
        case unknownName(String, pair: Entry)
        /// The same pair is given more than once with different values.
        case conflictingPair(first: String, second: String, values: [Double])
        /// A correlation is NaN or outside [−1, 1].
        case outOfRange(Entry)
        /// Entries (first, second) and (second, first) of a full matrix differ.
        case asymmetric(first: String, second: String, upper: Double, lower: Double)
        /// A diagonal entry (or a pair of a name with itself) is not 1.
        case nonUnitDiagonal(name: String, value: Double)
        /// A full matrix whose size does not match the number of names (row count, and the
        /// length of each row).
        case sizeMismatch(names: Int, rows: Int, columns: [Int])
        /// A column-major array whose length is not the square of the number of names.
        case valueCountMismatch(names: Int, values: Int)
        /// The matrix is not positive semi-definite; `conflicting` are the entries that pull
        /// the smallest eigenvalue below zero (at most six, in matrix order).
        case notPositiveSemidefinite(smallestEigenvalue: Double, conflicting: [Entry])

        package var description: String {
            switch self {
            case .duplicateName(let name):
                return "input '\(name)' is named more than once"
            case .unknownName(let name, let pair):
                return "correlation \(pair.first)~\(pair.second): '\(name)' is not an uncertain input"
            case .conflictingPair(let a, let b, let values):
                return "correlation \(a)~\(b) is given more than once with different values ("
                    + values.map { CorrelationMatrix.format($0) }.joined(separator: ", ") + ")"
            case .outOfRange(let e):
                return "correlation \(e.first)~\(e.second) = \(CorrelationMatrix.format(e.value)) is not in [-1, 1]"
            case .asymmetric(let a, let b, let upper, let lower):
                return "correlation matrix is not symmetric: \(a)~\(b) is \(CorrelationMatrix.format(upper)) but "
                    + "\(b)~\(a) is \(CorrelationMatrix.format(lower))"
            case .nonUnitDiagonal(let name, let value):
                return "the correlation of '\(name)' with itself must be 1, not \(CorrelationMatrix.format(value))"
            case .sizeMismatch(let names, let rows, let columns):
                let widths = Set(columns).sorted().map(String.init).joined(separator: "/")
                return "correlation matrix has \(rows) rows of \(widths.isEmpty ? "0" : widths) values, "
                    + "but there are \(names) inputs"
            case .valueCountMismatch(let names, let count):
                return "a correlation matrix over \(names) inputs has \(names * names) entries, not \(count)"
            case .notPositiveSemidefinite(let lambda, let entries):
                let eigen = "(the matrix is not positive semi-definite: smallest eigenvalue \(CorrelationMatrix.format(lambda, digits: 3)))"
                guard entries.count >= 2 else {
                    let which = entries.first.map { "correlation \($0) is" } ?? "these correlations are"
                    return "\(which) inconsistent with the others; lower it or use `repair: nearest` \(eigen)"
                }
                let listed =
                    entries.dropLast().map(\.description).joined(separator: ", ")
                    + " and " + entries.last!.description
                let all: String
                switch entries.count {
                case 2: all = "both"
                case 3: all = "all three"
                case 4: all = "all four"
                case 5: all = "all five"
                default: all = "all \(entries.count)"
                }
                return "correlations \(listed) are inconsistent: no set of variables can have \(all); "
                    + "lower one of them or use `repair: nearest` \(eigen)"
            }
        }
    }

    /// The error thrown by the initialisers: every issue found, in the order found.
    package struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
        package let issues: [Issue]
        package var description: String {
            issues.count == 1
                ? issues[0].description
                : "invalid correlations:\n" + issues.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    // MARK: - Initialisers

    /// A matrix from a list of pairs (name, name, correlation); pairs not listed are 0.
    ///
    /// A pair may be listed in either order and more than once with the same value; a pair of a
    /// name with itself must have the value 1.
    ///
    /// - Throws: ``ValidationError`` listing every issue found.
    package init(names: [String], pairs: [(String, String, Double)], repair: Repair = .none) throws {
        var issues = CorrelationMatrix.nameIssues(names)
        let index = CorrelationMatrix.indexOf(names)
        let n = names.count
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { m[i + i * n] = 1 }
        var seen: [Int: [Double]] = [:]  // key i * n + j with i < j
        var order: [Int] = []
        for (a, b, value) in pairs {
            let entry = Entry(a, b, value)
            var known = true
            for name in a == b ? [a] : [a, b] where index[name] == nil {
                issues.append(.unknownName(name, pair: entry))
                known = false
            }
            guard known, let i = index[a], let j = index[b] else { continue }
            if i == j {
                if value != 1 { issues.append(.nonUnitDiagonal(name: a, value: value)) }
                continue
            }
            if !(value >= -1 && value <= 1) {
                issues.append(.outOfRange(entry))
                continue
            }
            let key = min(i, j) * n + max(i, j)
            if seen[key] == nil { order.append(key) }
            seen[key, default: []].append(value)
            m[i + j * n] = value
            m[j + i * n] = value
        }
        for key in order {
            let values = seen[key]!
            if Set(values).count > 1 {
                issues.append(.conflictingPair(first: names[key / n], second: names[key % n], values: values))
            }
        }
        try self.init(validatedStructure: issues, names: names, values: m, repair: repair)
    }

    /// A matrix from its rows (`matrix[i][j]` is the correlation of `names[i]` and `names[j]`).
    ///
    /// - Throws: ``ValidationError`` listing every issue found.
    package init(names: [String], matrix: [[Double]], repair: Repair = .none) throws {
        let n = names.count
        guard matrix.count == n, matrix.allSatisfy({ $0.count == n }) else {
            throw ValidationError(
                issues: CorrelationMatrix.nameIssues(names)
                    + [.sizeMismatch(names: n, rows: matrix.count, columns: matrix.map(\.count))])
        }
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { m[i + j * n] = matrix[i][j] } }
        try self.init(names: names, values: m, repair: repair)
    }

    /// A matrix from column-major values (`values[i + j * names.count]`).
    ///
    /// - Throws: ``ValidationError`` listing every issue found.
    package init(names: [String], values: [Double], repair: Repair = .none) throws {
        let n = names.count
        var issues = CorrelationMatrix.nameIssues(names)
        guard values.count == n * n else {
            throw ValidationError(issues: issues + [.valueCountMismatch(names: n, values: values.count)])
        }
        for i in 0..<n where values[i + i * n] != 1 {
            issues.append(.nonUnitDiagonal(name: names[i], value: values[i + i * n]))
        }
        for j in 0..<n {
            for i in 0..<j {
                let upper = values[i + j * n], lower = values[j + i * n]
                if !(upper >= -1 && upper <= 1) {
                    issues.append(.outOfRange(Entry(names[i], names[j], upper)))
                } else if !(lower >= -1 && lower <= 1) {
                    issues.append(.outOfRange(Entry(names[j], names[i], lower)))
                } else if upper != lower {
                    issues.append(.asymmetric(first: names[i], second: names[j], upper: upper, lower: lower))
                }
            }
        }
        try self.init(validatedStructure: issues, names: names, values: values, repair: repair)
    }

    /// The identity (all inputs uncorrelated).
    package static func identity(names: [String]) throws -> CorrelationMatrix {
        try CorrelationMatrix(names: names, pairs: [])
    }

    private init(validatedStructure issues: [Issue], names: [String], values: [Double], repair: Repair) throws {
        guard issues.isEmpty else { throw ValidationError(issues: issues) }
        let n = names.count
        self.names = names
        guard n > 1 else {
            self.values = values
            self.repairReport = nil
            return
        }
        let eigen = try SymmetricEigen(matrix: values, dimension: n, symmetryTolerance: 0)
        let lambda = eigen.eigenvalues[0]
        if lambda >= -CorrelationMatrix.eigenvalueTolerance {
            self.values = values
            self.repairReport = nil
            return
        }
        guard repair == .nearest else {
            let conflicting = CorrelationMatrix.conflictingEntries(
                names: names, values: values,
                eigenvector: eigen.eigenvector(0))
            throw ValidationError(issues: [.notPositiveSemidefinite(smallestEigenvalue: lambda, conflicting: conflicting)])
        }
        let (repaired, iterations) = try CorrelationMatrix.nearestCorrelation(to: values, dimension: n)
        var sumSquares = 0.0, largest = (i: 0, j: 1, delta: -1.0)
        for j in 0..<n {
            for i in 0..<n {
                let delta = abs(repaired[i + j * n] - values[i + j * n])
                sumSquares += delta * delta
                if i < j && delta > largest.delta { largest = (i, j, delta) }
            }
        }
        let after = try SymmetricEigen(matrix: repaired, dimension: n, computeVectors: false, symmetryTolerance: 0)
        self.values = repaired
        self.repairReport = RepairReport(
            frobeniusDistance: sumSquares.squareRoot(),
            largestChange: (
                names[largest.i], names[largest.j], values[largest.i + largest.j * n],
                repaired[largest.i + largest.j * n]
            ),
            smallestEigenvalueBefore: lambda, smallestEigenvalueAfter: after.eigenvalues[0],
            iterations: iterations)
    }

    // MARK: - Access

    /// The correlation of inputs `i` and `j` (zero-based).
    package subscript(i: Int, j: Int) -> Double {
        values[i + j * dimension]
    }

    /// The correlation of two named inputs, or nil if a name is unknown.
    package func correlation(_ a: String, _ b: String) -> Double? {
        guard let i = names.firstIndex(of: a), let j = names.firstIndex(of: b) else { return nil }
        return self[i, j]
    }

    /// The nonzero correlations above the diagonal, in matrix order.
    package var entries: [Entry] {
        var out: [Entry] = []
        for i in 0..<dimension {
            for j in (i + 1)..<max(dimension, i + 1) where self[i, j] != 0 {
                out.append(Entry(names[i], names[j], self[i, j]))
            }
        }
        return out
    }

    // MARK: - Algorithms

    /// The nearest correlation matrix to the symmetric matrix `a` (column-major, n × n) in the
    /// Frobenius norm, among matrices with unit diagonal and eigenvalues ≥ `minimumEigenvalue`:
    /// Higham's (2002) alternating projections with Dykstra's correction, iterated until
    /// successive iterates agree to `tolerance` (relative Frobenius norm). If the iteration
    /// stops with an eigenvalue below `minimumEigenvalue / 2`, a final eigenvalue clip and
    /// rescaling to unit diagonal is applied, so the result is always positive definite.
    ///
    /// - Returns: the matrix and the number of iterations.
    /// - Complexity: O(n³) per iteration (one `dsyev`).
    package static func nearestCorrelation(
        to a: [Double], dimension n: Int,
        minimumEigenvalue: Double = repairMinimumEigenvalue,
        tolerance: Double = 1e-12,
        maxIterations: Int = 10_000
    ) throws -> (matrix: [Double], iterations: Int) {
        precondition(a.count == n * n, "nearestCorrelation: \(a.count) values for \(n) × \(n)")
        func clipped(_ r: [Double]) throws -> [Double] {
            let e = try SymmetricEigen(matrix: r, dimension: n, symmetryTolerance: 1e-9)
            return symmetrised(e.reconstruct { max($0, minimumEigenvalue) }, n)
        }
        var y = symmetrised(a, n)
        var correction = [Double](repeating: 0, count: n * n)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            var r = y
            for k in 0..<r.count { r[k] -= correction[k] }
            let x = try clipped(r)
            for k in 0..<r.count { correction[k] = x[k] - r[k] }
            var next = x
            for i in 0..<n { next[i + i * n] = 1 }
            let norm = frobenius(next)
            let change = frobenius(zip(next, y).map { $0 - $1 })
            let gap = frobenius(zip(next, x).map { $0 - $1 })
            y = next
            if change <= tolerance * norm && gap <= tolerance * norm { break }
        }
        let check = try SymmetricEigen(matrix: y, dimension: n, computeVectors: false, symmetryTolerance: 1e-9)
        if check.eigenvalues[0] < minimumEigenvalue / 2 {
            let x = try clipped(y)
            var scaled = x
            for j in 0..<n {
                for i in 0..<n { scaled[i + j * n] = x[i + j * n] / (x[i + i * n] * x[j + j * n]).squareRoot() }
            }
            y = symmetrised(scaled, n)
        }
        for i in 0..<n { y[i + i * n] = 1 }
        for k in 0..<y.count { y[k] = min(1, max(-1, y[k])) }
        return (y, iterations)
    }

    /// The entries that make a matrix indefinite, from the unit eigenvector v of its most
    /// negative eigenvalue: pairs whose term 2·v_i·v_j·ρ_ij in λ = vᵀCv is negative and at least
    /// a fifth of the most negative term (the six strongest at most), listed in matrix order.
    static func conflictingEntries(names: [String], values: [Double], eigenvector v: [Double]) -> [Entry] {
        let n = names.count
        var terms: [(term: Double, i: Int, j: Int)] = []
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let t = 2 * v[i] * v[j] * values[i + j * n]
                if t < 0 { terms.append((t, i, j)) }
            }
        }
        terms.sort { ($0.term, $0.i, $0.j) < ($1.term, $1.i, $1.j) }
        guard let strongest = terms.first?.term else { return [] }
        return terms.prefix { $0.term <= 0.2 * strongest }.prefix(6)
            .sorted { ($0.i, $0.j) < ($1.i, $1.j) }
            .map { Entry(names[$0.i], names[$0.j], values[$0.i + $0.j * n]) }
    }

    private static func symmetrised(_ a: [Double], _ n: Int) -> [Double] {
        var s = a
        for j in 0..<n {
            for i in 0..<j {
                let m = (a[i + j * n] + a[j + i * n]) / 2
                s[i + j * n] = m
                s[j + i * n] = m
            }
        }
        return s
    }

    private static func frobenius(_ a: [Double]) -> Double {
        a.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    private static func nameIssues(_ names: [String]) -> [Issue] {
        var seen = Set<String>(), reported = Set<String>(), issues: [Issue] = []
        for name in names where !seen.insert(name).inserted && reported.insert(name).inserted {
            issues.append(.duplicateName(name))
        }
        return issues
    }

    private static func indexOf(_ names: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        return index
    }

    /// Shortest decimal form of a correlation for messages (at most `digits` significant digits).
    static func format(_ x: Double, digits: Int = 6) -> String {
        if x.isNaN { return "NaN" }
        let s = String(format: "%.\(digits)g", x)
        return s
    }
}
