import Foundation

/// `govsim fit` in memory: the regression of a data file's bytes as the files of its output
/// folder (``RegressionReport``'s coefficients.csv, statistics.csv and summary.txt) and a
/// manifest holding the report's keys plus what `govsim verify` needs (built here, in one step,
/// never by re-reading a rendered manifest).
package enum FitPipeline {
    /// The options of `govsim fit`.
    package struct Options: Sendable {
        /// The data file's path as given (shown in messages and recorded).
        package var dataPath: String
        /// The data file's bytes (read by the caller through ``InputSources``).
        package var data: Data
        package var response: String
        /// The predictor columns; nil for every other numeric column.
        package var predictors: [String]?
        package var intercept: Bool = true
        package var robust: LinearRegression.RobustCovariance?
        /// The command line as typed and the results folder as given (for `invocation`).
        package var command: [String]
        package var outputFolder: String

        package init(
            dataPath: String, data: Data, response: String, predictors: [String]?, intercept: Bool = true,
            robust: LinearRegression.RobustCovariance?, command: [String], outputFolder: String
        ) {
            self.dataPath = dataPath
            self.data = data
            self.response = response
            self.predictors = predictors
            self.intercept = intercept
            self.robust = robust
            self.command = command
            self.outputFolder = outputFolder
        }

        /// `--csv-dialect` (``CSVDialect``), nil for standard.
        package var csvDialect: String?

        /// The typed record `govsim verify` re-runs from.
        package var record: ReproductionRecord {
            var record = ReproductionRecord(.fit)
            record.data = dataPath
            record.response = response
            record.predictors = predictors
            record.noIntercept = !intercept
            record.robust = robust?.rawValue
            record.csvDialect = csvDialect
            return record
        }
    }

    /// The files to write (manifest.json last) and the summary for the terminal.
    package struct Outcome {
        package let files: [(name: String, contents: Data)]
        package let summary: String
    }

    /// The steps ``run(_:step:)`` announces, in order.
    package static let steps = ["reading the data", "fitting"]

    /// Fits the regression; throws ``DataTableError`` for a data or model problem and
    /// ``LAPACKError`` for a numerical failure. `step` is told each of ``steps`` as it begins
    /// (a 64 MiB file takes seconds to read and to fit).
    package static func run(_ options: Options, step: (String) -> Void = { _ in }) throws -> Outcome {
        step(steps[0])
        let table = try DataTable(data: options.data, fileName: options.dataPath)
        step(steps[1])
        let regression = try table.fitLinearRegression(
            response: options.response, predictors: options.predictors,
            intercept: options.intercept, robust: options.robust)
        let report = RegressionReport(regression: regression, responseName: options.response, dataName: options.dataPath)
        let dialect = options.record.dialect
        let files = try report.files().filter { $0.name != "manifest.json" }
            .map { $0.name.hasSuffix(".csv") ? (name: $0.name, contents: dialect.file($0.contents)) : $0 }
        var members = report.manifestMembers
        members["subcommand"] = .string("fit")
        members["files"] = .array(
            files.map { f in
                .object(["name": .string(f.name), "bytes": .integer(f.contents.count), "sha256": .string(SHA256.hex(f.contents))])
            })
        members["reproduction"] = options.record.json
        members["inputs"] = InputSources.current.json
        members["environment"] = RunEnvironment.describe()
        var invocation = InvocationRecord.facts(threads: 1, outputFolder: options.outputFolder)
        invocation["command"] = .array(options.command.map { .string($0) })
        members["invocation"] = .object(invocation)
        let manifest = (name: "manifest.json", contents: Data(JSONValue.object(members).render().utf8))
        return Outcome(files: files + [manifest], summary: report.summary)
    }
}
