/// Writes well-formed XML-compatible markup (SVG, and the XHTML-compatible HTML of the report):
/// every element is closed, attribute values and text are escaped, attributes keep the order
/// they are given in, and each element starts on its own indented line, so the output is
/// deterministic and readable in a diff.
package struct MarkupWriter: Sendable {
    /// The markup written so far.
    package private(set) var output = ""
    private var openElements: [String] = []
    /// Whether the innermost open element has inline content (text), in which case its closing
    /// tag follows the text directly.
    private var inline = false

    package init() {}

    /// Number of elements opened and not yet closed.
    package var depth: Int { openElements.count }

    /// Opens `<name attributes…>`; close it with ``close()``.
    package mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        newline()
        output += "<" + name + MarkupWriter.attributes(attributes) + ">"
        openElements.append(name)
        inline = false
    }

    /// Closes the innermost open element.
    package mutating func close() {
        guard let name = openElements.popLast() else { preconditionFailure("MarkupWriter.close() with no open element") }
        if !inline { newline() }
        output += "</" + name + ">"
        inline = false
    }

    /// Writes a whole element: `<name …/>` when `text` is nil, otherwise `<name …>text</name>`
    /// with the text escaped.
    package mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil) {
        newline()
        output += "<" + name + MarkupWriter.attributes(attributes)
        if let text {
            output += ">" + MarkupWriter.escape(text) + "</" + name + ">"
        } else {
            output += "/>"
        }
    }

    /// Writes an element whose content is already-escaped inline markup (for example text with
    /// `<strong>` parts built by ``escape(_:)``).
    package mutating func element(_ name: String, _ attributes: [(String, String)] = [], markup: String) {
        newline()
        output += "<" + name + MarkupWriter.attributes(attributes) + ">" + markup + "</" + name + ">"
    }

    /// Writes escaped text inside the innermost open element, without a line break before it.
    package mutating func text(_ text: String) {
        output += MarkupWriter.escape(text)
        inline = true
    }

    /// Writes markup verbatim on its own line (for a fragment built by another writer or a
    /// chart). The caller guarantees it is well-formed.
    package mutating func raw(_ markup: String) {
        newline()
        var lines = markup.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last?.isEmpty == true { lines.removeLast() }
        let indent = String(repeating: "  ", count: openElements.count)
        output += lines.enumerated().map { $0 == 0 ? String($1) : indent + $1 }.joined(separator: "\n")
    }

    /// The markup, with every element closed and a final newline.
    package func finished() -> String {
        precondition(openElements.isEmpty, "MarkupWriter: unclosed elements \(openElements)")
        return output + "\n"
    }

    private mutating func newline() {
        if !output.isEmpty { output += "\n" + String(repeating: "  ", count: openElements.count) }
    }

    static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` as entities that both XML and HTML understand, and
    /// replaces characters XML 1.0 does not allow (control characters other than tab and line
    /// breaks) by U+FFFD, so that any scenario text gives well-formed markup.
    package static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x84).contains(v) || (0x86...0x9F).contains(v) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
