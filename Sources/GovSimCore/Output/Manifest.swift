/// `manifest.json`: what was run and what was written, so a result can be checked and reproduced.
///
/// Deterministic except for two sections: `invocation` (the command line, timestamps, thread
/// count: facts of this particular run) and `environment` (build and machine). Everything else
/// is the same bytes for the same scenario, seed and runs, and `govsim verify` re-runs the
/// command from `invocation` with the scenario text from `scenario.content`.
public struct Manifest: Sendable {
    public var command: [String]
    public var scenarioName: String
    public var scenarioFile: String
    /// SHA-256 of the scenario file's bytes (of the embedded text for the built-in scenario).
    public var scenarioSHA256: String
    public var seed: UInt64
    public var runs: Int
    public var horizon: Int
    public var sampling: String
    /// Extra facts (e.g. calibration verdict); keys sorted on output.
    public var extra: [String: JSONValue] = [:]
    /// The scenario's text, so `govsim verify` can re-run it even if the file moved or changed.
    public var scenarioContent: String? = nil
    /// The scenario as simulated, with every default filled in (``Scenario/resolvedJSON``).
    public var resolvedScenario: JSONValue? = nil
    /// The run-specific section: the command line, timestamps, threads. Never compared.
    public var invocation: [String: JSONValue] = [:]
    /// Build and machine facts (``RunEnvironment``). Never compared.
    public var environment: JSONValue? = nil

    public init(command: [String], scenarioName: String, scenarioFile: String, scenarioSHA256: String,
                seed: UInt64, runs: Int, horizon: Int, sampling: String = "random") {
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
    public func render(files: [(name: String, contents: [UInt8])]) -> String {
        var scenario: [String: JSONValue] = ["name": .string(scenarioName), "file": .string(scenarioFile), "sha256": .string(scenarioSHA256)]
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
            "files": .array(files.map { f in
                .object(["name": .string(f.name), "bytes": .integer(f.contents.count), "sha256": .string(SHA256.hex(f.contents))])
            }),
        ]
        if let resolvedScenario { members["resolved_scenario"] = resolvedScenario }
        if let environment { members["environment"] = environment }
        for (k, v) in extra { members[k] = v }
        return JSONValue.object(members).render()
    }
}
