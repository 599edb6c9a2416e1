/// Year columns of histories.
extension DataTable {
    /// Years a history may hold: whole numbers in this range (the scenario's start year lies in
    /// 1900–2500).
    package static let yearRange = 1000.0...3000.0

    /// The values of the column named `name` as years.
    /// - Throws: ``DataTableError`` naming the row and column of the first cell that is not a
    ///   number, or not a whole year within ``yearRange``.
    package func yearColumn(_ name: String) throws -> [Double] {
        let values = try numericColumn(name)
        let j = try columnIndex(name)
        for (i, year) in values.enumerated() where !(DataTable.yearRange.contains(year) && year == year.rounded()) {
            throw DataTableError(
                .outOfRange, file: fileName, line: lineNumbers[i], column: j + 1,
                problem:
                    "the year \(CSVTable.formatNumber(year)) in column '\(columnNames[j])' is not a whole year between \(Int(DataTable.yearRange.lowerBound)) and \(Int(DataTable.yearRange.upperBound))",
                fix: "write calendar years such as 2019")
        }
        return values
    }
}
