import Foundation

/// How a CSV file is laid out for its reader. `standard` is govsim's RFC 4180 text (UTF-8
/// without a byte-order mark, `,` between fields), the default; the Excel dialects add a UTF-8
/// byte-order mark so that Excel reads accented names as UTF-8, and `excelSemicolon` separates
/// fields with `;` behind a first line `sep=;`, for Excel in locales whose decimal separator is a
/// comma (numbers keep their `.` decimal point: the shortest round-trip form).
package enum CSVDialect: String, Sendable, CaseIterable, Codable {
    case standard
    case excel
    case excelSemicolon = "excel-semicolon"

    /// The UTF-8 byte-order mark (EF BB BF).
    package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// What precedes the header line: nothing, the byte-order mark, or it and `sep=;`.
    package var preamble: [UInt8] {
        switch self {
        case .standard: return []
        case .excel: return Self.byteOrderMark
        case .excelSemicolon: return Self.byteOrderMark + Array("sep=;\n".utf8)
        }
    }

    /// A whole standard CSV file in this dialect.
    package func file(_ csv: Data) -> Data {
        self == .standard ? csv : Data(preamble + rows(Array(csv)))
    }

    /// Complete standard CSV rows (a piece of a file that ends at a row's end) in this dialect,
    /// without the preamble: for `excelSemicolon` every `,` between fields becomes `;`, and a
    /// field holding a `;` is quoted; quoted fields are kept as they are.
    package func rows(_ csv: [UInt8]) -> [UInt8] {
        guard self == .excelSemicolon else { return csv }
        let comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";"), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
        var out: [UInt8] = []
        out.reserveCapacity(csv.count + csv.count / 16)
        var field: [UInt8] = []
        var inQuotes = false
        var quoted = false
        func flush() {
            if !quoted && field.contains(semicolon) {
                out.append(quote); out.append(contentsOf: field); out.append(quote)
            } else {
                out.append(contentsOf: field)
            }
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        for byte in csv {
            if inQuotes {
                field.append(byte)
                if byte == quote { inQuotes = false }
                continue
            }
            switch byte {
            case quote:
                inQuotes = true
                quoted = true
                field.append(byte)
            case comma:
                flush()
                out.append(semicolon)
            case newline:
                flush()
                out.append(newline)
            default:
                field.append(byte)
            }
        }
        flush()
        return out
    }
}
