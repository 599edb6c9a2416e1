import ArgumentParser
import GovSimCore

@main
struct GovSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govsim",
        abstract:
            "Monte Carlo forecasts of how four digital practices shift a public body's productivity, spending and citizen satisfaction.",
        discussion: """
            Policy analysts write a scenario (govsim init), run it and read report.html and the CSV files; budget planners compare plans (govsim compare) for an appraisal; researchers reproduce a results folder (govsim verify) and fit effects from their own data (govsim fit).

            Examples:
              govsim run                     # the built-in reference scenario
              govsim run my-plan.yaml --runs 20000 --seed 7
              govsim calibrate               # check the effect prior against 7-15%
            """,
        version: GovSimVersion.string,
        groupedSubcommands: [
            CommandGroup(
                name: "Simulate",
                subcommands: [RunCommand.self, CompareCommand.self, SensitivityCommand.self, CalibrateCommand.self, TraceCommand.self]),
            CommandGroup(name: "Monitor", subcommands: [EvaluateCommand.self]),
            CommandGroup(
                name: "Author", subcommands: [InitCommand.self, ValidateCommand.self, ParametersCommand.self, SchemaCommand.self]),
            CommandGroup(name: "Reproduce", subcommands: [VerifyCommand.self, MergeCommand.self, FitCommand.self]),
            CommandGroup(name: "Develop", subcommands: [BenchCommand.self]),
        ]
    )
}
