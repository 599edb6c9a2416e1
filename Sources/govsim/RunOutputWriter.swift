import Foundation
import GovSimCore

/// Writes the outputs of `run` (and of `merge`, which must give the same bytes): runs.csv in
/// pieces as the simulation produces them, then summary.csv, budget.csv, appraisal.csv, the optional tables,
/// report.html and manifest.json, all into one output transaction.
enum RunOutputWriter {
    /// Runs `simulate` (given the runs.csv formatter and sink) and writes everything.
    static func write(to outDir: String, force: Bool, scenario s: Scenario, input: ScenarioInput, otherInputs: [String] = [], manifest: Manifest, style: OutputStyleOptions,
                      simulate: (_ format: @escaping @Sendable ([RunRecord]) -> [UInt8], _ sink: @escaping ([UInt8]) -> Void) throws -> SimulationResult) throws -> SimulationResult {
        let transaction = try OutputDirectory(path: outDir, force: force, inputs: input.inputPaths + otherInputs).begin()
        defer { transaction.abort() }
        var runsHash = SHA256()
        var runsBytes = 0
        var writeError: Error?
        func appendRuns(_ bytes: [UInt8]) {
            guard writeError == nil else { return }
            runsHash.update(bytes)
            runsBytes += bytes.count
            do { try transaction.append("runs.csv", Data(bytes)) } catch { writeError = error }
        }
        appendRuns(Array(RunsTable.headerLine(inputNames: PlanSimulator(scenario: s).inputNames).utf8))
        let startYear = s.startYear
        let result = try simulate({ Array(RunsTable.lines($0, startYear: startYear).utf8) }, appendRuns)
        if let writeError { throw writeError }
        var files: [(String, String)] = [("summary.csv", SummaryTable.make(result).render())]
        files.append(("budget.csv", BudgetTable.make(result).render()))
        files.append(("appraisal.csv", AppraisalTable.make(result).render()))
        if !result.organisationSummaries.isEmpty { files.append(("organisations.csv", SummaryTable.organisations(result).render())) }
        if s.correlation != nil { files.append(("correlations.csv", CorrelationsTable.make(result).render())) }
        if !s.baselineFits.isEmpty { files.append(("baseline_fits.csv", BaselineFitsTable.make(s).render())) }
        files.append(("report.html", HTMLReport(result: result, scenarioFile: input.displayName, scenarioSHA256: SHA256.hex(input.bytes)).render()))
        var manifest = manifest
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
        return result
    }
}
