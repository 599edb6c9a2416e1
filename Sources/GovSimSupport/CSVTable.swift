import Foundation

/// A CSV table built in memory and rendered as RFC 4180 text with `\n` line ends.
///
/// Numbers are written in Swift's shortest round-trip form (`Double.description`), which is
/// locale-independent and reads back to the identical `Double` in Swift, Python, R and
/// spreadsheets; integers are written without a decimal point. Non-finite numbers are written
/// as `NaN`, `Inf` and `-Inf`, which pandas and R both read.
package struct CSVTable: Sendable, Equatable {
    /// A cell value.
    package enum Cell: Sendable, Equatable {
        case number(Double)
        case integer(Int)
        case text(String)
        case empty
    }

    package let header: [String]
    package private(set) var rows: [[Cell]] = []

    package init(header: [String]) {
        self.header = header
    }

    /// Appends a row; it must have one cell per header column.
    package mutating func append(_ row: [Cell]) {
        precondition(row.count == header.count, "CSV row has \(row.count) cells for \(header.count) columns")
        rows.append(row)
    }

    /// The table as CSV text, ending with a newline.
    package func render() -> String {
        var out = header.map(CSVTable.quote).joined(separator: ",")
        out += "\n"
        for row in rows {
            var first = true
            for cell in row {
                if !first { out += "," }
                first = false
                out += CSVTable.format(cell)
            }
            out += "\n"
        }
        return out
    }

    /// Formats one cell.
    package static func format(_ cell: Cell) -> String {
        switch cell {
        case .number(let x): return formatNumber(x)
        case .integer(let i): return String(i)
        case .text(let s): return quote(s)
        case .empty: return ""
        }
    }

    /// Shortest round-trip form of `x`; `-0` is written as `0`.
    package static func formatNumber(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    /// Quotes a field when it contains a comma, quote, or line break (RFC 4180 §2), after
    /// ``neutralised(_:)``.
    package static func quote(_ text: String) -> String {
        let s = neutralised(text)
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// Characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a
    /// formula or command ("CSV injection": `=HYPERLINK(…)` in an organisation name).
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    /// `text` with a leading apostrophe when a spreadsheet would execute it (it starts with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return), so that it is shown as text; text that is
    /// a plain number (`-0.5`, `+3`) is left as it is, as are all number cells.
    package static func neutralised(_ text: String) -> String {
        guard let first = text.first, formulaStarts.contains(first), DecimalNumber.parse(text) == nil else { return text }
        return "'" + text
    }
}
