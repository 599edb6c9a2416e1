/// A fixed number of values per run for every run of a study, in run order, filled block by block
/// as the ordered aggregation pipeline (``ParallelBlocks/forEachOrdered(blockCount:threads:_:maxAhead:consume:)``)
/// hands the blocks over: the per-run data that an estimator needs whole (the inputs and outputs
/// of ``SensitivityStudy``'s regressions and Sobol' indices), stored once, without per-block
/// copies being concatenated afterwards.
///
/// Contract: storage is allocated up front (`runs × columns` values, row-major: run `i` at
/// `values[i * columns ..< (i + 1) * columns]`); ``store(block:rows:)`` writes a block's rows at
/// their runs' positions, so the table does not depend on the order blocks arrive in.
struct RunValueTable {
    let runs: Int
    let columns: Int
    /// Row-major values, `runs × columns` of them; rows not yet stored are 0.
    private(set) var values: [Double]

    init(runs: Int, columns: Int) {
        self.runs = runs
        self.columns = columns
        values = [Double](repeating: 0, count: runs * columns)
    }

    /// Stores the rows of the runs in `block` (row-major, `block.count × columns` values).
    mutating func store(block: Range<Int>, rows: [Double]) {
        precondition(rows.count == block.count * columns && block.upperBound <= runs, "RunValueTable: block does not fit")
        values.withUnsafeMutableBufferPointer { buffer in
            for (k, x) in rows.enumerated() { buffer[block.lowerBound * columns + k] = x }
        }
    }

    /// Column `j` over every run.
    func column(_ j: Int) -> [Double] {
        (0..<runs).map { values[$0 * columns + j] }
    }

    /// The table as a column-major ``Matrix`` (runs × columns).
    func matrix() -> Matrix {
        var storage = [Double](repeating: 0, count: runs * columns)
        for i in 0..<runs { for j in 0..<columns { storage[i + j * runs] = values[i * columns + j] } }
        return Matrix(rows: runs, columns: columns, storage: storage)
    }

    /// The table as a ``SampleMatrix`` (shares the storage, copy-on-write).
    func sampleMatrix() -> SampleMatrix {
        SampleMatrix(rows: runs, columns: columns, values: values)
    }
}
