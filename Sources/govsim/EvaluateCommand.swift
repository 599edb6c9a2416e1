import ArgumentParser
import Foundation
import GovSimCore

/// `govsim evaluate RESULTS_DIR OUTTURN.csv`: where observed KPIs fall in a forecast's fan.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract:
            "Place observed KPIs (outturn) in a forecast: evaluation.csv (PIT, median error, 50%/90% bands), calibration.csv and report.html with the outturn drawn over the fans.",
        usage: "govsim evaluate <results> <outturn> [<options>]",
        discussion: """
            The outturn file is a CSV with the header year,metric,value[,sd] (metric names as in summary.csv). The forecast is re-simulated from the results folder's manifest (runs.csv holds final-year results only) and checked against its summary.csv before anything is written.

            Examples:
              govsim evaluate outputs/reference outturn-2027.csv
              govsim evaluate outputs/reference outturn-2027.csv --out outputs/eval-2027
            """
    )

    @Argument(help: "Results folder of `govsim run` (or `govsim merge`).")
    var results: String

    @Argument(help: "Outturn CSV file: year,metric,value[,sd].")
    var outturn: String

    @Option(name: .long, help: ArgumentHelp("Folder for the evaluation (default: <results>-evaluation).", valueName: "dir"))
    var out: String?

    @Flag(help: "Replace a folder govsim wrote even if its files were changed since (never files govsim did not write).")
    var force = false

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Does not change any result.")
    var threads: Int?

    @OptionGroup var style: OutputStyleOptions

    func validate() throws {
        if let threads, threads < 1 || threads > 1024 {
            throw ValidationError("--threads must be between 1 and 1024; leave it out to use every core.")
        }
    }

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            let threadCount = threads ?? ParallelBlocks.defaultThreads
            let folder = results.hasSuffix("/") && results.count > 1 ? String(results.dropLast()) : results
            let forecast = try Self.recordedForecast(folder)
            let s = forecast.scenario
            let file = try OutturnInput.load(outturn, scenario: s)
            let outDir = out ?? "\(folder)-evaluation"
            let context = PipelineContext(command: commandLine, threads: threadCount, outputFolder: outDir)
            let manifest = CommandManifest(simulating: s, from: forecast.input.document, record: forecast.record, context: context)
            let options = EvaluatePipeline.Options(
                document: forecast.input.document, scenario: s, outturn: file, manifest: manifest,
                resultsFolder: folder, recordedSummarySHA256: forecast.summarySHA256, threads: threadCount)
            let transaction = try OutputDirectory(path: outDir, force: force, inputs: forecast.input.inputPaths + [outturn]).begin()
            defer { transaction.abort() }
            let phases = PhasedProgress(style)
            let evaluation: OutturnEvaluation
            do {
                defer { phases.finish() }
                evaluation = try EvaluatePipeline.run(options, into: transaction, phases: phases.begin)
            }
            try transaction.commit()
            style.print(Self.render(evaluation), terminator: "")
            style.print("Evaluation written to \(outDir)/")
        }
    }

    /// The forecast a results folder records: its scenario (from the manifest's recorded bytes,
    /// with the recorded options), its `run` record and the SHA-256 of its `summary.csv`.
    static func recordedForecast(
        _ folder: String
    ) throws -> (input: ScenarioInput, scenario: Scenario, record: ReproductionRecord, summarySHA256: String?) {
        let name = "\(folder)/manifest.json"
        guard FolderFile.status(name)?.isRegular == true else {
            throw CLIError("\(name): no such file; give the results folder of `govsim run`")
        }
        let recorded = try RecordedForecast(
            manifest: try FolderFile.contents(name, limit: 64 << 20, what: "manifest"), name: name, folder: folder)
        let record = recorded.record, inputs = recorded.inputs
        let command = try RunCommand.parse(record.arguments(output: "\(folder)-evaluation"))
        InputSources.current = .recorded(inputs, folder: folder)
        let input: ScenarioInput
        do {
            input = try ScenarioInput.load(command.scenario)
        } catch {
            InputSources.current = .disk()
            throw error
        }
        let read = InputSources.current.inputs
        InputSources.current = .disk()
        InputSources.current.adopt(read)
        return (input, command.simulation.apply(to: input.scenario), record, recorded.summarySHA256)
    }

    /// The terminal summary: each observation's PIT and bands, then the coverage.
    static func render(_ e: OutturnEvaluation) -> String {
        var out = "year  metric                            observed        median     pit  in 50%  in 90%\n"
        for p in e.points {
            let o = p.observation
            out += "\(o.year)  \(o.metric.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0))"
            out += String(repeating: " ", count: max(1, 14 - CSVTable.formatNumber(o.value).count)) + CSVTable.formatNumber(o.value)
            let m = ChartNumberFormat.fixed(p.median, decimals: 3)
            out += String(repeating: " ", count: max(1, 14 - m.count)) + m
            out +=
                "  " + ChartNumberFormat.fixed(p.pit, decimals: 3) + "     " + (p.in50 ? "yes" : " no") + "     " + (p.in90 ? "yes" : " no")
                + "\n"
        }
        for c in [e.coverage50, e.coverage90] {
            out +=
                "Coverage of the \(Int(c.nominal * 100))% band: \(c.inside) of \(c.points) observations (\(ChartNumberFormat.fixed(100 * c.share, decimals: 0))%; a calibrated forecast: \(Int(c.nominal * 100))% ± \(ChartNumberFormat.fixed(100 * c.standardError, decimals: 0)))\n"
        }
        return out
    }
}

/// An outturn file read through the current input source (recorded in the manifest, role
/// `outturn`) and validated against a scenario's years.
enum OutturnInput {
    static func load(_ path: String, scenario: Scenario) throws -> OutturnFile {
        let data = try InputSources.current.reading(role: "outturn", path: path) {
            try readInputFile(path, what: "outturn", limit: dataFileLimit, requireRegularFile: true)
        }
        return try OutturnFile.parse(data, fileName: path, startYear: scenario.startYear, horizon: scenario.horizon)
    }
}
