import ArgumentParser
import Foundation
import GovSimCore

struct ParametersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parameters",
        abstract: "List every scenario parameter with its unit, allowed range, default and source.",
        discussion: """
        Examples:
          govsim parameters
          govsim parameters --format csv > parameters.csv
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, csv }

    @Option(help: "Output format: markdown or csv.")
    var format: Format = .markdown

    func run() {
        let header = ["path", "unit", "allowed", "default", "source", "meaning"]
        let rows = ParameterCatalog.describedRows()
        switch format {
        case .csv:
            var table = CSVTable(header: header)
            for row in rows { table.append(row.map { .text($0) }) }
            print(table.render(), terminator: "")
        case .markdown:
            print("| " + header.joined(separator: " | ") + " |")
            print("|" + String(repeating: "---|", count: header.count))
            for row in rows {
                print("| " + row.enumerated().map { $0 == 0 ? "`\($1)`" : $1.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
            }
        }
    }
}
