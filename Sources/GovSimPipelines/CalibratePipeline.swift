import Foundation

/// `govsim calibrate` in memory: the full-adoption contrast (``CalibrationStudy``) as
/// calibration.csv and manifest.json.
package enum CalibratePipeline {
    package struct Options: Sendable {
        package var document: ScenarioDocument
        /// The scenario after command-line overrides.
        package var scenario: Scenario
        package var runs: Int
        package var seed: UInt64
        /// `--runs` as given (nil: the memory refusal points at the scenario's `runs:` line).
        package var runsOption: Int?
        package var record: ReproductionRecord
        package var context: PipelineContext

        package init(
            document: ScenarioDocument, scenario: Scenario, runs: Int, seed: UInt64, runsOption: Int?,
            record: ReproductionRecord, context: PipelineContext
        ) {
            self.document = document
            self.scenario = scenario
            self.runs = runs
            self.seed = seed
            self.runsOption = runsOption
            self.record = record
            self.context = context
        }
    }

    package struct Outcome {
        package let result: CalibrationResult
        /// calibration.csv, then manifest.json.
        package let files: [(name: String, contents: Data)]
    }

    /// Refuses a study too large for this machine, then computes it.
    package static func run(_ options: Options, progress: (@Sendable (Int) -> Void)? = nil) throws -> Outcome {
        let s = options.scenario
        let contrast = CalibrationStudy.contrastScenario(s, runs: options.runs, seed: options.seed)
        try ResourceGuard.refuseIfTooLarge(contrast, input: options.document, runsOption: options.runsOption, writesRunsTable: false)
        let result = CalibrationStudy.run(s, runs: options.runs, seed: options.seed, threads: options.context.threads, progress: progress)
        var manifest = CommandManifest(
            command: options.context.command, record: options.record, documents: [options.document],
            scenarioName: s.name, seed: options.seed, runs: options.runs, horizon: contrast.horizon,
            threads: options.context.threads, outputFolder: options.context.outputFolder)
        manifest.extra["calibration_within_tolerance"] = .bool(result.passed)
        return Outcome(result: result, files: manifest.artifacts(texts: [("calibration.csv", result.table().render())]))
    }
}
