import Foundation

/// Strict reading of decimal numbers from text (CSV cells, spreadsheet-injection checks).
package enum DecimalNumber {
    /// A finite decimal number: optional sign, digits with an optional point, optional
    /// exponent; surrounding spaces and tabs allowed. Hexadecimal, `inf` and `nan` are refused.
    package static func parse(_ cell: String) -> Double? {
        let text = trimmingWhitespace(cell)
        let bytes = Array(text.utf8)
        var sawDigit = false, sawPoint = false, sawExponent = false, exponentDigit = false
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawExponent { exponentDigit = true } else { sawDigit = true }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                // Only at the start or right after the exponent marker.
                if index != 0 && bytes[index - 1] != UInt8(ascii: "e") && bytes[index - 1] != UInt8(ascii: "E") {
                    return nil
                }
            case UInt8(ascii: "."):
                if sawPoint || sawExponent { return nil }
                sawPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                if sawExponent || !sawDigit { return nil }
                sawExponent = true
            default:
                return nil
            }
        }
        guard sawDigit, !sawExponent || exponentDigit, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `cell.trimmingCharacters(in: .whitespaces)`. `CharacterSet.whitespaces` is Unicode's
    /// space separators (Zs) and tab; the only ASCII ones are space and tab, so a cell that
    /// starts and ends with another ASCII byte is returned as it is, without Foundation.
    static func trimmingWhitespace(_ cell: String) -> String {
        let utf8 = cell.utf8
        guard let first = utf8.first, let last = utf8.last else { return cell }
        func kept(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        return kept(first) && kept(last) ? cell : cell.trimmingCharacters(in: .whitespaces)
    }
}
