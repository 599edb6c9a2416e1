import ArgumentParser
import Foundation
import GovSimCore

/// `govsim validate`: loads scenario files as `run` does and adds warnings for suspicious but
/// legal values, without simulating anything.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files: errors as run reports them, plus warnings for suspicious values.",
        discussion: """
            Each file is loaded exactly as govsim run loads it; errors are printed as `error: file:line:column: …` on standard error. Files that load are then checked for values that are legal but probably unintended, printed as `file:line:column: warning: …`: a target adoption below the start adoption, an uncertain positive value whose p95 is more than 10 times its p5, a horizon shorter than the realisation lag. A file without errors prints `file: OK` on standard output. Exits 0 when no file has errors (warnings do not fail), 1 otherwise.

            Examples:
              govsim validate my-scenario.yaml
              govsim validate scenarios/*.yaml
            """
    )

    @Argument(help: ArgumentHelp("Scenario YAML files.", valueName: "FILE"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file, e.g. govsim validate my-scenario.yaml") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                let input = try ScenarioInput.load(file)
                let warnings = ScenarioLinter.warnings(
                    for: input.scenario, text: String(decoding: input.bytes, as: UTF8.self), fileName: file)
                for w in warnings { Terminal.note(w.description) }
                print(warnings.isEmpty ? "\(file): OK" : "\(file): OK (\(warnings.count) warning\(warnings.count == 1 ? "" : "s"))")
            } catch {
                failed = true
                // One `error:` line per problem, exactly as `run` prints them; the exit status
                // is set after every file has been checked.
                _ = try? Terminal.reportingErrors { () throws -> Void in throw error }
            }
        }
        if failed { throw ExitCode(1) }
    }
}
