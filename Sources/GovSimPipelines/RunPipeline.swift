import Foundation

/// `govsim run` (and the output half of `govsim merge`, which must give the same bytes) in
/// memory: the simulation's results as artifacts. `runs.csv` is appended to the sink in pieces
/// as the simulation produces them; then summary.csv, budget.csv, appraisal.csv, the optional tables
/// (organisations, correlations, baseline fits), report.html and manifest.json are written.
/// The caller commits the sink (or, on a thrown error, discards it).
package enum RunPipeline {
    /// What the pipeline needs besides the sink.
    package struct Options: Sendable {
        /// The scenario read (its bytes and name go into the report and manifest).
        package var document: ScenarioDocument
        /// The scenario as simulated (after command-line overrides).
        package var scenario: Scenario
        /// The manifest's facts; its runs, seed, horizon and sampling are the scenario's.
        package var manifest: CommandManifest
        /// Whether runs.csv is written (`--no-runs-csv` turns it off; the other files are unchanged).
        package var runsCSV: Bool
        /// Further tables written after the standard ones (name, text): a conditioned run's
        /// `posterior.csv`.
        package var extraFiles: [(name: String, text: String)] = []
        /// Observed KPIs to draw over the report's fan charts (a conditioned run's outturn), and
        /// the note added to the report's facts line.
        package var outturn: (file: OutturnFile, note: String)?

        package init(document: ScenarioDocument, scenario: Scenario, manifest: CommandManifest, runsCSV: Bool = true) {
            self.document = document
            self.scenario = scenario
            self.manifest = manifest
            self.runsCSV = runsCSV
        }

        /// The options of `govsim run` of `scenario` with `record`'s options.
        package init(document: ScenarioDocument, scenario: Scenario, record: ReproductionRecord, context: PipelineContext) {
            self.init(
                document: document, scenario: scenario,
                manifest: CommandManifest(simulating: scenario, from: document, record: record, context: context),
                runsCSV: record.noRunsCSV != true)
        }
    }

    /// What the command prints besides the summary.
    package struct Outcome {
        package let result: SimulationResult
        /// The summaries the outputs shared (computed once), for the terminal summary.
        package let summaries: OutputSummaries
        /// Notes for the terminal (e.g. that correlations were repaired), in order.
        package let notes: [String]
    }

    /// The simulation's runs.csv formatter (nil without runs.csv: then nothing reaches the sink)
    /// and a sink for its pieces. The records are never kept.
    package typealias Simulate = (_ format: (@Sendable ([RunRecord]) -> [UInt8])?, _ sink: @escaping ([UInt8]) -> Void) throws ->
        SimulationResult

    /// Runs `simulate` and writes every artifact into `sink`.
    package static func run(_ options: Options, into sink: ArtifactSink, simulate: Simulate) throws -> Outcome {
        let s = options.scenario
        var runsHash = SHA256()
        var runsBytes = 0
        var writeError: Error?
        let dialect = options.manifest.record.dialect
        var first = true
        func appendRuns(_ standard: [UInt8]) {
            guard writeError == nil else { return }
            // Every piece ends at a row's end; the dialect's preamble goes before the header.
            let bytes = (first ? dialect.preamble : []) + dialect.rows(standard)
            first = false
            runsHash.update(bytes)
            runsBytes += bytes.count
            do { try sink.append("runs.csv", Data(bytes)) } catch { writeError = error }
        }
        let startYear = s.startYear
        let format: (@Sendable ([RunRecord]) -> [UInt8])?
        if options.runsCSV {
            appendRuns(Array(RunsTable.headerLine(inputNames: PlanSimulator(scenario: s).inputNames).utf8))
            format = { RunsTable.bytes($0, startYear: startYear) }
        } else {
            format = nil
        }
        let result = try simulate(format, appendRuns)
        if let writeError { throw writeError }
        // Computed once: budget.csv, appraisal.csv, the report and the terminal summary share them.
        let summaries = OutputSummaries(result)
        var files: [(String, String)] = [("summary.csv", SummaryTable.make(result).render())]
        files.append(("budget.csv", BudgetTable.make(result, summaries: summaries).render()))
        files.append(("appraisal.csv", AppraisalTable.make(result, summary: summaries.appraisal).render()))
        if !result.organisationSummaries.isEmpty { files.append(("organisations.csv", SummaryTable.organisations(result).render())) }
        if s.correlation != nil { files.append(("correlations.csv", CorrelationsTable.make(result).render())) }
        if !s.baselineFits.isEmpty { files.append(("baseline_fits.csv", BaselineFitsTable.make(s).render())) }
        files += options.extraFiles.map { ($0.name, $0.text) }
        var report = HTMLReport(
            result: result, appraisal: summaries.appraisal, scenarioFile: options.document.displayName,
            scenarioSHA256: SHA256.hex(options.document.bytes))
        if let outturn = options.outturn { report = report.overlaying(outturn.file, note: outturn.note) }
        files.append(("report.html", report.render()))
        var facts = options.manifest
        var notes: [String] = []
        facts.extra["quantiles"] = .string(quantilesFact(rankError: result.quantileRankError))
        if let report = s.correlation?.repairReport {
            facts.extra["correlation_repair"] = .string(report.description)
            notes.append("Correlations repaired to the nearest valid matrix: \(report)")
        }
        var entries: [(name: String, bytes: Int, sha256: String)] = []
        for (name, text) in files {
            let data = name.hasSuffix(".csv") ? dialect.file(Data(text.utf8)) : Data(text.utf8)
            try sink.write(name, data)
            entries.append((name, data.count, SHA256.hex(data)))
        }
        if options.runsCSV { entries.insert(("runs.csv", runsBytes, runsHash.finalize()), at: 1) }
        try sink.write("manifest.json", Data(facts.manifest().render(entries: entries).utf8))
        return Outcome(result: result, summaries: summaries, notes: notes)
    }

    /// The manifest's `quantiles`: `exact`, or the largest rank error of any quantile as a share
    /// of the runs (``QuantileWindows/quantile(_:)``).
    package static func quantilesFact(rankError: Double) -> String {
        rankError == 0 ? "exact" : "rank error at most \(CSVTable.formatNumber(rankError)) of the runs"
    }

    /// Simulates `options.scenario` on `threads` threads into `sink` (the whole of `govsim run`
    /// without a shard).
    package static func run(
        _ options: Options, threads: Int, into sink: ArtifactSink,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> Outcome {
        let engine = SimulationEngine(scenario: options.scenario, threads: threads)
        return try run(options, into: sink) { format, recordSink in
            engine.run(progress: progress, formatRecords: format, recordSink: recordSink)
        }
    }
}
