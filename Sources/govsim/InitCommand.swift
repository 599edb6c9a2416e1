import ArgumentParser
import Foundation
import GovSimCore

/// `govsim init`: writes a commented starter scenario that loads and runs as it is.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter scenario (NAME.yaml) to edit.",
        discussion: """
        The starter scenario sets the main fields of every section to their documented \
        defaults, with units and a short guide to writing uncertain values; every other \
        field keeps its default (see govsim parameters). It runs as it is.

        Examples:
          govsim init                       # writes my-scenario.yaml
          govsim init city-council          # writes city-council.yaml
          govsim init city-council --force  # overwrites city-council.yaml
        """
    )

    @Argument(help: ArgumentHelp("Scenario name; the file is NAME.yaml (letters, digits, '-', '_', '.').", valueName: "NAME"))
    var name = "my-scenario"

    @Flag(help: "Overwrite NAME.yaml if it exists.")
    var force = false

    func run() throws {
        var path = name
        var base = URL(fileURLWithPath: name).lastPathComponent
        for ext in [".yaml", ".yml"] where base.hasSuffix(ext) { base = String(base.dropLast(ext.count)) }
        if !(path.hasSuffix(".yaml") || path.hasSuffix(".yml")) { path += ".yaml" }
        try Terminal.reportingErrors {
            guard StarterScenario.isValidName(base) else {
                throw CLIError("'\(base)' cannot be a scenario name; use letters, digits, '-', '_' or '.', starting with a letter or digit (for example city-council)")
            }
            if FileManager.default.fileExists(atPath: path) && !force {
                throw CLIError("\(path) already exists; choose another NAME or pass --force to overwrite it")
            }
            do {
                try Data(StarterScenario.text(name: base).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CLIError("\(path): cannot write the file (\((error as NSError).localizedDescription)); check the folder exists and is writable")
            }
        }
        print("Wrote \(path). Edit it, then check and run it:")
        print("  govsim validate \(path)")
        print("  govsim run \(path)")
    }
}
