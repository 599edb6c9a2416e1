import Foundation

@testable import GovSimCore

/// Paths and helpers shared by the unit tests.
enum TestSupport {
    /// The package root, found from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func scenarioText(_ name: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("scenarios/\(name)"), encoding: .utf8)
    }

    static var reference: Scenario {
        try! ScenarioLoader.load(text: ReferenceScenario.yaml, fileName: "reference.yaml")
    }

    /// Loads YAML that is expected to be valid.
    static func load(_ yaml: String) throws -> Scenario {
        try ScenarioLoader.load(text: yaml, fileName: "test.yaml")
    }

    /// The diagnostics of YAML that is expected to be invalid (empty if it loaded).
    static func diagnostics(_ yaml: String) -> [Diagnostic] {
        do {
            _ = try ScenarioLoader.load(text: yaml, fileName: "test.yaml")
            return []
        } catch let e as ScenarioError {
            return e.diagnostics
        } catch {
            return [Diagnostic(file: "?", line: 0, column: 0, message: "\(error)")]
        }
    }

    /// A minimal valid scenario header.
    static let header = "version: 1\nname: t\n"
}
