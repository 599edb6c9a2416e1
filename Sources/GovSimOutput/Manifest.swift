/// `manifest.json`: what was run and what was written, so a result can be checked and reproduced.
///
/// Deterministic except for two sections: `invocation` (the command line, timestamps, thread
/// count: facts of this particular run) and `environment` (build and machine). Everything else
/// is the same bytes for the same scenario, seed and runs, and `govsim verify` re-runs the
/// command from the typed `reproduction` record (``ReproductionRecord``) with the input bytes
/// recorded in `inputs` (``InputSources``), both set by the commands in ``extra``.
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
    /// The scenario's text, for readers of the manifest (verify re-runs from `inputs`).
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
        render(entries: files.map { (name: $0.name, bytes: $0.contents.count, sha256: SHA256.hex($0.contents)) })
    }

    /// The manifest for files already hashed (for files written in pieces).
    public func render(entries: [(name: String, bytes: Int, sha256: String)]) -> String {
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
            "files": .array(entries.map { f in
                .object(["name": .string(f.name), "bytes": .integer(f.bytes), "sha256": .string(f.sha256)])
            }),
        ]
        if let resolvedScenario { members["resolved_scenario"] = resolvedScenario }
        if let environment { members["environment"] = environment }
        for (k, v) in extra { members[k] = v }
        return JSONValue.object(members).render()
    }
}
