/// Greedy word wrapping for terminal text (help-like listings such as `govsim parameters`).
package enum TextWrap {
    /// `text` broken at spaces into lines of at most `width` characters, each prefixed by
    /// `indent`; a word longer than the room left is put on a line of its own, unbroken (a path or
    /// a URL stays copyable). Existing line breaks are kept.
    package static func lines(_ text: String, width: Int, indent: String = "") -> [String] {
        let room = max(width - indent.count, 20)
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= room {
                    line += " " + word
                } else {
                    out.append(indent + line)
                    line = String(word)
                }
            }
            out.append(indent + line)
        }
        return out
    }
}
