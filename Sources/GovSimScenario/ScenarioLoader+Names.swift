import Yams

/// Names that reach terminals, file names and CSV files.
extension ScenarioLoader {
    /// The first character of `name` that a name may not contain: a control character (C0, DEL,
    /// C1: escape sequences that would reach the terminal), a line or paragraph separator, or a
    /// bidirectional override or isolate (which reorder how text is displayed). Nil if none.
    /// YAML's double-quoted escapes (`"\e[31m"`) produce these although the file has none.
    static func forbiddenNameCharacter(in name: String) -> Unicode.Scalar? {
        name.unicodeScalars.first(where: ControlCharacters.contains)
    }

    /// Reports a name holding a character of ``forbiddenNameCharacter(in:)``; true if it has none.
    mutating func checkNameCharacters(_ name: String, at node: Node, what: String) -> Bool {
        guard let scalar = ScenarioLoader.forbiddenNameCharacter(in: name) else { return true }
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        error(
            at: node, "\(what) contains the control character \(code); names may not contain control characters",
            hint: "use letters, digits, spaces, '-' or '_'")
        return false
    }

}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
