import Foundation

/// `govsim trace` in memory: one deterministic run of a single organisation at central values
/// (``RunTrace``) as trace.csv and manifest.json.
///
/// The manifest records the scenario, seed, horizon and `runs: 1` with sampling "central values";
/// trace has no ``ReproductionRecord`` (`govsim verify` re-runs only the simulating commands).
package enum TracePipeline {
    /// trace.csv, then manifest.json. A portfolio is refused (a trace follows one organisation).
    ///
    /// - Parameters:
    ///   - command: the command line as typed, recorded in the manifest.
    ///   - dialect: the layout of trace.csv (``CSVDialect``).
    package static func run(
        _ document: ScenarioDocument, command: [String], dialect: CSVDialect = .standard
    ) throws -> [(name: String, contents: Data)] {
        let s = document.scenario
        guard s.portfolio == nil else {
            throw PipelineError(
                "\(document.displayName): govsim trace follows one organisation, and this scenario is a portfolio; trace one organisation's scenario instead"
            )
        }
        let trace = RunTrace(scenario: s)
        let manifest = Manifest(
            command: command, scenarioName: s.name, scenarioFile: document.displayName,
            scenarioSHA256: SHA256.hex(document.bytes), seed: s.seed, runs: 1, horizon: s.horizon,
            sampling: "central values")
        let files = [(name: "trace.csv", contents: Array(dialect.file(Data(trace.table().render().utf8))))]
        let text = manifest.render(files: files)
        return files.map { (name: $0.name, contents: Data($0.contents)) } + [(name: "manifest.json", contents: Data(text.utf8))]
    }
}
