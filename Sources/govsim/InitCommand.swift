import ArgumentParser
import Foundation
import GovSimCore

/// `govsim init`: writes a commented starter scenario that loads and runs as it is.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter scenario (NAME.yaml) to edit.",
        discussion: """
            The starter scenario sets the main fields of every section to their documented defaults, with units and a short guide to writing uncertain values; every other field keeps its default (see govsim parameters). It runs as it is.

            Examples:
              govsim init                        # writes my-scenario.yaml
              govsim init city-council           # writes city-council.yaml
              govsim init "Région Île-de-France" # writes région-île-de-france.yaml
              govsim init city-council --force   # overwrites city-council.yaml
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Scenario name, in any script (\"Région Île-de-France\"); the file is its slug plus .yaml (région-île-de-france.yaml). A NAME ending in .yaml or .yml is the file's path instead, and its base name the scenario's name.",
            valueName: "NAME"))
    var name = "my-scenario"

    @Flag(help: "Overwrite the file if it exists.")
    var force = false

    func run() throws {
        let path: String
        var scenarioName = name
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            path = name
            scenarioName = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
        } else {
            path = ScenarioName.slug(name) + ".yaml"
        }
        try Terminal.reportingErrors {
            if let problem = StarterScenario.problem(withName: scenarioName) {
                throw CLIError("'\(scenarioName)' cannot be a scenario name: \(problem) (for example city-council)")
            }
            if FileManager.default.fileExists(atPath: path) && !force {
                throw CLIError("\(path) already exists; choose another NAME or pass --force to overwrite it")
            }
            do {
                try Data(StarterScenario.text(name: scenarioName).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CLIError(
                    "\(path): cannot write the file (\((error as NSError).localizedDescription)); check the folder exists and is writable")
            }
        }
        print("Wrote \(path). Edit it, then check and run it:")
        print("  govsim validate \(path)")
        print("  govsim run \(path)")
    }
}
