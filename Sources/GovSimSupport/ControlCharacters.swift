/// Characters that must not reach a terminal or a name: C0 and C1 control characters and DEL
/// (escape sequences), line and paragraph separators, and bidirectional overrides and isolates
/// (which reorder how text is displayed).
package enum ControlCharacters {
    /// Whether `scalar` is one of these characters.
    package static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` with each such character written as `\u{1b}`: one printable line.
    package static func escaped<S: StringProtocol>(_ text: S) -> String {
        guard text.unicodeScalars.contains(where: contains) else { return String(text) }
        var out = ""
        for scalar in text.unicodeScalars {
            if contains(scalar) { out += "\\u{" + String(scalar.value, radix: 16) + "}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
