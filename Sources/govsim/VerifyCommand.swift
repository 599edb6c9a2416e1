import ArgumentParser
import Foundation
import GovSimCore

/// `govsim verify`: checks a results folder's files against its manifest and re-runs, in this
/// process, the command its typed record describes (the checks are in ``ReproductionCheck``,
/// the re-run in `VerifyCommand+Rerun.swift`).
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-run what a results folder's manifest records and check that every file is reproduced byte for byte.",
        usage: "govsim verify <folder> [<options>]",
        discussion: """
            Checks that the folder holds exactly the regular files its manifest.json lists, with their recorded sizes and SHA-256, then runs the recorded command (run, calibrate, compare, sensitivity, fit, or every shard of a merge and the merge) again inside this process, from its recorded options and the input files recorded in the manifest, into a temporary folder that is always removed. Every file and every recorded fact (version, seed, runs, resolved scenario, inputs) must match. Needs nothing but the folder: works from any working directory after the scenario and its data moved or were deleted.

            Safe on a folder from someone else: symbolic links are never followed, listed names must be plain names inside the folder, files are hashed in pieces, nothing is written outside the temporary folder, and only the six commands above are ever re-run.

            Exits 0 and prints "reproduced" when everything matches; exits 1 with a line per problem (with the first differing line of a text file).

            Examples:
              govsim verify outputs/reference
              govsim verify outputs/fit-example-panel --files-only
            """
    )

    @Argument(
        help: ArgumentHelp("A results folder written by govsim run, calibrate, compare, sensitivity, fit or merge.", valueName: "folder"))
    var folder: String

    @Flag(name: .customLong("files-only"), help: "Only check the folder's files against the manifest; do not re-run.")
    var filesOnly = false

    @OptionGroup var style: OutputStyleOptions

    func run() throws {
        OutputStyleOptions.rerunStyle = style
        defer { OutputStyleOptions.rerunStyle = nil }
        let check: ReproductionCheck
        do {
            check = try ReproductionCheck(folder: URL(fileURLWithPath: folder))
        } catch let error as ReproductionError {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        Self.cancelOnInterrupt(check)
        let outcome: ReproductionCheck.Outcome
        let shown = Printable.escaped(folder)
        do {
            outcome = try check.run(
                rerun: filesOnly
                    ? nil
                    : { record, inputs, work in
                        try Self.rerun(record, inputs: inputs, folder: shown, in: work)
                    })
        } catch let error as ReproductionError {
            Self.waitForInterruptHandler(check)
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        Self.waitForInterruptHandler(check)
        if outcome.reproduced {
            let what = outcome.reran ? "reproduced" : "intact"
            style.print(
                "\(what): \(outcome.checkedFiles) file\(outcome.checkedFiles == 1 ? "" : "s") in \(shown) match manifest.json\(outcome.reran ? " after a re-run" : "")"
            )
            return
        }
        for problem in outcome.problems { Terminal.error(problem) }
        FileHandle.standardError.write(
            Data("not verified: \(outcome.problems.count) problem\(outcome.problems.count == 1 ? "" : "s") in \(shown)\n".utf8))
        throw ExitCode(1)
    }

    /// When interrupted, the handler is removing the temporary folder and exits with 128 + the signal: report
    /// nothing and wait for it, so the exit status is the handler's.
    static func waitForInterruptHandler(_ check: ReproductionCheck) {
        while check.isCancelled { sleep(1) }
    }

    /// On any of ``Terminal/stoppingSignals``: stop, remove the temporary folder, exit with
    /// 128 + the signal, like every other command (SIGPIPE is ignored: a closed pipe shows as
    /// EPIPE at the write). The message goes to the real standard error even while a re-run's
    /// output is captured.
    static func cancelOnInterrupt(_ check: ReproductionCheck) {
        Terminal.ignoreBrokenPipe()
        for sig in Terminal.stoppingSignals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                check.cancel()
                TemporaryFolderRegistry.shared.removeAll()
                if sig != SIGPIPE {
                    let message = Array("interrupted: verification stopped\n".utf8)
                    _ = message.withUnsafeBytes { write(CapturedOutput.userStandardError, $0.baseAddress, $0.count) }
                }
                exitImmediately(128 + sig)
            }
            source.resume()
            Terminal.signalSources.append(source)
        }
    }
}

/// `exit` without the ambiguity with `ParsableCommand.exit` inside a command.
private func exitImmediately(_ status: Int32) -> Never { exit(status) }
