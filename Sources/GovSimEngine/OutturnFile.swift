import Foundation

/// Observed KPIs (outturn): a tidy CSV `year,metric,value[,sd]`, one row per observed
/// (calendar year, metric), with the same metric names as `summary.csv`.
///
/// Contract: ``parse(_:fileName:startYear:horizon:)`` either returns every observation or throws
/// a ``DataTableError`` at the first problem, located `file:line:column` (a missing or unknown
/// column, an unknown metric with a did-you-mean, a year outside the scenario's years
/// `startYear + 1 … startYear + horizon` (the base year is not a forecast), a value or SD that is
/// not a finite number, an SD that is not positive, a (year, metric) given twice). `sd` is the
/// measurement standard deviation of the observation, in the metric's own units; a row may leave
/// it empty (evaluation does not need it; conditioning does, see ``requireSD()``).
package struct OutturnFile: Sendable, Equatable {
    /// One observed value.
    package struct Observation: Sendable, Equatable {
        /// Calendar year.
        package let year: Int
        /// Year index in the run's trajectory (1 … horizon).
        package let yearIndex: Int
        package let metric: Metric
        /// Observed value, in the metric's units (see ``Metric``).
        package let value: Double
        /// Measurement standard deviation, same units, when given.
        package let sd: Double?
        /// 1-based line of the file.
        package let line: Int
    }

    /// Display name of the file.
    package let fileName: String
    /// Observations in file order.
    package let observations: [Observation]
    /// 1-based column of `sd`, when the file has one.
    let sdColumn: Int?

    /// The columns the file may have, in order.
    package static let columns = ["year", "metric", "value", "sd"]

    /// Parses `data` (the file's bytes) for a scenario whose base year is `startYear` with
    /// `horizon` forecast years.
    package static func parse(_ data: Data, fileName: String, startYear: Int, horizon: Int) throws -> OutturnFile {
        let table = try DataTable(data: data, fileName: fileName)
        let header = table.headerLineNumber
        for (k, name) in table.columnNames.enumerated() where !columns.contains(name) {
            let hint = Suggestion.closest(to: name, in: columns).map { "did you mean '\($0)'? " } ?? ""
            throw DataTableError(
                .unknownColumn, file: fileName, line: header, column: k + 1,
                problem: "unknown column '\(DataTable.excerpt(name, quote: nil))'",
                fix: "\(hint)an outturn file has the columns year,metric,value and optionally sd")
        }
        var index: [String: Int] = [:]
        for name in ["year", "metric", "value"] {
            guard let k = table.columnNames.firstIndex(of: name) else {
                throw DataTableError(
                    .unknownColumn, file: fileName, line: header,
                    problem: "the header has no '\(name)' column",
                    fix: "start the file with the header line year,metric,value (and optionally ,sd)")
            }
            index[name] = k
        }
        let sdIndex = table.columnNames.firstIndex(of: "sd")
        let metricNames = Metric.allCases.map(\.rawValue)
        var observations: [Observation] = []
        var seen: [String: Int] = [:]
        guard table.rowCount > 0 else {
            throw DataTableError(
                .noDataRows, file: fileName, line: header, problem: "the file has a header but no observations",
                fix: "add one row per observed year and metric, e.g. \(startYear + 1),productivity_index,101.2")
        }
        for (r, row) in table.rows.enumerated() {
            let line = table.lineNumbers[r]
            func cell(_ k: Int) -> String { k < row.count ? row[k].trimmingCharacters(in: .whitespaces) : "" }
            func fail(_ kind: DataTableError.Kind, _ k: Int, _ problem: String, _ fix: String) -> DataTableError {
                DataTableError(kind, file: fileName, line: line, column: k + 1, problem: problem, fix: fix)
            }
            let yk = index["year"]!, mk = index["metric"]!, vk = index["value"]!
            let first = startYear + 1, last = startYear + horizon
            guard let year = Int(cell(yk)) else {
                throw fail(
                    cell(yk).isEmpty ? .missingCell : .nonNumericCell, yk,
                    "year \(DataTable.excerpt(cell(yk))) is not a whole calendar year", "write a year from \(first) to \(last)")
            }
            guard year >= first, year <= last else {
                throw fail(
                    .outOfRange, yk, "year \(year) is outside the forecast's years \(first)–\(last)",
                    year == startYear
                        ? "the base year \(startYear) is not forecast; observe years \(first)–\(last)"
                        : "drop the row, or forecast over a longer horizon")
            }
            guard let metric = Metric(rawValue: cell(mk)) else {
                let hint = Suggestion.closest(to: cell(mk), in: metricNames).map { "did you mean '\($0)'? " } ?? ""
                throw fail(
                    cell(mk).isEmpty ? .missingCell : .unknownColumn, mk, "unknown metric \(DataTable.excerpt(cell(mk)))",
                    "\(hint)use a metric name of summary.csv (`govsim run` writes them; see docs/outputs.md)")
            }
            guard let value = DataTable.number(from: cell(vk)), value.isFinite else {
                throw fail(
                    cell(vk).isEmpty ? .missingCell : .nonNumericCell, vk,
                    "value \(DataTable.excerpt(cell(vk))) is not a number", "write a plain decimal number such as 101.5")
            }
            var sd: Double?
            if let sk = sdIndex, !cell(sk).isEmpty {
                guard let s = DataTable.number(from: cell(sk)), s.isFinite else {
                    throw fail(
                        .nonNumericCell, sk, "sd \(DataTable.excerpt(cell(sk))) is not a number",
                        "write the measurement standard deviation as a plain number, or leave it empty")
                }
                guard s > 0 else {
                    throw fail(
                        .outOfRange, sk, "sd \(CSVTable.formatNumber(s)) is not positive",
                        "a measurement standard deviation is above 0; leave it empty if unknown")
                }
                sd = s
            }
            let key = "\(year) \(metric.rawValue)"
            if let earlier = seen[key] {
                throw fail(
                    .outOfRange, mk, "\(metric.rawValue) in \(year) is already observed on line \(earlier)",
                    "give each year and metric once")
            }
            seen[key] = line
            observations.append(Observation(year: year, yearIndex: year - startYear, metric: metric, value: value, sd: sd, line: line))
        }
        return OutturnFile(fileName: fileName, observations: observations, sdColumn: sdIndex.map { $0 + 1 })
    }

    /// Refuses an observation without a measurement SD (conditioning needs one for every
    /// observation's likelihood), naming its line and the sd column.
    package func requireSD() throws {
        guard let missing = observations.first(where: { $0.sd == nil }) else { return }
        throw DataTableError(
            .missingCell, file: fileName, line: missing.line, column: sdColumn ?? Self.columns.count,
            problem: "\(missing.metric.rawValue) in \(missing.year) has no measurement sd, which conditioning needs",
            fix: sdColumn == nil
                ? "add a column sd with each observation's measurement standard deviation (same units as value)"
                : "fill in the sd (same units as value)")
    }

    /// The observed years (indices 1 … horizon), ascending, each once.
    package var yearIndices: [Int] { Array(Set(observations.map(\.yearIndex))).sorted() }
}
