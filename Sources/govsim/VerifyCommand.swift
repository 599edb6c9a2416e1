import ArgumentParser
import Foundation
import GovSimCore

/// `govsim verify`: re-runs what a results folder's manifest records and compares every file's
/// SHA-256 (the work is in ``ReproductionCheck``).
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-run what a results folder's manifest records and check that every file is reproduced byte for byte.",
        discussion: """
        Checks that the folder's files still have the SHA-256 its manifest.json records, then runs \
        the recorded command again (same govsim executable, same options, the scenario or data \
        file re-created from the content recorded in the manifest) in a temporary folder, and \
        compares every file it writes with the manifest. manifest.json itself is not compared: \
        it holds timestamps and the thread count. The temporary folder is always removed.

        Exits 0 and prints "reproduced" when every file matches; exits 1 with a line per file \
        that is missing, extra or different (with the first differing line of a CSV file).

        Examples:
          govsim verify outputs/reference
          govsim verify outputs/fit-example-panel --files-only
        """
    )

    @Argument(help: ArgumentHelp("A results folder written by govsim run, calibrate or fit.", valueName: "folder"))
    var folder: String

    @Flag(name: .customLong("files-only"), help: "Only check the folder's files against the manifest; do not re-run.")
    var filesOnly = false

    func run() throws {
        let check: ReproductionCheck
        do {
            guard let executable = RunEnvironment.currentExecutablePath() else {
                throw ReproductionError("cannot find the govsim executable to re-run")
            }
            check = try ReproductionCheck(folder: URL(fileURLWithPath: folder), executable: URL(fileURLWithPath: executable))
        } catch let error as ReproductionError {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        Self.cancelOnInterrupt(check)
        let outcome: ReproductionCheck.Outcome
        do {
            outcome = try check.run(rerun: !filesOnly)
        } catch let error as ReproductionError {
            Self.waitForInterruptHandler(check)
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        Self.waitForInterruptHandler(check)
        if outcome.reproduced {
            let what = outcome.reran ? "reproduced" : "intact"
            print("\(what): \(outcome.checkedFiles) file\(outcome.checkedFiles == 1 ? "" : "s") in \(folder) match manifest.json\(outcome.reran ? " after a re-run" : "")")
            return
        }
        for problem in outcome.problems { Terminal.error(problem) }
        for note in outcome.notes { Terminal.note("note: \(note)") }
        FileHandle.standardError.write(Data("not verified: \(outcome.problems.count) problem\(outcome.problems.count == 1 ? "" : "s") in \(folder)\n".utf8))
        throw ExitCode(1)
    }

    /// When interrupted, the handler is removing the temporary folder and exits with 130: report
    /// nothing and wait for it, so the exit status is the handler's.
    static func waitForInterruptHandler(_ check: ReproductionCheck) {
        while check.isCancelled { sleep(1) }
    }

    /// On SIGINT or SIGTERM: stop the re-run, remove its temporary folder, exit 130.
    static func cancelOnInterrupt(_ check: ReproductionCheck) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                check.cancel()
                FileHandle.standardError.write(Data("interrupted: verification stopped\n".utf8))
                exitImmediately(130)
            }
            source.resume()
            Terminal.signalSources.append(source)
        }
    }
}

/// `exit` without the ambiguity with `ParsableCommand.exit` inside a command.
private func exitImmediately(_ status: Int32) -> Never { exit(status) }
