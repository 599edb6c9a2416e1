/// `manifest.json`: what was run and what was written, so a result can be checked and reproduced.
///
/// Deterministic except for two sections: `invocation` (the command line, timestamps, thread
/// count: facts of this particular run) and `environment` (build and machine). Everything else
/// is the same bytes for the same scenario, seed and runs, and `govsim verify` re-runs the
/// command from the typed `reproduction` record (``ReproductionRecord``) with the input bytes
/// recorded in `inputs` (``InputSources``), both set by the commands in ``extra``.
package struct Manifest: Sendable {
    package var command: [String]
    package var scenarioName: String
    package var scenarioFile: String
    /// SHA-256 of the scenario file's bytes (of the embedded text for the built-in scenario).
    package var scenarioSHA256: String
    package var seed: UInt64
    package var runs: Int
    package var horizon: Int
    package var sampling: String
    /// Extra facts (e.g. calibration verdict); keys sorted on output.
    package var extra: [String: JSONValue] = [:]
    /// The scenario's text, for readers of the manifest (verify re-runs from `inputs`).
    package var scenarioContent: String? = nil
    /// The scenario as simulated, with every default filled in (``Scenario/resolvedJSON``).
    package var resolvedScenario: JSONValue? = nil
    /// The run-specific section: the command line, timestamps, threads. Never compared.
    package var invocation: [String: JSONValue] = [:]
    /// Build and machine facts (``RunEnvironment``). Never compared.
    package var environment: JSONValue? = nil

    package init(
        command: [String], scenarioName: String, scenarioFile: String, scenarioSHA256: String,
        seed: UInt64, runs: Int, horizon: Int, sampling: String = "random"
    ) {
        self.command = command
        self.scenarioName = scenarioName
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        self.seed = seed
        self.runs = runs
        self.horizon = horizon
        self.sampling = sampling
    }

    /// The manifest for `files`, listing each with its size and SHA-256.
    package func render(files: [(name: String, contents: [UInt8])]) -> String {
        render(entries: files.map { (name: $0.name, bytes: $0.contents.count, sha256: SHA256.hex($0.contents)) })
    }

    /// The manifest for files already hashed (for files written in pieces).
    package func render(entries: [(name: String, bytes: Int, sha256: String)]) -> String {
        var scenario: [String: JSONValue] = [
            "name": .string(scenarioName), "file": .string(scenarioFile), "sha256": .string(scenarioSHA256),
        ]
        if let scenarioContent {
            scenario["content"] = .string(scenarioContent)
            scenario["bytes"] = .integer(scenarioContent.utf8.count)
        }
        var invocation = self.invocation
        invocation["command"] = .array(command.map { .string($0) })
        var members: [String: JSONValue] = [
            "govsim_version": .string(GovSimVersion.string),
            "invocation": .object(invocation),
            "scenario": .object(scenario),
            "seed": .string(String(seed)),
            "runs": .integer(runs),
            "horizon": .integer(horizon),
            "sampling": .string(sampling),
            "files": .array(
                entries.map { f in
                    .object(["name": .string(f.name), "bytes": .integer(f.bytes), "sha256": .string(f.sha256)])
                }),
        ]
        if let resolvedScenario { members["resolved_scenario"] = resolvedScenario }
        if let environment { members["environment"] = environment }
        for (k, v) in extra { members[k] = v }
        return JSONValue.object(members).render()
    }
}
