import ArgumentParser
import Foundation
import GovSimCore

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "One deterministic run at central values with every intermediate quantity per year: trace.csv.",
        discussion: """
        Every uncertain input at its mean, no yearly shocks. The columns (docs/outputs.md) let a
        reviewer rebuild adoption, maturity, the uplift ratio, spending, savings and the present
        values of one year by hand.

        Example:
          govsim trace scenarios/reference.yaml --out outputs/reference-trace
        """
    )

    @Argument(help: "Scenario YAML file (default: the built-in reference scenario).")
    var scenario: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        try Terminal.reportingErrors {
            let input = try ScenarioInput.load(scenario)
            let s = input.scenario
            guard s.portfolio == nil else {
                throw CLIError("\(input.displayName): govsim trace follows one organisation, and this scenario is a portfolio; trace one organisation's scenario instead")
            }
            let outDir = output.out ?? "outputs/\(s.name)-trace"
            let trace = RunTrace(scenario: s)
            let manifest = Manifest(command: ["govsim"] + Array(CommandLine.arguments.dropFirst()), scenarioName: s.name,
                                    scenarioFile: input.displayName, scenarioSHA256: SHA256.hex(input.bytes),
                                    seed: s.seed, runs: 1, horizon: s.horizon, sampling: "central values")
            try writeResults([("trace.csv", trace.table().render())], manifest: manifest, to: outDir, force: output.force, inputs: input.inputPaths)
            print("Results written to \(outDir)/")
        }
    }
}
