import Foundation

/// The one place every command's `manifest.json` is built: the scenario(s) read, the values in
/// effect, the typed record of the options (``ReproductionRecord``), every input file read
/// (``InputSources/current``), the scenario's content and resolved form, the build and machine,
/// and the run-specific `invocation` section; then the file listing.
package struct CommandManifest: Sendable {
    /// The command line as typed (`govsim` and its arguments), recorded under `invocation`.
    package var command: [String]
    /// The typed options, so that `govsim verify` can re-run the command.
    package var record: ReproductionRecord
    /// The scenarios read; several only for `compare` of several files (names and hashes joined
    /// by commas, and no scenario content).
    package var documents: [ScenarioDocument]
    /// The scenario name recorded (the baseline's for `compare`).
    package var scenarioName: String
    package var seed: UInt64
    package var runs: Int
    package var horizon: Int
    package var sampling: String
    /// Worker threads used (in `invocation`, never compared).
    package var threads: Int
    /// The results folder as given (in `invocation`).
    package var outputFolder: String
    /// The runs written into the resolved scenario when they differ from ``runs`` (sensitivity
    /// records the scenario's runs, while its manifest counts the model evaluations).
    package var resolvedRuns: Int? = nil
    /// Command-specific facts (e.g. calibration verdict); keys sorted on output.
    package var extra: [String: JSONValue] = [:]

    package init(
        command: [String], record: ReproductionRecord, documents: [ScenarioDocument], scenarioName: String,
        seed: UInt64, runs: Int, horizon: Int, sampling: String = "random", threads: Int, outputFolder: String
    ) {
        self.command = command
        self.record = record
        self.documents = documents
        self.scenarioName = scenarioName
        self.seed = seed
        self.runs = runs
        self.horizon = horizon
        self.sampling = sampling
        self.threads = threads
        self.outputFolder = outputFolder
    }

    /// The facts of a simulation of `scenario` (read from `document`): its name, seed, runs,
    /// horizon and sampling (`run`, its shards and `merge`).
    package init(simulating scenario: Scenario, from document: ScenarioDocument, record: ReproductionRecord, context: PipelineContext) {
        self.init(
            command: context.command, record: record, documents: [document], scenarioName: scenario.name,
            seed: scenario.seed, runs: scenario.runs, horizon: scenario.horizon, sampling: scenario.sampling.rawValue,
            threads: context.threads, outputFolder: context.outputFolder)
    }

    /// The manifest. With one scenario document, its text and its resolved form (with this
    /// manifest's runs and seed) are included.
    package func manifest() -> Manifest {
        var manifest = Manifest(
            command: command, scenarioName: scenarioName,
            scenarioFile: documents.map(\.displayName).joined(separator: ","),
            scenarioSHA256: documents.map { SHA256.hex($0.bytes) }.joined(separator: ","),
            seed: seed, runs: runs, horizon: horizon, sampling: sampling)
        manifest.extra = extra
        manifest.extra["subcommand"] = .string(record.subcommand.rawValue)
        manifest.extra["reproduction"] = record.json
        manifest.extra["inputs"] = InputSources.current.json
        if let first = documents.first?.scenario {
            // What the money columns of the CSV files are in (the basis of each column: docs/outputs.md).
            manifest.extra["money"] = .object([
                "currency": .string(first.currency),
                "price_base_year": .integer(first.startYear),
                "basis": .string(
                    "yearly amounts nominal unless the column or row says real; present values in real \(first.startYear) prices (GDP deflator), discounted to \(first.startYear); per column: docs/outputs.md"
                ),
            ])
        }
        if documents.count == 1 {
            let document = documents[0]
            manifest.scenarioContent = String(decoding: document.bytes, as: UTF8.self)
            var scenario = document.scenario
            scenario.runs = resolvedRuns ?? runs
            scenario.seed = seed
            manifest.resolvedScenario = scenario.resolvedJSON
        }
        manifest.environment = RunEnvironment.describe()
        manifest.invocation = InvocationRecord.facts(threads: threads, outputFolder: outputFolder)
        return manifest
    }

    /// `files` followed by the manifest listing them (each with its size and SHA-256); the
    /// `.csv` files in the record's dialect (``ReproductionRecord/dialect``).
    package func artifacts(_ files: [(name: String, contents: Data)]) -> [(name: String, contents: Data)] {
        let dialect = record.dialect
        let files = files.map { $0.name.hasSuffix(".csv") ? (name: $0.name, contents: dialect.file($0.contents)) : $0 }
        let text = manifest().render(files: files.map { (name: $0.name, contents: Array($0.contents)) })
        return files + [(name: "manifest.json", contents: Data(text.utf8))]
    }

    /// Text files as artifacts (UTF-8), followed by the manifest listing them.
    package func artifacts(texts: [(name: String, text: String)]) -> [(name: String, contents: Data)] {
        artifacts(texts.map { (name: $0.name, contents: Data($0.text.utf8)) })
    }
}
