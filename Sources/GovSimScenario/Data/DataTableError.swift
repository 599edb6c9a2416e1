/// A problem with a data file, located by file, line and column, with a fix.
///
/// ``description`` is one line in compiler style:
/// `data.csv:7:3: cell "abc" in column 'x2' is not a number; write a plain decimal number such as 12.5`.
/// The line is the 1-based line of the file on which the offending record starts; the column
/// is the 1-based field number. A problem with a whole column (a constant response, a collinear
/// predictor) points at the column's name in the header line. Location parts are left out when
/// the problem has no single location (`few.csv: 3 data rows for 3 parameters …`).
package struct DataTableError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of problem, for callers and tests that branch on it.
    package enum Kind: String, Sendable, Equatable {
        case emptyFile
        case noDataRows
        case invalidUTF8
        case unterminatedQuote
        case strayQuote
        case raggedRow
        case emptyColumnName
        case duplicateColumnName
        case unknownColumn
        case missingCell
        case nonNumericCell
        case invalidModel
        case tooFewRows
        case constantResponse
        case collinearColumns
        case highLeverage
        case outOfRange
        case tooLarge
    }

    package let kind: Kind
    /// Display name of the file (as the user gave it).
    package let file: String
    /// 1-based line of the file, when the problem is in one record.
    package let line: Int?
    /// 1-based column (field) number, when the problem is in one column.
    package let column: Int?
    /// What is wrong.
    package let problem: String
    /// How to fix it.
    package let fix: String

    package init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, problem: String, fix: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        self.fix = fix
    }

    /// `file:line:column: problem; fix` (location parts present only when known).
    package var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        } else if let column {
            location += ":column \(column)"
        }
        return "\(location): \(problem); \(fix)"
    }
}
