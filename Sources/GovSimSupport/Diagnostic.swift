/// A problem found in an input file, located by line and column (both 1-based).
package struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    package enum Severity: String, Sendable { case error, warning }

    package var file: String
    package var line: Int
    package var column: Int
    package var severity: Severity
    /// What is wrong.
    package var message: String
    /// How to fix it.
    package var hint: String?

    package init(file: String, line: Int, column: Int, severity: Severity = .error, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: message; hint` on one line.
    package var description: String {
        let location = "\(file):\(line):\(column)"
        let text = hint.map { "\(message); \($0)" } ?? message
        return "\(location): \(severity == .warning ? "warning: " : "")\(text)"
            .replacingNewlines()
    }
}

/// A scenario that could not be loaded; carries every error found (at least one).
package struct ScenarioError: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]
    package init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension String {
    package func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
