import ArgumentParser
import GovSimCore

@main
struct GovSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govsim",
        abstract: "Monte Carlo forecasts of how four digital practices shift a public body's productivity, spending and citizen satisfaction.",
        version: GovSimVersion.string,
        subcommands: [FitCommand.self]
    )
}
