import Foundation
import Yams

/// Reads a scenario from YAML text and validates it against the schema (version 1), reporting
/// every problem as a ``Diagnostic`` with line and column.
///
/// The YAML is composed into a node tree (never decoded blindly) and walked under the control of
/// the schema: only keys the schema knows are visited, each at most once, and the walk stops
/// after ``nodeBudget`` nodes, so alias "bombs" and deeply nested garbage cannot make it expand
/// anything large.
package struct ScenarioLoader {
    /// Name of the file shown in diagnostics.
    package let fileName: String
    /// Largest input accepted, in bytes (scenario files are a few kilobytes).
    package static let maximumBytes = 1 << 20
    /// Largest number of YAML nodes visited.
    package static let nodeBudget = 100_000

    var diagnostics: [Diagnostic] = []
    var visited = 0
    var text = ""

    package init(fileName: String) {
        self.fileName = fileName
    }

    /// Loads and validates a scenario from the bytes of a file.
    package static func load(data: Data, fileName: String) throws -> Scenario {
        let text = try ScenarioLoader.text(of: data, fileName: fileName)
        var loader = ScenarioLoader(fileName: fileName)
        return try loader.load(text: text)
    }

    /// Loads and validates a scenario from YAML text.
    package static func load(text: String, fileName: String) throws -> Scenario {
        var loader = ScenarioLoader(fileName: fileName)
        return try loader.load(text: text)
    }

    /// The pipeline: byte guards (`ScenarioLoader+ByteGuards.swift`), the input guard, YAML
    /// composition, the schema walk (`ScenarioLoader+SchemaWalk.swift`) with its section and scalar
    /// decoders; throws every error diagnostic found.
    mutating func load(text: String) throws -> Scenario {
        self.text = text
        try checkNoNUL(text)
        if let problem = ScenarioInputGuard.check(text, fileName: fileName) { throw ScenarioError([problem]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ScenarioError([syntaxDiagnostic(error)])
        } catch {
            throw ScenarioError([Diagnostic(file: fileName, line: 1, column: 1, message: "cannot read YAML: \(error)")])
        }
        guard let root, root.mapping != nil else {
            let mark = root?.mark
            throw ScenarioError([
                Diagnostic(
                    file: fileName, line: mark?.line ?? 1, column: mark?.column ?? 1,
                    message: root == nil ? "the file is empty" : "the scenario must be a mapping of keys to values",
                    hint: "start from `govsim init` or scenarios/reference.yaml")
            ])
        }
        let scenario = decode(root)
        if let firstError = diagnostics.first(where: { $0.severity == .error }) {
            _ = firstError
            throw ScenarioError(diagnostics.filter { $0.severity == .error })
        }
        return scenario!
    }
}
