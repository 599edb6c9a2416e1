import Foundation
import GovSimScenario

/// Paths and helpers shared by the unit tests.
package enum TestSupport {
    /// The package root, found from this file's location.
    package static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    package static func scenarioText(_ name: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("scenarios/\(name)"), encoding: .utf8)
    }

    /// The built-in reference scenario, loaded once per process (a value: each test changes its own copy).
    package static let reference: Scenario = try! ScenarioLoader.load(text: ReferenceScenario.yaml, fileName: "reference.yaml")

    /// Loads YAML that is expected to be valid.
    package static func load(_ yaml: String) throws -> Scenario {
        try ScenarioLoader.load(text: yaml, fileName: "test.yaml")
    }

    /// The diagnostics of YAML that is expected to be invalid (empty if it loaded).
    package static func diagnostics(_ yaml: String) -> [Diagnostic] {
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
    package static let header = "version: 1\nname: t\n"
}
