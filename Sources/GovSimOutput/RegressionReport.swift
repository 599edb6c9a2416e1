import Foundation

/// The outputs of `govsim fit` for one ``LinearRegression``: two CSV tables, an R-style
/// summary for the terminal, and a manifest.
///
/// - `coefficients.csv`: `term,estimate,std_error,t_statistic,p_value`, one row per term in
///   design order (the intercept's term is `intercept`). With a robust covariance the
///   standard errors, t statistics and p-values are the robust ones.
/// - `statistics.csv`: `statistic,value` rows: `n_obs`, `n_params`, `df_residual`,
///   `residual_sd`, `r_squared`, `adj_r_squared`, `f_statistic`, `f_df_model`, `f_p_value`
///   (classical homoskedastic F test), `condition_number` (2-norm, column-scaled design),
///   `condition_number_unscaled` (2-norm, design as given), and `robust` (`hc1`/`hc3`) when a
///   robust covariance was used.
/// - `summary.txt`: the text of ``summary``.
/// - `manifest.json`: what was fitted, by which govsim version, and the list of files.
package struct RegressionReport: Sendable {
    package let regression: LinearRegression
    /// Name of the response column.
    package let responseName: String
    /// Display name of the data file.
    package let dataName: String

    package init(regression: LinearRegression, responseName: String, dataName: String) {
        self.regression = regression
        self.responseName = responseName
        self.dataName = dataName
    }

    /// Standard errors, t statistics and p-values as reported: robust if requested.
    var reportedErrors: (standardErrors: [Double], t: [Double], p: [Double]) {
        if let robust = regression.robust { return (robust.standardErrors, robust.tStatistics, robust.pValues) }
        return (regression.standardErrors, regression.tStatistics, regression.pValues)
    }

    /// `coefficients.csv`.
    package var coefficientsTable: CSVTable {
        var table = CSVTable(header: ["term", "estimate", "std_error", "t_statistic", "p_value"])
        let errors = reportedErrors
        for j in regression.termNames.indices {
            table.append([
                .text(regression.termNames[j]), .number(regression.estimates[j]),
                .number(errors.standardErrors[j]), .number(errors.t[j]), .number(errors.p[j]),
            ])
        }
        return table
    }

    /// `statistics.csv`.
    package var statisticsTable: CSVTable {
        let r = regression
        var table = CSVTable(header: ["statistic", "value"])
        table.append([.text("n_obs"), .integer(r.observationCount)])
        table.append([.text("n_params"), .integer(r.parameterCount)])
        table.append([.text("df_residual"), .integer(r.residualDegreesOfFreedom)])
        table.append([.text("residual_sd"), .number(r.residualStandardDeviation)])
        table.append([.text("r_squared"), .number(r.rSquared)])
        table.append([.text("adj_r_squared"), .number(r.adjustedRSquared)])
        table.append([.text("f_statistic"), .number(r.fStatistic)])
        table.append([.text("f_df_model"), .integer(r.parameterCount - (r.hasIntercept ? 1 : 0))])
        table.append([.text("f_p_value"), .number(r.fPValue)])
        table.append([.text("condition_number"), .number(r.conditionNumber)])
        table.append([.text("condition_number_unscaled"), .number(r.unscaledConditionNumber)])
        if let robust = r.robust { table.append([.text("robust"), .text(robust.kind.rawValue)]) }
        return table
    }

    /// An R-style summary: the coefficient table with significance stars, residual SD, R²,
    /// F test and condition number.
    package var summary: String {
        let r = regression
        let errors = reportedErrors
        var lines: [String] = []
        let predictors = r.termNames.filter { !(r.hasIntercept && $0 == "intercept") }
        lines.append(
            "Linear regression of \(responseName) on \(predictors.joined(separator: ", "))\(r.hasIntercept ? "" : " (no intercept)") — \(dataName), \(r.observationCount) observations"
        )
        lines.append("")
        lines.append("Coefficients:")
        let header = ["", "Estimate", "Std. Error", "t value", "Pr(>|t|)", ""]
        var rows: [[String]] = [header]
        for j in r.termNames.indices {
            rows.append([
                r.termNames[j], Self.number(r.estimates[j]), Self.number(errors.standardErrors[j]),
                Self.fixed(errors.t[j]), Self.pValue(errors.p[j]), Self.stars(errors.p[j]),
            ])
        }
        let widths = (0..<header.count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for row in rows {
            var line = row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0)
            for c in 1..<(header.count - 1) { line += "  " + String(repeating: " ", count: widths[c] - row[c].count) + row[c] }
            line += " " + row[header.count - 1]
            lines.append(line.trimmingTrailingSpaces())
        }
        lines.append("---")
        lines.append("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1")
        if let robust = r.robust {
            lines.append("Standard errors: \(robust.kind.rawValue.uppercased()) (heteroskedasticity-robust)")
        }
        lines.append("")
        lines.append(
            "Residual standard deviation: \(Self.number(r.residualStandardDeviation)) on \(r.residualDegreesOfFreedom) degrees of freedom")
        lines.append(
            "R²: \(Self.number(r.rSquared))\(r.hasIntercept ? "" : " (uncentred)"),  adjusted R²: \(Self.number(r.adjustedRSquared))")
        let dfModel = r.parameterCount - (r.hasIntercept ? 1 : 0)
        if dfModel > 0 {
            lines.append(
                "F statistic: \(Self.number(r.fStatistic)) on \(dfModel) and \(r.residualDegreesOfFreedom) DF,  p-value: \(Self.pValue(r.fPValue))\(r.robust == nil ? "" : " (classical F test)")"
            )
        }
        lines.append(
            "Condition number (2-norm): \(Self.number(r.conditionNumber)) with columns scaled to unit length, \(Self.number(r.unscaledConditionNumber)) as given"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    /// The files of the output folder: `coefficients.csv`, `statistics.csv`, `summary.txt` and
    /// `manifest.json` (which marks the folder as govsim's, so a re-run may replace it).
    package func files() throws -> [(name: String, contents: Data)] {
        let names = ["coefficients.csv", "statistics.csv", "summary.txt", "manifest.json"]
        let manifest: [String: Any] = [
            "command": "fit",
            "govsim_version": GovSimVersion.string,
            "data": dataName,
            "response": responseName,
            "terms": regression.termNames,
            "intercept": regression.hasIntercept,
            "robust": regression.robust.map { $0.kind.rawValue } ?? "none",
            "files": names,
        ]
        let json = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return [
            (names[0], Data(coefficientsTable.render().utf8)),
            (names[1], Data(statisticsTable.render().utf8)),
            (names[2], Data(summary.utf8)),
            (names[3], json + Data("\n".utf8)),
        ]
    }

    /// The report's own manifest keys (those of ``files()``'s manifest.json but `files`), for a
    /// caller that extends the manifest (``FitPipeline``).
    package var manifestMembers: [String: JSONValue] {
        [
            "command": .string("fit"),
            "govsim_version": .string(GovSimVersion.string),
            "data": .string(dataName),
            "response": .string(responseName),
            "terms": .array(regression.termNames.map { .string($0) }),
            "intercept": .bool(regression.hasIntercept),
            "robust": .string(regression.robust.map { $0.kind.rawValue } ?? "none"),
        ]
    }

    // MARK: - Formatting

    /// Six significant digits (R prints about that many).
    static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return String(format: "%.6g", x)
    }

    /// t values with three decimals, or in exponent form when huge.
    static func fixed(_ x: Double) -> String {
        if !x.isFinite || abs(x) >= 1e6 { return number(x) }
        return String(format: "%.3f", x)
    }

    /// p-values as R prints them: `< 2.2e-16` below machine precision, else 3 significant digits.
    static func pValue(_ p: Double) -> String {
        if p.isNaN { return "NaN" }
        if p < 2.2e-16 { return "< 2.2e-16" }
        return String(format: "%.3g", p)
    }

    static func stars(_ p: Double) -> String {
        if p.isNaN { return "" }
        if p < 0.001 { return "***" }
        if p < 0.01 { return "**" }
        if p < 0.05 { return "*" }
        if p < 0.1 { return "." }
        return ""
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
