/// Text from an untrusted source made safe to print on one terminal line.
package enum Printable {
    /// `text` with control characters (escape sequences, line breaks) written as `\u{…}`, and
    /// cut to `limit` characters.
    package static func escaped(_ text: String, limit: Int = 200) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > limit ? out + "…" : out
    }
}
