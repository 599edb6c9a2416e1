import ArgumentParser
import GovSimCore
import XCTest

@testable import govsim

/// Option parsing and validation, in process: `GovSim.parseAsRoot` runs the same parser and
/// `validate()` methods as the executable, and `GovSim.exitCode(for:)` / `GovSim.message(for:)`
/// give the status and the one-line message the executable would print (no process is spawned;
/// `RunCommandTests.testBadOptionsSayWhatToDo` keeps one end-to-end case).
final class OptionValidationTests: XCTestCase {
    /// Parsing `arguments` fails validation with a message containing `expected`, and exit status 64.
    private func assertRejected(_ arguments: [String], _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let command = try GovSim.parseAsRoot(arguments)
            XCTFail("\(arguments) parsed as \(type(of: command))", file: file, line: line)
        } catch {
            let message = GovSim.message(for: error)
            XCTAssertTrue(message.contains(expected), "\(arguments): \(message)", file: file, line: line)
            XCTAssertFalse(message.contains("\n"), "\(arguments): a one-line message: \(message)", file: file, line: line)
            XCTAssertEqual(GovSim.exitCode(for: error), .validationFailure, "\(arguments)", file: file, line: line)
        }
    }

    /// `arguments` parse into `C`, which is returned.
    private func parsed<C: ParsableCommand>(
        _ arguments: [String], as type: C.Type, file: StaticString = #filePath, line: UInt = #line
    ) throws -> C {
        let command = try GovSim.parseAsRoot(arguments)
        return try XCTUnwrap(command as? C, "\(arguments) parsed as \(Swift.type(of: command))", file: file, line: line)
    }

    func testSimulationOptionsRanges() throws {
        for command in ["run", "calibrate", "compare", "sensitivity"] {
            assertRejected([command, "--runs", "0"], "--runs must be between 1 and 100000000")
            assertRejected([command, "--runs", "100000001"], "--runs must be between 1 and 100000000")
            assertRejected([command, "--threads", "0"], "--threads must be between 1 and 1024")
            assertRejected([command, "--threads", "1025"], "--threads must be between 1 and 1024")
            assertRejected([command, "--sampling", "halton"], "--sampling must be random, lhs or sobol")
        }
        // The ends of the ranges are accepted and reach the scenario.
        let run = try parsed(
            ["run", "--runs", "100000000", "--threads", "1024", "--sampling", "sobol", "--seed", "7"], as: RunCommand.self)
        XCTAssertEqual(run.simulation.runs, 100_000_000)
        XCTAssertEqual(run.simulation.threadCount, 1024)
        let reference = try ScenarioLoader.load(text: ReferenceScenario.yaml, fileName: "reference.yaml")
        let s = run.simulation.apply(to: reference)
        XCTAssertEqual(s.runs, 100_000_000)
        XCTAssertEqual(s.seed, 7)
        XCTAssertEqual(s.sampling, .sobol)
        XCTAssertEqual(try parsed(["run", "--runs", "1"], as: RunCommand.self).simulation.apply(to: reference).runs, 1)
    }

    func testShardOptionsContradictions() throws {
        assertRejected(["run", "--shard", "1/2", "--shard-from-env"], "Give either --shard K/N or --shard-from-env, not both.")
        assertRejected(["run", "--shards", "4"], "--shards N is used only with --shard-from-env")
        assertRejected(["run", "--shard-from-env", "--shards", "0"], "--shards must be at least 1.")
        let run = try parsed(["run", "--shard-from-env", "--shards", "4"], as: RunCommand.self)
        XCTAssertTrue(run.shardFromEnvironment)
        XCTAssertEqual(run.shards, 4)
    }

    func testQuietAndProgressContradict() throws {
        for command in ["run", "calibrate"] {
            assertRejected([command, "--quiet", "--progress"], "--quiet and --progress contradict each other")
        }
        XCTAssertTrue(try parsed(["run", "-q", "--no-progress"], as: RunCommand.self).style.quiet)
    }

    func testSensitivityOptionRanges() throws {
        assertRejected(["sensitivity", "--method", "sobol", "--base-samples", "1"], "--base-samples must be between 2 and 1000000")
        assertRejected(["sensitivity", "--method", "sobol", "--base-samples", "1000001"], "--base-samples must be between 2 and 1000000")
        // (`--bootstrap -1` reads -1 as an option: ArgumentParser says "Missing value"; see testNegativeNumbers.)
        assertRejected(["sensitivity", "--bootstrap=-1"], "--bootstrap must be between 0 and 100000")
        assertRejected(["sensitivity", "--bootstrap", "100001"], "--bootstrap must be between 0 and 100000")
        let s = try parsed(["sensitivity", "--method", "sobol", "--base-samples", "2", "--bootstrap", "0"], as: SensitivityCommand.self)
        XCTAssertEqual(s.baseSamples, 2)
        XCTAssertEqual(s.bootstrap, 0)
    }

    func testSensitivityTarget() throws {
        XCTAssertEqual(try parsed(["sensitivity", "--target", "payback"], as: SensitivityCommand.self).target, .payback)
        XCTAssertNil(try parsed(["sensitivity"], as: SensitivityCommand.self).target)
        assertRejected(["sensitivity", "--method", "switching", "--target", "npv"], "--target applies to --method src or sobol")
        assertRejected(["sensitivity", "--target", "irr"], "irr")
    }

    func testCompareOptions() throws {
        // npv and npsv are measures since the appraisal (issue 13); a misspelling is not.
        assertRejected(["compare", "--rank-by", "nvp"], "--rank-by nvp is not a measure.")
        XCTAssertEqual(try parsed(["compare", "--rank-by", "npsv"], as: CompareCommand.self).rankBy, "npsv")
        assertRejected(["compare", "a.yaml", "b.yaml", "--variants", "x"], "--variants applies to one scenario")
        XCTAssertEqual(
            try parsed(["compare", "--rank-by", "cumulative_investment"], as: CompareCommand.self).rankBy, "cumulative_investment")
    }

    /// `validate` without a file: ArgumentParser's own message names the missing argument (the
    /// required `files` argument is checked before `ValidateCommand.validate()` runs).
    func testValidateNeedsAFile() {
        assertRejected(["validate"], "Missing expected argument '<FILE> ...'")
    }

    /// A negative number after a numeric option is its value (the options parse
    /// unconditionally), so `--runs -1` reaches the range check like `--runs=-1` (issue 11).
    func testNegativeNumbers() {
        assertRejected(["run", "--runs", "-1"], "--runs must be between 1 and 100000000")
        assertRejected(["run", "--runs=-1"], "--runs must be between 1 and 100000000")
    }

    /// A mistyped option or command is a usage error naming it, not a crash or a silent default.
    func testUnknownOptionAndCommand() {
        for arguments in [["run", "--rnus", "10"], ["rnu"], ["run", "--runs", "ten"]] {
            XCTAssertThrowsError(try GovSim.parseAsRoot(arguments), "\(arguments)") { error in
                XCTAssertEqual(GovSim.exitCode(for: error), .validationFailure, "\(arguments)")
                let message = GovSim.message(for: error)
                XCTAssertTrue(message.contains(arguments.last!) || message.contains(arguments[0]), "\(arguments): \(message)")
            }
        }
    }
}
