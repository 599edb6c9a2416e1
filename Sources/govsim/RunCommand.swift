import ArgumentParser
import Foundation
import GovSimCore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and write summary.csv, runs.csv and manifest.json.",
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

    func run() throws {
        Terminal.installInterruptHandlers()
        try Terminal.reportingErrors {
            let input = try ScenarioInput.load(scenario)
            var s = input.scenario
            if let runs = simulation.runs { s.runs = runs }
            if let seed = simulation.seed { s.seed = seed }
            let outDir = output.out ?? "outputs/\(s.name)"
            try refuseIfTooLarge(s, input: input, runsOption: simulation.runs)
            let result = SimulationEngine(scenario: s, threads: simulation.threadCount).run()
            let files: [(String, String)] = [
                ("summary.csv", SummaryTable.make(result).render()),
                ("runs.csv", RunsTable.make(result).render()),
            ]
            var manifest = Manifest(command: ["govsim"] + Array(CommandLine.arguments.dropFirst()), scenarioName: s.name,
                                    scenarioFile: input.displayName, scenarioSHA256: SHA256.hex(input.bytes),
                                    seed: s.seed, runs: s.runs, horizon: s.horizon)
            manifest.recordReproduction("run", scenarioArgument: scenario, input: input, runs: s.runs, seed: s.seed, threads: simulation.threadCount, outputFolder: outDir)
            try writeResults(files, manifest: manifest, to: outDir, force: output.force)
            print(TerminalSummary.render(result), terminator: "")
            print("Results written to \(outDir)/")
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
