import ArgumentParser
import Foundation
import GovSimCore

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Compare plan variants run by run (common random numbers): comparison, budget and appraisal tables, the options report and report.html.",
        usage: "govsim compare [<scenarios> ...] [<options>]",
        discussion: """
            With one scenario, compares its `variants:` (or, when it defines none, the built-in `no-programme`) with the scenario itself or the --baseline variant; `--variants no-programme,...` adds business as usual to every table, and options.csv and report.html always include it (exact zeros when it was not simulated). With several scenario files, compares them, the first (or --baseline) being the baseline; they must share start year and horizon. Every variant sees the same economy, shocks and programme risk in run k, so each run gives a paired difference. Files: comparison.csv, comparison_totals.csv, budget.csv, summary.csv, appraisal.csv, options.csv, value_of_information.csv, switching_values.csv, report.html (docs/outputs.md).

            Examples:
              govsim compare scenarios/reference.yaml
              govsim compare scenarios/reference.yaml --variants fast-rollout,data-first
              govsim compare plan-a.yaml plan-b.yaml --rank-by cumulative_net_savings
            """
    )

    @Argument(help: "Scenario file(s) (default: the built-in reference scenario).")
    var scenarios: [String] = []

    @Option(help: ArgumentHelp("Comma-separated variant names of the scenario (default: all it defines).", valueName: "a,b"))
    var variants: String?

    @Option(help: "The variant (or scenario name) the others are compared with.")
    var baseline: String?

    @Option(
        name: .customLong("rank-by"),
        help:
            "Measure that ranks the variants: npsv (economic case over the appraisal period; the default), npv (financial case), npv_net_savings (cash, within the horizon), cumulative_investment, or any summary metric (final year)."
    )
    var rankBy: String = "npsv"

    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var output: OutputOptions<ComparisonFolder>
    @OptionGroup var style: OutputStyleOptions

    func validate() throws {
        guard ComparisonRanking.measures.contains(rankBy) else {
            let hint = Suggestion.closest(to: rankBy, in: ComparisonRanking.measures).map { " Did you mean \($0)?" } ?? ""
            throw ValidationError(
                "--rank-by \(rankBy) is not a measure.\(hint) Use npv_net_savings, npv, npsv, cumulative_investment or a metric of summary.csv."
            )
        }
        if scenarios.count > 1, variants != nil {
            throw ValidationError(
                "--variants applies to one scenario; with several scenario files each file is a variant. Remove --variants.")
        }
    }

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            let inputs = try (scenarios.isEmpty ? [nil] : scenarios.map { Optional($0) }).map(ScenarioInput.load)
            var record = simulation.record(.compare, scenarios: scenarios)
            record.csvDialect = output.recordedDialect
            record.variants = variants?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            record.baseline = baseline
            record.rankBy = rankBy
            let options = ComparePipeline.Options(
                documents: inputs.map(\.document), variants: record.variants, baseline: baseline,
                overrides: simulation.overrides, record: record,
                context: PipelineContext(command: commandLine, threads: simulation.threadCount, outputFolder: ""))
            let prepared = try ComparePipeline.prepare(options)
            let outDir = output.folder(scenarioName: prepared.base.name)
            try OutputDirectory(path: outDir, force: output.force, inputs: inputs.flatMap(\.inputPaths)).check()
            let phases = PhasedProgress(style)
            let outcome = ComparePipeline.run(prepared, outputFolder: outDir, phases: phases.begin)
            phases.finish()
            let result = outcome.result
            try OutputDirectory(path: outDir, force: output.force, inputs: inputs.flatMap(\.inputPaths)).write(outcome.files)
            style.print(ComparisonRanking.render(result, rankBy: rankBy), terminator: "")
            style.print("Results written to \(outDir)/")
        }
    }
}
