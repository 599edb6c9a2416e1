import ArgumentParser
import Foundation
import GovSimCore

/// `govsim fit`: ordinary least squares on columns of a CSV file. File I/O and printing only;
/// parsing, fitting and the report are in GovSimCore (`DataTable`, `LinearRegression`,
/// `RegressionReport`).
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a linear regression (OLS by pivoted Householder QR) to columns of a CSV file.",
        usage: "govsim fit <DATA.csv> --response <column> [<options>]",
        discussion: """
            Reads DATA.csv (RFC 4180: header row, comma-separated, UTF-8; quoted fields may contain commas and line breaks), regresses the --response column on the --predictors (default: every other numeric column) with an intercept unless --no-intercept, prints an R-style summary and writes coefficients.csv, statistics.csv, summary.txt and manifest.json to the output folder (whole or not at all).

            Collinear predictors are refused with a message naming them; nothing is dropped silently. --robust hc1|hc3 reports heteroskedasticity-robust standard errors (HC3 is recommended for n < 250); the F test stays the classical one.

            Examples:
              govsim fit panel.csv --response productivity --robust hc3
              govsim fit panel.csv --response productivity --predictors a,b,c --out fits
            """
    )

    @Argument(help: ArgumentHelp("The CSV data file.", valueName: "DATA.csv"))
    var data: String

    @Option(help: "Name of the response column.")
    var response: String

    @Option(help: ArgumentHelp("Comma-separated predictor columns (default: every other numeric column).", valueName: "a,b,c"))
    var predictors: String?

    @Flag(name: .customLong("no-intercept"), help: "Fit without an intercept (R² is then the uncentred Σŷ²/Σy²).")
    var noIntercept = false

    @Option(help: ArgumentHelp("Heteroskedasticity-robust standard errors: hc1 or hc3.", valueName: "hc1|hc3"))
    var robust: RobustChoice?

    @Option(help: ArgumentHelp("Output folder (default: outputs/fit-<DATA basename>).", valueName: "DIR"))
    var out: String?

    @Flag(help: "Replace a folder govsim wrote even if its files were changed since (never files govsim did not write).")
    var force = false

    enum RobustChoice: String, ExpressibleByArgument, CaseIterable {
        case hc1, hc3
        var kind: LinearRegression.RobustCovariance { self == .hc1 ? .hc1 : .hc3 }
    }

    @Option(
        name: .customLong("csv-dialect"),
        help: ArgumentHelp(
            "CSV layout: standard (the default), excel or excel-semicolon (see govsim run --help). Recorded for govsim verify.",
            valueName: "name"))
    var csvDialect: CSVDialect = .standard

    @OptionGroup var style: OutputStyleOptions

    func run() throws {
        Terminal.installInterruptHandlers()
        let contents: Data
        do {
            // Through the current input source: from the disk (recorded for the manifest), or
            // in `govsim verify` from the manifest's recorded bytes.
            contents = try InputSources.current.reading(role: "fit-data", path: data) { try readFitData(data) }
        } catch let error as CLIError {
            return try fail(error.description)
        }
        var predictorNames: [String]? = nil
        if let predictors {
            let names = predictors.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if names.contains(where: \.isEmpty) {
                return try fail("--predictors '\(predictors)': empty column name; separate names by single commas, e.g. a,b,c")
            }
            predictorNames = names
        }
        let basename = URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent
        let outPath = out ?? "outputs/fit-\(basename)"
        let destination = URL(fileURLWithPath: outPath)
        do {
            var options = FitPipeline.Options(
                dataPath: data, data: contents, response: response, predictors: predictorNames,
                intercept: !noIntercept, robust: robust?.kind, command: commandLine, outputFolder: outPath)
            options.csvDialect = csvDialect == .standard ? nil : csvDialect.rawValue
            // Two steps, reading and fitting, each named when it begins.
            let progress = style.progressReporter(total: FitPipeline.steps.count, unit: "steps")
            var done = 0
            let outcome: FitPipeline.Outcome
            do {
                defer { progress?.finish() }
                outcome = try FitPipeline.run(options) { step in
                    progress?.begin(step: step, done: done)
                    done += 1
                }
            }
            try OutputDirectory(path: outPath, force: force, inputs: [data]).write(outcome.files)
            style.print(outcome.summary, terminator: "")
            style.print("\nWrote coefficients.csv, statistics.csv, summary.txt and manifest.json to \(destination.path)")
        } catch let error as DataTableError {
            try fail(error.description)
        } catch let error as OutputError {
            try fail(error.description)
        } catch let error as LAPACKError {
            try fail("\(data): numerical failure (\(error)); please report this as a bug in govsim")
        }
    }

    /// The bytes of the data file: at most ``DataTable/maximumBytes`` of a regular file (a
    /// device such as /dev/zero, or a pipe, is refused), so that memory stays bounded (the
    /// parsed table and the design matrix take about ten times the file's size).
    private func readFitData(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("\(path): no such file; check the path")
        }
        if isDirectory.boolValue { throw CLIError("\(path): cannot read a folder; give the path of a CSV file") }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > DataTable.maximumBytes {
            throw CLIError(
                "\(path): the file is \(info.st_size) bytes, larger than the \(DataTable.maximumBytes)-byte limit for govsim fit; aggregate or sample the data first"
            )
        }
        let bytes: Data
        do {
            bytes = try readAtMost(path, count: DataTable.maximumBytes + 1, what: "data", requireRegularFile: true)
        } catch let error as CLIError {
            throw CLIError(error.description.replacingOccurrences(of: "the data file cannot be read", with: "cannot read the file"))
        }
        if bytes.count > DataTable.maximumBytes {
            throw CLIError(
                "\(path): the file is larger than \(DataTable.maximumBytes) bytes, the limit for govsim fit; aggregate or sample the data first"
            )
        }
        return bytes
    }

    /// Prints `error: <message>` to standard error and exits with status 1.
    private func fail(_ message: String) throws {
        Terminal.error(message)
        throw ExitCode(1)
    }
}
