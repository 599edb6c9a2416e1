import Foundation

/// `govsim evaluate` in memory: the forecast of a results folder re-simulated from its recorded
/// scenario and options, checked against the folder's `summary.csv`, and the outturn placed in
/// it: `evaluation.csv`, `calibration.csv`, `report.html` (the forecast's report with the outturn
/// drawn over the fans) and `manifest.json`.
///
/// Why re-simulate: `runs.csv` holds each run's inputs and final-year results only, while a PIT
/// needs every run's value of each observed metric in each observed year. The runs are those of
/// the recorded run (each depends only on the seed and its index), which the check of
/// `summary.csv`'s SHA-256 confirms before anything is written.
package enum EvaluatePipeline {
    package struct Options: Sendable {
        /// The forecast's scenario as recorded (after its recorded command-line options).
        package var document: ScenarioDocument
        package var scenario: Scenario
        package var outturn: OutturnFile
        /// The forecast's manifest facts (its record and inputs); written with subcommand
        /// `evaluate` and without a `reproduction` record.
        package var manifest: CommandManifest
        /// The results folder evaluated (as given) and the SHA-256 its manifest records for
        /// `summary.csv` (nil: not checked).
        package var resultsFolder: String
        package var recordedSummarySHA256: String?
        package var threads: Int

        package init(
            document: ScenarioDocument, scenario: Scenario, outturn: OutturnFile, manifest: CommandManifest,
            resultsFolder: String, recordedSummarySHA256: String?, threads: Int
        ) {
            self.document = document
            self.scenario = scenario
            self.outturn = outturn
            self.manifest = manifest
            self.resultsFolder = resultsFolder
            self.recordedSummarySHA256 = recordedSummarySHA256
            self.threads = threads
        }
    }

    /// Evaluates and writes every artifact into `sink`. `phases` follows the two passes over
    /// the forecast's runs: `re-simulating` (the summary and report), then `observed values`.
    /// - Throws: ``PipelineError`` when the re-simulation does not reproduce the folder's
    ///   `summary.csv` (another govsim version, or an edited folder).
    package static func run(_ options: Options, into sink: ArtifactSink, phases: PhaseProgress? = nil) throws -> OutturnEvaluation {
        let s = options.scenario
        let engine = SimulationEngine(scenario: s, threads: options.threads)
        let result = engine.run(progress: phases?("re-simulating", s.runs, "runs"), formatRecords: nil, recordSink: { _ in })
        let summary = SummaryTable.make(result).render()
        if let recorded = options.recordedSummarySHA256, SHA256.hex(Data(summary.utf8)) != recorded {
            throw PipelineError(
                "\(options.resultsFolder)/summary.csv: re-simulating the recorded scenario does not reproduce it (written by another govsim version, or edited), so the outturn cannot be placed in its runs; run `govsim verify \(options.resultsFolder)` to see why"
            )
        }
        let observations = options.outturn.observations
        let values = OutturnEvaluation.observedValues(
            plan: engine.plan, observations: observations, threads: options.threads,
            progress: phases?("observed values", s.runs, "runs"))
        let evaluation = OutturnEvaluation(observations: observations, values: values)
        let report = HTMLReport(
            result: result, scenarioFile: options.document.displayName, scenarioSHA256: SHA256.hex(options.document.bytes)
        )
        .overlaying(options.outturn, note: "outturn: \(options.outturn.fileName)")
        let files: [(String, String)] = [
            ("evaluation.csv", EvaluationTable.make(evaluation).render()),
            ("calibration.csv", EvaluationTable.calibration(evaluation).render()),
            ("report.html", report.render()),
        ]
        var entries: [(name: String, bytes: Int, sha256: String)] = []
        for (name, text) in files {
            let data = Data(text.utf8)
            try sink.write(name, data)
            entries.append((name, data.count, SHA256.hex(data)))
        }
        var manifest = options.manifest.manifest()
        manifest.extra["subcommand"] = .string("evaluate")
        manifest.extra["reproduction"] = nil
        manifest.extra["evaluated_results"] = .string(options.resultsFolder)
        manifest.extra["coverage_50"] = .string("\(evaluation.coverage50.inside) of \(evaluation.coverage50.points)")
        manifest.extra["coverage_90"] = .string("\(evaluation.coverage90.inside) of \(evaluation.coverage90.points)")
        try sink.write("manifest.json", Data(manifest.render(entries: entries).utf8))
        return evaluation
    }
}
