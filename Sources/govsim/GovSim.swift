import ArgumentParser
import GovSimCore

@main
struct GovSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govsim",
        abstract: "Monte Carlo forecasts of how four digital practices shift a public body's productivity, spending and citizen satisfaction.",
        discussion: """
        Examples:
          govsim run                                   # the built-in reference scenario
          govsim run scenarios/digital-first.yaml --runs 20000 --seed 7
          govsim calibrate                             # check the effect priors against 7-15%
        """,
        version: GovSimVersion.string,
        subcommands: [RunCommand.self, CalibrateCommand.self, CompareCommand.self, SensitivityCommand.self, FitCommand.self,
                      ParametersCommand.self, InitCommand.self, ValidateCommand.self, SchemaCommand.self, VerifyCommand.self, MergeCommand.self, BenchCommand.self, TraceCommand.self, EvaluateCommand.self]
    )
}
