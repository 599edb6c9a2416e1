import Foundation

/// A table read from CSV text: a header row of column names and data rows of text cells, with
/// the file line of every row so that errors can point at it. Numeric columns are extracted on
/// demand by ``numericColumn(_:)``, which reports the exact cell that is not a number.
///
/// ## Format (RFC 4180, with common relaxations)
/// - Fields are separated by commas; records by CRLF, LF or a lone CR.
/// - A field may be enclosed in double quotes; it may then contain commas, line breaks and
///   doubled quotes (`""` stands for `"`). A quote inside an unquoted field, or anything but a
///   comma or line break after a closing quote, is an error.
/// - The first record is the header. Header names are trimmed of surrounding spaces and must be
///   non-empty and unique.
/// - Text must be UTF-8; a leading byte-order mark is skipped.
/// - Completely empty lines (outside quotes) are skipped; a final line break is optional.
///
/// The parser works on bytes (every structural character is ASCII, so UTF-8 multi-byte
/// sequences never contain one) and decodes each field separately, which lets an invalid
/// UTF-8 sequence be reported with its line and column.
package struct DataTable: Sendable {
    /// Display name of the source, used in every error message.
    package let fileName: String
    /// Column names from the header, in file order.
    package let columnNames: [String]
    /// Data rows; each has exactly `columnNames.count` cells (unquoted text).
    package let rows: [[String]]
    /// 1-based line of the file on which each data row starts (parallel to ``rows``).
    package let lineNumbers: [Int]
    /// 1-based line of the header row (1 unless blank lines precede it). Errors about a whole
    /// column point at the column's name here.
    package let headerLineNumber: Int

    /// Parses CSV bytes.
    /// - Parameters:
    ///   - data: the file's contents.
    ///   - fileName: how to name the file in error messages.
    /// - Throws: ``DataTableError``.
    package init(data: Data, fileName: String) throws {
        try self.init(bytes: [UInt8](data), fileName: fileName)
    }

    /// Parses CSV text.
    package init(text: String, fileName: String) throws {
        try self.init(bytes: Array(text.utf8), fileName: fileName)
    }

    /// Number of data rows.
    package var rowCount: Int { rows.count }

    /// Largest input parsed, in bytes.
    package static let maximumBytes = 64 << 20
    /// Most columns a table may have.
    package static let maximumColumns = 10_000
    /// Most data rows a table may have.
    package static let maximumRows = 10_000_000

    /// Parses CSV bytes (see the type's documentation for the format). Refuses, before parsing,
    /// input larger than ``maximumBytes`` and input holding a NUL byte (binary data, or a file
    /// such as /proc/self/environ, whose content is never echoed); stops at more than
    /// ``maximumColumns`` columns or ``maximumRows`` rows. Linear in the size of the input.
    package init(bytes input: [UInt8], fileName: String) throws {
        self.fileName = fileName
        guard input.count <= DataTable.maximumBytes else {
            throw DataTableError(
                .tooLarge, file: fileName,
                problem: "the file is \(input.count) bytes, more than the \(DataTable.maximumBytes)-byte limit for a data file",
                fix: "check that this is the intended CSV file, or aggregate the data first")
        }
        if let nul = input.firstIndex(of: 0) {
            let line = input[..<nul].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            throw DataTableError(
                .invalidUTF8, file: fileName, line: line,
                problem: "the file contains a NUL byte, so it is binary data, not CSV text",
                fix: "give the path of a CSV text file")
        }
        let records = try DataTable.records(input, fileName: fileName)
        guard let header = records.first else {
            throw DataTableError(
                .emptyFile, file: fileName, problem: "the file is empty",
                fix: "it needs a header row naming the columns and one data row per observation")
        }
        var names: [String] = []
        var firstIndexOfName: [String: Int] = [:]
        for (index, field) in header.fields.enumerated() {
            let name = field.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                throw DataTableError(
                    .emptyColumnName, file: fileName, line: header.line, column: index + 1,
                    problem: "column \(index + 1) has no name in the header",
                    fix: "give every column a name in the first row")
            }
            if let earlier = firstIndexOfName[name] {
                throw DataTableError(
                    .duplicateColumnName, file: fileName, line: header.line, column: index + 1,
                    problem: "column name \(DataTable.excerpt(name)) appears twice in the header (columns \(earlier + 1) and \(index + 1))",
                    fix: "give every column a unique name")
            }
            firstIndexOfName[name] = index
            names.append(name)
        }
        guard records.count > 1 else {
            throw DataTableError(
                .noDataRows, file: fileName, line: header.line,
                problem: "the file has a header row but no data rows",
                fix: "add one row per observation below the header")
        }
        var rows: [[String]] = []
        var lines: [Int] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            if record.fields.count != names.count {
                let few = record.fields.count < names.count
                let column = few ? record.fields.count + 1 : names.count + 1
                throw DataTableError(
                    .raggedRow, file: fileName, line: record.line, column: column,
                    problem:
                        "row has \(record.fields.count) value\(record.fields.count == 1 ? "" : "s") but the header names \(names.count) column\(names.count == 1 ? "" : "s")"
                        + (few
                            ? " (no value for column \(DataTable.excerpt(names[column - 1])))"
                            : " (extra value after column \(DataTable.excerpt(names[names.count - 1])))"),
                    fix:
                        "give every row one value per header column: check for a missing or extra comma, and quote values that contain commas"
                )
            }
            rows.append(record.fields)
            lines.append(record.line)
        }
        self.columnNames = names
        self.headerLineNumber = header.line
        self.rows = rows
        self.lineNumbers = lines
    }

    // MARK: - Columns

    /// 0-based index of the column named `name` (exact, case-sensitive match).
    /// - Throws: ``DataTableError`` (`.unknownColumn`) with a did-you-mean suggestion.
    package func columnIndex(_ name: String) throws -> Int {
        if let index = columnNames.firstIndex(of: name) { return index }
        var problem = "no column named \(DataTable.excerpt(name))"
        if let suggestion = DataTable.closestName(to: name, among: columnNames.prefix(1000)) {
            problem += " (did you mean \(DataTable.excerpt(suggestion))?)"
        }
        let shown = columnNames.prefix(10).map { DataTable.excerpt($0, quote: nil) }.joined(separator: ", ")
        throw DataTableError(
            .unknownColumn, file: fileName, line: headerLineNumber,
            problem: problem,
            fix: "use one of the header's columns: \(shown)\(columnNames.count > 10 ? " and \(columnNames.count - 10) more" : "")")
    }

    /// Names of the columns that hold numbers: every column in which at least one cell reads as
    /// a number (so a column with one mistyped cell still counts, and the mistake is reported
    /// when the column is used). Purely textual columns such as identifiers are left out.
    package var numericColumnNames: [String] {
        columnNames.indices.filter { j in rows.contains { DataTable.number(from: $0[j]) != nil } }
            .map { columnNames[$0] }
    }

    /// The values of the column named `name`.
    /// - Throws: ``DataTableError`` naming the row and column of the first cell that is empty,
    ///   a missing-value marker, or not a finite decimal number.
    package func numericColumn(_ name: String) throws -> [Double] {
        let j = try columnIndex(name)
        var values: [Double] = []
        values.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            let cell = row[j]
            if let value = DataTable.number(from: cell) {
                values.append(value)
                continue
            }
            throw cellError(cell: cell, line: lineNumbers[i], column: j)
        }
        return values
    }

    /// The error for a cell that is not a number.
    func cellError(cell: String, line: Int, column j: Int) -> DataTableError {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        let name = DataTable.excerpt(columnNames[j])
        if trimmed.isEmpty {
            return DataTableError(
                .missingCell, file: fileName, line: line, column: j + 1,
                problem: "the value in column \(name) is missing (empty cell)",
                fix: "fill in a number or remove the row; govsim fit does not impute missing values")
        }
        if DataTable.missingMarkers.contains(trimmed) {
            return DataTableError(
                .missingCell, file: fileName, line: line, column: j + 1,
                problem: "the value in column \(name) is missing ('\(trimmed)')",
                fix: "fill in a number or remove the row; govsim fit does not impute missing values")
        }
        var fix = "write a plain decimal number such as 12.5, -3 or 1.2e-3"
        if trimmed.contains(",") {
            fix = "use a dot, not a comma, as the decimal mark, and no thousands separators (e.g. 1234.5)"
        } else if trimmed.hasSuffix("%") {
            fix = "write the number without the % sign (e.g. 12.5 for 12.5%)"
        } else if ["inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"].contains(trimmed.lowercased()) {
            fix = "values must be finite; remove the row or replace the value"
        }
        return DataTableError(
            .nonNumericCell, file: fileName, line: line, column: j + 1,
            problem: "the value \(DataTable.excerpt(cell, quote: "\"")) in column \(name) is not a number",
            fix: fix)
    }

    /// Cell texts read as "missing" (reported as such rather than as non-numeric).
    static let missingMarkers: Set<String> = ["NA", "N/A", "n/a", "na", "NaN", "nan", "NAN", "null", "NULL", "None", "-", ".", "?"]

    /// A finite decimal number: optional sign, digits with an optional point, optional
    /// exponent; surrounding spaces and tabs allowed. Hexadecimal, `inf` and `nan` are refused.
    package static func number(from cell: String) -> Double? {
        DecimalNumber.parse(cell)
    }

    // MARK: - Excerpts

    /// `text` as it may appear in a message: quoted (unless `quote` is nil), at most 24 characters (longer text is cut
    /// to 12 and its length given), control characters escaped. Messages show file content only
    /// this way, so that a wrong path (/etc/passwd, /proc/self/environ) never prints its lines
    /// and no escape sequence reaches the terminal.
    package static func excerpt(_ text: String, quote: Character? = "'") -> String {
        let count = text.count
        let shown = count <= 24 ? Substring(text) : text.prefix(12)
        var out = quote.map { String($0) } ?? ""
        out += ControlCharacters.escaped(shown)
        if let quote { out.append(quote) }
        if count > 24 { out += "… (\(count) characters)" }
        return out
    }

    // MARK: - Did you mean

    /// The column name closest to `name` by case-insensitive Levenshtein distance, if it is
    /// close enough to be a plausible typo (distance ≤ max(2, length/3)).
    static func closestName<Names: Sequence<String>>(to name: String, among names: Names) -> String? {
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int)? = nil
        for candidate in names {
            let d = levenshtein(target, Array(candidate.lowercased()))
            if best == nil || d < best!.distance { best = (candidate, d) }
        }
        guard let best, best.distance <= max(2, target.count / 3) else { return nil }
        return best.name
    }

    static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
