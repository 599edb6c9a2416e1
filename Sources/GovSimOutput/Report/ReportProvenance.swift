/// The facts that let a reader reproduce a report, printed in its footer: the same as the
/// run's `manifest.json`.
package struct ReportProvenance: Sendable, Equatable {
    package var govsimVersion: String
    package var scenarioName: String
    /// The scenario file as given on the command line (or the built-in reference's name).
    package var scenarioFile: String
    /// SHA-256 of the scenario file's bytes, 64 hexadecimal digits.
    package var scenarioSHA256: String
    package var seed: UInt64
    package var runs: Int
    /// The subcommand that wrote the report (`run` or `compare`), named in the footer.
    package var command: String = "run"

    package init(
        govsimVersion: String = GovSimVersion.string, scenarioName: String, scenarioFile: String,
        scenarioSHA256: String, seed: UInt64, runs: Int, command: String = "run"
    ) {
        self.command = command
        self.govsimVersion = govsimVersion
        self.scenarioName = scenarioName
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        self.seed = seed
        self.runs = runs
    }

    /// The facts of a run's manifest.
    package init(manifest: Manifest) {
        self.init(
            scenarioName: manifest.scenarioName, scenarioFile: manifest.scenarioFile,
            scenarioSHA256: manifest.scenarioSHA256, seed: manifest.seed, runs: manifest.runs)
    }
}
