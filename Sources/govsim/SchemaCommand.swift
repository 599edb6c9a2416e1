import ArgumentParser
import GovSimCore

/// `govsim schema`: prints the JSON Schema of the scenario format.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of the scenario format, for editors and validators.",
        discussion: """
            The schema is generated from the same parameter table as the loader: every section and key, allowed ranges, distribution and curve forms. Save it and point your editor at it (VS Code's YAML extension: see docs/scenario-format.md).

            Examples:
              govsim schema > govsim-scenario.schema.json
              # then, as the first line of a scenario file:
              # yaml-language-server: $schema=./govsim-scenario.schema.json
            """
    )

    func run() {
        print(ScenarioSchema.render(), terminator: "")
    }
}
