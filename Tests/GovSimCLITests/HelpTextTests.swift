import ArgumentParser
import GovSimCore
import XCTest

@testable import govsim

/// The help of every command fits an 80-column terminal, keeps each example on one line, and
/// names the command's own default results folder (issue 17, item 1). In process: the same
/// `helpMessage` the executable prints for `--help`.
final class HelpTextTests: XCTestCase {
    /// Every command reachable from `govsim`, the root included.
    private var commands: [ParsableCommand.Type] {
        let groups = GovSim.configuration.groupedSubcommands
        return [GovSim.self] + GovSim.configuration.subcommands + groups.flatMap(\.subcommands)
    }

    func testEveryHelpFitsEightyColumns() {
        XCTAssertGreaterThanOrEqual(commands.count, 14, "the root and its 13 subcommands")
        for command in commands {
            let help = GovSim.helpMessage(for: command, columns: 80)
            let name = command.configuration.commandName ?? "\(command)"
            for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
                XCTAssertLessThanOrEqual(line.count, 80, "\(name): \(line)")
            }
        }
    }

    func testExamplesAreNeverBrokenAcrossLines() {
        for command in commands {
            let help = GovSim.helpMessage(for: command, columns: 80)
            let shown = Set(help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
            let examples = command.configuration.discussion.split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("govsim ") || $0 == "govsim" || $0.hasPrefix("# ") }
            XCTAssertFalse(
                examples.isEmpty && command != GovSim.self && command.configuration.discussion.contains("Example"),
                "\(command): examples found")
            for example in examples {
                XCTAssertTrue(shown.contains(example), "\(command): the example \"\(example)\" is broken across lines")
            }
        }
    }

    func testDiscussionsHaveNoHardLineBreaksInsideParagraphs() {
        // A paragraph is written as one source line, so that argument-parser alone wraps it to
        // the terminal; only examples (indented) and blank lines separate lines.
        for command in commands {
            for line in command.configuration.discussion.split(separator: "\n") where !line.hasPrefix(" ") {
                let isLastOfParagraph = line.hasSuffix(".") || line.hasSuffix(":") || line.hasSuffix(")") || line.hasSuffix("\"")
                XCTAssertTrue(isLastOfParagraph, "\(command): a paragraph continues on the next source line: \(line)")
            }
        }
    }

    func testEachCommandNamesItsOwnDefaultFolder() {
        let expected: [(ParsableCommand.Type, String)] = [
            (RunCommand.self, "outputs/<scenario name>)"), (CompareCommand.self, "outputs/<scenario name>-compare)"),
            (CalibrateCommand.self, "outputs/<scenario name>-calibration)"),
            (SensitivityCommand.self, "outputs/<scenario name>-sensitivity)"), (TraceCommand.self, "outputs/<scenario name>-trace)"),
        ]
        for (command, folder) in expected {
            let help = GovSim.helpMessage(for: command, columns: 1000)
            XCTAssertTrue(help.contains(folder), "\(command): \(help)")
        }
    }

    func testTheRootGroupsItsSubcommands() {
        let help = GovSim.helpMessage(for: GovSim.self, columns: 80)
        for group in ["SIMULATE", "AUTHOR", "REPRODUCE", "DEVELOP"] {
            XCTAssertTrue(help.uppercased().contains(group + " SUBCOMMANDS") || help.contains(group), "\(group) in \(help)")
        }
    }

    func testTheDefaultFolderIsTheNamesSlug() throws {
        let run = try XCTUnwrap(try GovSim.parseAsRoot(["run"]) as? RunCommand)
        XCTAssertEqual(run.output.folder(scenarioName: "Région Île-de-France"), "outputs/région-île-de-france")
        XCTAssertEqual(run.output.folder(scenarioName: "../x"), "outputs/x")
        let given = try XCTUnwrap(try GovSim.parseAsRoot(["run", "--out", "elsewhere"]) as? RunCommand)
        XCTAssertEqual(given.output.folder(scenarioName: "reference"), "elsewhere")
    }
}
