import ArgumentParser
import Foundation
import GovSimCore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and write summary.csv, runs.csv, report.html and manifest.json.",
        discussion: """
        Examples:
          govsim run                                    # built-in reference scenario -> outputs/reference/
          govsim run scenarios/digital-first.yaml --runs 20000 --seed 7 --out outputs/digital-first
        """
    )

    @Argument(help: "Scenario YAML file (default: the built-in reference scenario).")
    var scenario: String?

    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var style: OutputStyleOptions

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            let input = try ScenarioInput.load(scenario)
            let s = simulation.apply(to: input.scenario)
            let outDir = output.out ?? "outputs/\(s.name)"
            try refuseIfTooLarge(s, input: input, runsOption: simulation.runs)
            let engine = SimulationEngine(scenario: s, threads: simulation.threadCount)
            // runs.csv is written block by block as the runs finish, so memory does not grow with it.
            let transaction = try OutputDirectory(url: URL(fileURLWithPath: outDir), force: output.force).begin()
            defer { transaction.abort() }
            var runsHash = SHA256()
            var runsBytes = 0
            var writeError: Error?
            func appendRuns(_ bytes: [UInt8]) {
                guard writeError == nil else { return }
                let data = Data(bytes)
                runsHash.update(bytes)
                runsBytes += data.count
                do { try transaction.append("runs.csv", data) } catch { writeError = error }
            }
            appendRuns(Array(RunsTable.headerLine(inputNames: engine.plan.inputNames).utf8))
            let startYear = s.startYear
            let progress = style.progressReporter(total: s.runs, unit: "runs")
            let result = engine.run(progress: progress?.callback, formatRecords: { Array(RunsTable.lines($0, startYear: startYear).utf8) },
                                    recordSink: appendRuns)
            progress?.finish()
            if let writeError { throw writeError }
            var files: [(String, String)] = [("summary.csv", SummaryTable.make(result).render())]
            files.append(("budget.csv", BudgetTable.make(result).render()))
            if !result.organisationSummaries.isEmpty { files.append(("organisations.csv", SummaryTable.organisations(result).render())) }
            if s.correlation != nil { files.append(("correlations.csv", CorrelationsTable.make(result).render())) }
            if !s.baselineFits.isEmpty { files.append(("baseline_fits.csv", BaselineFitsTable.make(s).render())) }
            files.append(("report.html", HTMLReport(result: result, scenarioFile: input.displayName, scenarioSHA256: SHA256.hex(input.bytes)).render()))
            var manifest = Manifest(command: ["govsim"] + Array(CommandLine.arguments.dropFirst()), scenarioName: s.name,
                                    scenarioFile: input.displayName, scenarioSHA256: SHA256.hex(input.bytes),
                                    seed: s.seed, runs: s.runs, horizon: s.horizon, sampling: s.sampling.rawValue)
            manifest.recordReproduction("run", scenarioArgument: scenario, input: input, runs: s.runs, seed: s.seed, threads: simulation.threadCount, outputFolder: outDir)
            manifest.extra["quantiles"] = .string(result.quantileRankError == 0 ? "exact"
                : "sketch, rank error at most \(CSVTable.formatNumber(result.quantileRankError))")
            if let report = s.correlation?.repairReport {
                manifest.extra["correlation_repair"] = .string(report.description)
                style.print("Correlations repaired to the nearest valid matrix: \(report)")
            }
            var entries: [(name: String, bytes: Int, sha256: String)] = []
            for (name, text) in files {
                let data = Data(text.utf8)
                try transaction.write(name, data)
                entries.append((name, data.count, SHA256.hex(data)))
            }
            entries.insert(("runs.csv", runsBytes, runsHash.finalize()), at: 1)
            try transaction.write("manifest.json", Data(manifest.render(entries: entries).utf8))
            try transaction.commit()
            style.print(TerminalSummary.render(result, boldHeader: style.styledStdout), terminator: "")
            style.print("Results written to \(outDir)/")
        }
    }
}

/// Writes result files plus a manifest listing them, atomically.
func writeResults(_ files: [(String, String)], manifest: Manifest, to folder: String, force: Bool) throws {
    let encoded = files.map { (name: $0.0, contents: Array($0.1.utf8)) }
    let manifestText = manifest.render(files: encoded)
    let all = encoded.map { (name: $0.name, contents: Data($0.contents)) } + [(name: "manifest.json", contents: Data(manifestText.utf8))]
    try OutputDirectory(url: URL(fileURLWithPath: folder), force: force).write(all)
}
