import ArgumentParser
import Foundation
import XCTest

@testable import govsim

/// README.md and docs/*.md against the program (issue 17, acceptance 4), for the commonest
/// drift: a command or option the docs show that the program does not have, a file or a column
/// list in docs/outputs.md that no command writes, and a file a command writes that
/// docs/outputs.md does not name.
final class DocumentationTests: XCTestCase {
    /// README.md, then docs/*.md, by name.
    static func documents() throws -> [(name: String, text: String)] {
        let root = GovSimProcess.packageRoot
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return try (["README.md"] + docs).map { ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Every subcommand's long options, from its own help (as wide as needed: nothing wraps).
    static let options: [String: Set<String>] = {
        let commands: [ParsableCommand.Type] = [
            RunCommand.self, CompareCommand.self, SensitivityCommand.self, CalibrateCommand.self,
            TraceCommand.self, EvaluateCommand.self, InitCommand.self, ValidateCommand.self,
            ParametersCommand.self, SchemaCommand.self, VerifyCommand.self, MergeCommand.self,
            FitCommand.self, BenchCommand.self,
        ]
        var out: [String: Set<String>] = [:]
        for command in commands {
            let help = command.helpMessage(columns: 10_000)
            var flags = Set(longOptions(in: help))
            // `--progress/--no-progress` and the like: both spellings are options.
            for flag in flags where help.contains(flag + "/--no-") { flags.insert("--no-" + flag.dropFirst(2)) }
            out[command.configuration.commandName!] = flags
        }
        return out
    }()

    /// The `--name` tokens of `text` (a value after `=` left out).
    static func longOptions(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "`" || $0 == "(" || $0 == "[" || $0 == "," || $0 == "/" }).compactMap
        { token in
            guard token.hasPrefix("--"), token.count > 2 else { return nil }
            let name = token.prefix { $0 == "-" || $0.isLetter || $0.isNumber }
            return name.count > 2 ? String(name.hasSuffix("-") ? name.dropLast() : name) : nil
        }
    }

