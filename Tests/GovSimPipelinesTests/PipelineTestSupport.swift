import Foundation

@testable import GovSimPipelines

/// The built-in reference scenario as a pipeline input, at a small size.
enum PipelineTestSupport {
    static func document(runs: Int = 600, seed: UInt64 = 5) -> (document: ScenarioDocument, scenario: Scenario) {
        let bytes = Array(ReferenceScenario.yaml.utf8)
        let scenario = try! ScenarioLoader.load(data: Data(bytes), fileName: "reference.yaml")
        var s = scenario
        s.runs = runs
        s.seed = seed
        return (ScenarioDocument(scenario: scenario, displayName: "reference.yaml", bytes: bytes), s)
    }

    static func context(threads: Int = 1) -> PipelineContext {
        PipelineContext(command: ["govsim", "test"], threads: threads, outputFolder: "out")
    }

    /// The manifest's deterministic part: without `invocation` and `environment`.
    static func stableManifest(_ data: Data?) throws -> [String: JSONValue] {
        var members = try JSONValue.parse(data ?? Data()).objectValue ?? [:]
        members["invocation"] = nil
        members["environment"] = nil
        return members
    }

    /// The names and SHA-256 listed in a manifest's `files`.
    static func listing(_ data: Data?) throws -> [String] {
        guard case .array(let files)? = try JSONValue.parse(data ?? Data())["files"] else { return [] }
        return files.compactMap { file in
            guard case .string(let name)? = file["name"] else { return nil }
            return name
        }
    }
}
