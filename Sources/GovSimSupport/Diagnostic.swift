/// A problem found in an input file, located by line and column (both 1-based).
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String?

    public init(file: String, line: Int, column: Int, severity: Severity = .error, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: message; hint` on one line.
    public var description: String {
        let location = "\(file):\(line):\(column)"
        let text = hint.map { "\(message); \($0)" } ?? message
        return "\(location): \(severity == .warning ? "warning: " : "")\(text)"
            .replacingNewlines()
    }
}

/// A scenario that could not be loaded; carries every error found (at least one).
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension String {
    package func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
