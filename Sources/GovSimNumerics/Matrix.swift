/// A dense real matrix stored in column-major order, the layout LAPACK expects.
///
/// Element (i, j) (0-based row i, column j) lives at `storage[i + j * rows]`. The type is a
/// plain value: copies are independent (copy-on-write through `Array`). It carries no units;
/// the regression code stores one variable per column and one observation per row.
package struct Matrix: Sendable, Equatable {
    /// Number of rows (observations in a design matrix).
    package let rows: Int
    /// Number of columns (variables in a design matrix).
    package let columns: Int
    /// The elements in column-major order; `storage.count == rows * columns`.
    package var storage: [Double]

    /// A matrix over existing column-major storage.
    /// - Precondition: `storage.count == rows * columns`, both dimensions non-negative.
    package init(rows: Int, columns: Int, storage: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        precondition(
            storage.count == rows * columns,
            "Matrix storage has \(storage.count) elements for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix with every element equal to `value`.
    package init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, storage: Array(repeating: value, count: rows * columns))
    }

    /// A matrix from its columns; every column must have the same length.
    package init(columns: [[Double]]) {
        let rows = columns.first?.count ?? 0
        var storage: [Double] = []
        storage.reserveCapacity(rows * columns.count)
        for column in columns {
            precondition(column.count == rows, "Matrix columns have different lengths")
            storage.append(contentsOf: column)
        }
        self.init(rows: rows, columns: columns.count, storage: storage)
    }

    /// A matrix from its rows (as a literal is usually written); every row must have the same
    /// length.
    package init(rowMajor rowArrays: [[Double]]) {
        let rows = rowArrays.count
        let columns = rowArrays.first?.count ?? 0
        var m = Matrix(rows: rows, columns: columns)
        for (i, row) in rowArrays.enumerated() {
            precondition(row.count == columns, "Matrix rows have different lengths")
            for (j, value) in row.enumerated() { m[i, j] = value }
        }
        self = m
    }

    /// The n×n identity matrix.
    package static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// Element at 0-based `row`, `column`.
    package subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            storage[row + column * rows] = newValue
        }
    }

    /// A copy of column `j`.
    package func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Matrix column out of range")
        return Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// A copy of row `i`.
    package func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Matrix row out of range")
        return (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The transpose.
    package var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t.storage[j + i * columns] = storage[i + j * rows] }
        }
        return t
    }

    /// The leading `rowCount`×`columnCount` block.
    package func leadingBlock(rows rowCount: Int, columns columnCount: Int) -> Matrix {
        precondition(rowCount <= rows && columnCount <= columns, "Block larger than the matrix")
        var b = Matrix(rows: rowCount, columns: columnCount)
        for j in 0..<columnCount {
            for i in 0..<rowCount { b.storage[i + j * rowCount] = storage[i + j * rows] }
        }
        return b
    }

    /// The matrix product `self · other` (plain triple loop; the matrices in govsim are small).
    package func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "Matrix product of \(rows)×\(columns) and \(other.rows)×\(other.columns)")
        var p = Matrix(rows: rows, columns: other.columns)
        for j in 0..<other.columns {
            for k in 0..<columns {
                let b = other.storage[k + j * other.rows]
                if b == 0 { continue }
                for i in 0..<rows { p.storage[i + j * rows] += storage[i + k * rows] * b }
            }
        }
        return p
    }

    /// The matrix-vector product `self · v`.
    package func multiplied(by v: [Double]) -> [Double] {
        precondition(columns == v.count, "Matrix-vector product of \(rows)×\(columns) and \(v.count)")
        var out = Array(repeating: 0.0, count: rows)
        for k in 0..<columns {
            let b = v[k]
            if b == 0 { continue }
            for i in 0..<rows { out[i] += storage[i + k * rows] * b }
        }
        return out
    }
}
