/// An n × d table of sample points: one row per Monte Carlo run, one column per uncertain
/// input, stored row-major (the values of run `i` are `values[i * columns ..< (i + 1) * columns]`).
///
/// Sampling designs (``SobolSequence``, ``LatinHypercube``, ``PseudoRandomDesign``,
/// ``SaltelliDesign``) return their uniforms in (0, 1) as a `SampleMatrix`; after each column
/// has been mapped through its input's `Distribution.quantile`, ``ImanConover`` reorders the
/// columns of such a table to induce rank correlation.
public struct SampleMatrix: Hashable, Sendable {
    /// Number of points (runs).
    public let rows: Int
    /// Number of dimensions (inputs).
    public let columns: Int
    /// The values, row-major, `rows * columns` of them.
    public var values: [Double]

    /// Creates a table from row-major values; `values.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0, "SampleMatrix: negative size")
        precondition(
            values.count == rows * columns,
            "SampleMatrix: \(values.count) values for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A table of zeros.
    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: 0, count: rows * columns))
    }

    /// Creates a table from its columns, which must all have the same length.
    ///
    /// - Complexity: O(n·d).
    public init(columns: [[Double]]) {
        let n = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == n }, "SampleMatrix: columns of different lengths")
        var values = [Double](repeating: 0, count: n * columns.count)
        for (j, column) in columns.enumerated() {
            for i in 0..<n { values[i * columns.count + j] = column[i] }
        }
        self.init(rows: n, columns: columns.count, values: values)
    }

    /// The value of row `row`, column `column`.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The values of one row (one run). O(d).
    public func row(_ i: Int) -> [Double] {
        Array(values[i * columns..<(i + 1) * columns])
    }

    /// The values of one column (one input). O(n).
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "SampleMatrix: column \(j) out of range")
        var out = [Double](repeating: 0, count: rows)
        for i in 0..<rows { out[i] = values[i * columns + j] }
        return out
    }

    /// Replaces one column. O(n).
    public mutating func setColumn(_ j: Int, _ column: [Double]) {
        precondition(j >= 0 && j < columns && column.count == rows, "SampleMatrix: bad column")
        for i in 0..<rows { values[i * columns + j] = column[i] }
    }
}
