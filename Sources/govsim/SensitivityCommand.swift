import ArgumentParser
import Foundation
import GovSimCore

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Which uncertain inputs drive each metric in each year: sensitivity.csv and a tornado summary.",
        usage: "govsim sensitivity [<scenario>] [<options>]",
        discussion: """
            --method src regresses every metric and year on the inputs (standardised regression coefficients and their rank version, with R²) over the scenario's runs. --method sobol runs a Saltelli design of base-samples × (inputs + 2) runs and estimates first- and total-order Sobol' indices with bootstrap 95% intervals. --target npv|npsv|bcr|payback analyses that appraisal measure of each run instead of every metric and year.

            Examples:
              govsim sensitivity scenarios/reference.yaml --method src
              govsim sensitivity my-plan.yaml --method sobol --base-samples 4096
              govsim sensitivity scenarios/reference.yaml --target npsv
            """
    )

    enum MethodChoice: String, ExpressibleByArgument, CaseIterable { case src, sobol, switching }

    @Argument(help: "Scenario YAML file (default: the built-in reference scenario).")
    var scenario: String?

    @Option(
        help:
            "src (regression), sobol (variance-based) or switching (switching values and one-way sweeps of NPV and NPSV: switching_values.csv)."
    )
    var method: MethodChoice = .src

    @Option(
        help:
            "Analyse one appraisal measure per run instead of every metric and year: npv (financial case), npsv (economic case), bcr (economic case, per run) or payback (economic case; never = period + 1). src and sobol only."
    )
    var target: SensitivityStudy.Target?

    @Option(
        name: .customLong("base-samples"), parsing: .unconditional, help: "Base samples N of the Sobol' design (runs = N × (inputs + 2)).")
    var baseSamples: Int = 1024

    @Option(parsing: .unconditional, help: "Bootstrap replicates for the Sobol' confidence intervals.")
    var bootstrap: Int = SensitivityStudy.defaultBootstrap

    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var output: OutputOptions<SensitivityFolder>
    @OptionGroup var style: OutputStyleOptions

    func validate() throws {
        guard (2...1_000_000).contains(baseSamples) else {
            throw ValidationError(
                "--base-samples must be between 2 and 1000000; 1024 to 8192 is usual (a power of two suits the Sobol' sequence).")
        }
        guard (0...100_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be between 0 and 100000; 200 is usual.") }
        if target != nil, method == .switching {
            throw ValidationError(
                "--target applies to --method src or sobol; switching values already report NPV and NPSV. Remove --target or use --method src."
            )
        }
    }

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            let input = try ScenarioInput.load(scenario)
            let s = simulation.apply(to: input.scenario)
            var record = simulation.record(.sensitivity, scenarios: scenario.map { [$0] } ?? [])
            record.csvDialect = output.recordedDialect
            record.method = method.rawValue
            record.baseSamples = baseSamples
            record.bootstrap = bootstrap
            record.target = target?.rawValue
            let outDir = output.folder(scenarioName: s.name)
            let options = SensitivityPipeline.Options(
                document: input.document, scenario: s, method: SensitivityPipeline.Method(rawValue: method.rawValue)!,
                baseSamples: baseSamples, bootstrap: bootstrap, target: target, record: record,
                context: PipelineContext(command: commandLine, threads: simulation.threadCount, outputFolder: outDir))
            try SensitivityPipeline.check(options)
            try OutputDirectory(path: outDir, force: output.force, inputs: input.inputPaths).check()
            let phases = PhasedProgress(style)
            let outcome: SensitivityPipeline.Outcome
            do {
                defer { phases.finish() }
                outcome = try SensitivityPipeline.run(options, phases: phases.begin)
            }
            try OutputDirectory(path: outDir, force: output.force, inputs: input.inputPaths).write(outcome.files)
            style.print(outcome.tornado, terminator: "")
            if method == .sobol, s.correlation != nil {
                style.print("note: Sobol' indices assume independent inputs; the scenario's correlations were not applied.")
            }
            style.print("Results written to \(outDir)/")
        }
    }
}

extension SensitivityStudy.Target: ExpressibleByArgument {}
