import ArgumentParser
import Foundation
import GovSimCore

struct ParametersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parameters",
        abstract: "List every scenario parameter with its unit, allowed range, default and source.",
        discussion: """
            The default text format is wrapped to the terminal's width; markdown and csv give a table to paste into a document or a spreadsheet.

            Examples:
              govsim parameters
              govsim parameters --format csv > parameters.csv
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, csv }

    @Option(help: "Output format: text (wrapped to the terminal), markdown or csv.")
    var format: Format = .text

    @Option(help: "Line width of the text format (default: the terminal's width, or 80).")
    var width: Int?

    func validate() throws {
        if let width, width < 40 || width > 1000 {
            throw ValidationError("--width must be between 40 and 1000 columns; leave it out to use the terminal's width.")
        }
    }

    func run() {
        let header = ["path", "unit", "allowed", "default", "source", "meaning"]
        let rows = ParameterCatalog.describedRows()
        switch format {
        case .text:
            let columns = width ?? Terminal.columns
            var first = true
            for row in rows {
                if !first { print("") }
                first = false
                // path, unit, allowed, default, source, meaning
                print(TextWrap.lines("\(row[0])  (\(row[1]); allowed \(row[2]))", width: columns).joined(separator: "\n"))
                print(TextWrap.lines(row[5], width: columns, indent: "    ").joined(separator: "\n"))
                print(TextWrap.lines("default: \(row[3])", width: columns, indent: "    ").joined(separator: "\n"))
                print(TextWrap.lines("source: \(row[4])", width: columns, indent: "    ").joined(separator: "\n"))
            }
        case .csv:
            var table = CSVTable(header: header)
            for row in rows { table.append(row.map { .text($0) }) }
            print(table.render(), terminator: "")
        case .markdown:
            print("| " + header.joined(separator: " | ") + " |")
            print("|" + String(repeating: "---|", count: header.count))
            for row in rows {
                print(
                    "| "
                        + row.enumerated().map { $0 == 0 ? "`\($1)`" : $1.replacingOccurrences(of: "|", with: "\\|") }.joined(
                            separator: " | ") + " |")
            }
        }
    }
}
