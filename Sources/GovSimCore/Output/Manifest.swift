/// `manifest.json`: what was run and what was written, so a result can be checked and reproduced.
///
/// Deterministic: it holds no timestamp or thread count, so the same command gives the same bytes.
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
        var members: [String: JSONValue] = [
            "govsim_version": .string(GovSimVersion.string),
            "command": .array(command.map { .string($0) }),
            "scenario": .object(["name": .string(scenarioName), "file": .string(scenarioFile), "sha256": .string(scenarioSHA256)]),
            "seed": .string(String(seed)),
            "runs": .integer(runs),
            "horizon": .integer(horizon),
            "sampling": .string(sampling),
            "files": .array(entries.map { f in
                .object(["name": .string(f.name), "bytes": .integer(f.bytes), "sha256": .string(f.sha256)])
            }),
        ]
        for (k, v) in extra { members[k] = v }
        return JSONValue.object(members).render()
    }
}
