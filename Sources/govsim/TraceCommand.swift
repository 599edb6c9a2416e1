import ArgumentParser
import Foundation
import GovSimCore

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "One deterministic run at central values with every intermediate quantity per year: trace.csv.",
        discussion: """
            Every uncertain input at its mean, no yearly shocks. The columns (docs/outputs.md) let a reviewer rebuild adoption, maturity, the uplift ratio, spending, savings and the present values of one year by hand.

            Example:
              govsim trace scenarios/reference.yaml --out outputs/reference-trace
            """
    )

    @Argument(help: "Scenario YAML file (default: the built-in reference scenario).")
    var scenario: String?

    @OptionGroup var output: OutputOptions<TraceFolder>

    func run() throws {
        try Terminal.reportingErrors {
            let input = try ScenarioInput.load(scenario)
            let outDir = output.folder(scenarioName: input.scenario.name)
            try OutputDirectory(path: outDir, force: output.force, inputs: input.inputPaths).check()
            let files = try TracePipeline.run(input.document, command: commandLine, dialect: output.csvDialect)
            try OutputDirectory(path: outDir, force: output.force, inputs: input.inputPaths).write(files)
            print("Results written to \(outDir)/")
        }
    }
}