    /// The govsim command lines the documents show: lines of fenced code blocks that start with
    /// `govsim ` (or `.build/release/govsim `; a trailing `\` joins the next line), and inline
    /// code spans that do; each cut at a shell comment, pipe or redirection.
    static func commandLines(_ text: String) -> [String] {
        var lines: [String] = []
        var inBlock = false, pending = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inBlock.toggle(); pending = ""; continue }
            if inBlock {
                var line = pending + raw.trimmingCharacters(in: .whitespaces)
                pending = ""
                if line.hasSuffix("\\") { pending = String(line.dropLast()) + " "; continue }
                if line.hasPrefix(".build/release/") { line = String(line.dropFirst(".build/release/".count)) }
                if line.hasPrefix("govsim ") { lines.append(line) }
            } else {
                let spans = raw.split(separator: "`", omittingEmptySubsequences: false)
                for (i, span) in spans.enumerated() where i % 2 == 1 && span.hasPrefix("govsim ") { lines.append(String(span)) }
            }
        }
        return lines.map { line in
            var cut = line
            for stop in [" #", " |", " >", " 2>", " &&", ";"] { if let r = cut.range(of: stop) { cut = String(cut[..<r.lowerBound]) } }
            return cut.split(separator: " ").joined(separator: " ")
        }
    }

    func testEveryCommandAndOptionTheDocsShowExists() throws {
        var problems: [String] = []
        var checked = 0
        for (name, text) in try Self.documents() {
            for line in Self.commandLines(text) {
                let words = line.split(separator: " ").map(String.init)
                guard words.count >= 2, !words[1].hasPrefix("-") else { continue }
                guard let options = Self.options[words[1]] else {
                    problems.append("\(name): `\(line)`: no subcommand \(words[1])")
                    continue
                }
                checked += 1
                for flag in Self.longOptions(in: words.dropFirst(2).joined(separator: " ")) where !options.contains(flag) {
                    problems.append("\(name): `\(line)`: \(words[1]) has no option \(flag)")
                }
            }
        }
        XCTAssertGreaterThan(checked, 60, "the docs show many command lines; the scan found \(checked)")
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    /// The scan itself: a wrong option in a doc would be caught.
    func testTheScanCatchesAnOptionThatDoesNotExist() {
        let lines = Self.commandLines(
            "Run `govsim run --runz 5` or\n```sh\ngovsim compare a.yaml \\\n    --variants x --rank-by npv   # comment --nothing\n```\n")
        XCTAssertEqual(lines, ["govsim run --runz 5", "govsim compare a.yaml --variants x --rank-by npv"])
        XCTAssertFalse(Self.options["run"]!.contains("--runz"))
        XCTAssertTrue(Self.options["run"]!.isSuperset(of: ["--runs", "--no-runs-csv", "--condition-on", "--quiet", "--no-progress"]))
    }

    /// The files and column lists of docs/outputs.md against what the commands write, from small
    /// runs of a 3-year scenario: every file name it gives is written by some command, every file
    /// written is named there, a column list given right after a file's name (in the same
    /// paragraph) is that file's header (with a `…`, its start and end), and no column of any
    /// CSV file mixes numbers with text.
    func testOutputsDocNamesEveryFileWrittenWithItsColumns() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ProgressInEveryLongCommandTests.writeInputs(to: dir)
        try FileManager.default.copyItem(
            at: GovSimProcess.packageRoot.appendingPathComponent("scenarios"), to: dir.appendingPathComponent("scenarios"))
        try "year,metric,value,sd\n2026,productivity_index,100.8,5\n".write(
            to: dir.appendingPathComponent("vague.csv"), atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["run", "small.yaml", "--runs", "30", "--out", "run"],
            ["run", "scenarios/ministry-portfolio.yaml", "--runs", "20", "--out", "portfolio"],
            ["run", "scenarios/evidence-based.yaml", "--runs", "20", "--out", "fitted"],
            ["run", "small.yaml", "--runs", "200", "--condition-on", "vague.csv", "--out", "conditioned"],
            ["run", "small.yaml", "--runs", "30", "--shard", "1/1", "--out", "shard"],
            ["evaluate", "run", "o.csv", "--out", "evaluation"],
            ["calibrate", "--runs", "30", "--out", "calibration"],
            ["compare", "small.yaml", "--runs", "10", "--out", "compare"],
            ["sensitivity", "small.yaml", "--runs", "40", "--out", "src"],
            ["sensitivity", "small.yaml", "--runs", "40", "--target", "npv", "--out", "target"],
            ["sensitivity", "small.yaml", "--method", "switching", "--runs", "20", "--out", "switching"],
            ["trace", "small.yaml", "--out", "trace"],
            ["fit", "scenarios/data/example-panel.csv", "--response", "productivity", "--out", "fit"],
        ]
        var headers: [String: Set<String>] = [:]  // file name → its headers (one per command writing it)
        var mixed: [String] = []
        for arguments in commands {
            let r = try GovSimProcess.run(arguments + (arguments[0] == "trace" || arguments[0] == "fit" ? [] : ["--quiet"]), in: dir)
            // calibrate exits 2 when the prior misses its target, as it may at 30 runs.
            XCTAssertTrue(r.status == 0 || (arguments[0] == "calibrate" && r.status == 2), "\(arguments): \(r.stderr)")
            let folder = dir.appendingPathComponent(arguments[arguments.firstIndex(of: "--out")! + 1])
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                let first =
                    (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))?.split(separator: "\n").first.map(
                        String.init) ?? ""
                headers[file, default: []].insert(file.hasSuffix(".csv") ? first : "")
                if file.hasSuffix(".csv") { mixed += Self.columnsMixingNumbersAndText(folder.appendingPathComponent(file)) }
            }
        }
        // bench writes these (docs/outputs.md § govsim bench); running it takes minutes.
        let benchFiles: Set<String> = ["bench.csv", "goals.csv"]
        let doc = try String(contentsOf: GovSimProcess.packageRoot.appendingPathComponent("docs/outputs.md"), encoding: .utf8)
        var problems: [String] = []
        var named = Set<String>()
        var checkedHeaders = 0
        for paragraph in doc.components(separatedBy: "\n\n") {
            let pieces = paragraph.split(separator: "`", omittingEmptySubsequences: false)
            var spans: [String] = stride(from: 1, to: pieces.count, by: 2).map { String(pieces[$0]) }
            for heading in paragraph.split(separator: "\n") where heading.hasPrefix("#") {
                spans += heading.split(separator: " ").map(String.init)
            }
            var lastFile: String?
            for span in spans {
                let word = span.trimmingCharacters(in: CharacterSet(charactersIn: "()*,."))
                if let ext = [".csv", ".html", ".json", ".txt", ".bin"].first(where: { word.hasSuffix($0) }),
                    !word.contains("/"), !word.contains(" "), word.count > ext.count, !word.contains("<")
                {
                    named.insert(word)
                    lastFile = word
                    if headers[word] == nil && !benchFiles.contains(word) && !Self.inputFiles.contains(word) {
                        problems.append("docs/outputs.md names \(word), which no command wrote")
                    }
                    continue
                }
                let columns = span.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                guard columns.count >= 3,
                    columns.allSatisfy({ c in !c.isEmpty && c.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "…" } }),
                    let file = lastFile, let written = headers[file]
                else { continue }
                checkedHeaders += 1
                let text = columns.joined(separator: ",")
                // `a,b,…,z`: the header starts with `a,b,` and ends with `,z`.
                let parts = text.components(separatedBy: "…")
                let matches =
                    parts.count == 1 ? written.contains(text) : written.contains { $0.hasPrefix(parts[0]) && $0.hasSuffix(parts.last!) }
                if !matches {
                    problems.append(
                        "docs/outputs.md gives \(file) the columns \(text), but it is written with \(written.sorted().joined(separator: " or "))"
                    )
                }
            }
        }
        for file in headers.keys.sorted() where !named.contains(file) {
            problems.append("\(file) is written but docs/outputs.md does not name it")
        }
        XCTAssertGreaterThanOrEqual(checkedHeaders, 12, "column lists checked")
        // Issue 17: a column is numbers or text, never both (`year` = `all`, `payback_year` =
        // `never`, a schedule's name among values): a spreadsheet or pandas then reads it as text.
        XCTAssertEqual(mixed, [], mixed.joined(separator: "\n"))
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    /// The columns of a CSV file (standard dialect, no quoted line breaks in these files) that
    /// hold both numbers and other non-empty text, as `file: column (a text value)`.
    static func columnsMixingNumbersAndText(_ url: URL) -> [String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let rows = text.split(separator: "\n").map { line -> [String] in
            var cells: [String] = [], cell = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == "," && !quoted { cells.append(cell); cell = "" } else { cell.append(c) }
            }
            return cells + [cell]
        }
        guard let header = rows.first else { return [] }
        var out: [String] = []
        for (j, name) in header.enumerated() {
            let values = rows.dropFirst().compactMap { j < $0.count && !$0[j].isEmpty ? $0[j] : nil }
            let numbers = values.filter { Double($0) != nil }
            if let word = values.first(where: { Double($0) == nil }), !numbers.isEmpty {
                out.append(
                    "\(url.deletingLastPathComponent().lastPathComponent)/\(url.lastPathComponent): \(name) (\(word) among \(numbers.count) numbers)"
                )
            }
        }
        return out
    }

    /// Files docs/outputs.md names that are inputs, not outputs.
    static let inputFiles: Set<String> = ["outturn.csv"]
}
