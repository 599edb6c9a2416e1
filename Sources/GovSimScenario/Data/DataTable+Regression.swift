/// Fitting a ``LinearRegression`` to columns of a ``DataTable``: the code path of `govsim fit`.
extension DataTable {
    /// The predictors used when none are named: every numeric column except the response, in
    /// file order (see ``numericColumnNames``).
    package func defaultPredictors(response: String) -> [String] {
        numericColumnNames.filter { $0 != response }
    }

    /// Fits `response` on `predictors` (default: ``defaultPredictors(response:)``) by OLS.
    ///
    /// Every problem is reported as a ``DataTableError`` naming this table's file and, where
    /// there is one, the row (file line) and column: unknown or repeated columns, cells that
    /// are not numbers, fewer rows than parameters + 1, a constant response, collinear
    /// predictors, an observation with leverage 1 under HC3.
    package func fitLinearRegression(
        response: String, predictors: [String]? = nil, intercept: Bool = true,
        robust: LinearRegression.RobustCovariance? = nil
    ) throws -> LinearRegression {
        let responseIndex = try columnIndex(response)
        let names = predictors ?? defaultPredictors(response: response)
        if names.isEmpty {
            throw DataTableError(
                .invalidModel, file: fileName,
                problem: "there is no predictor: the file has no numeric column besides the response '\(response)'",
                fix: "add predictor columns or name them with --predictors")
        }
        var seen: Set<String> = []
        var indices: [Int] = []
        for name in names {
            let index = try columnIndex(name)
            if name == response {
                throw DataTableError(
                    .invalidModel, file: fileName, line: headerLineNumber, column: index + 1,
                    problem: "the response '\(response)' is also listed as a predictor",
                    fix: "remove it from --predictors")
            }
            if !seen.insert(name).inserted {
                throw DataTableError(
                    .invalidModel, file: fileName, line: headerLineNumber, column: index + 1,
                    problem: "predictor '\(name)' is listed twice",
                    fix: "list each predictor once in --predictors")
            }
            if intercept && name == "intercept" {
                throw DataTableError(
                    .invalidModel, file: fileName, line: headerLineNumber, column: index + 1,
                    problem: "a predictor column is named 'intercept', the name of the model's constant term",
                    fix: "rename the column, or pass --no-intercept if it is your own constant column")
            }
            indices.append(index)
        }
        let y = try numericColumn(response)
        try checkScale(y, column: responseIndex)
        var storage: [Double] = []
        storage.reserveCapacity(rowCount * names.count)
        for (name, index) in zip(names, indices) {
            let column = try numericColumn(name)
            try checkScale(column, column: index)
            storage += column
        }
        let x = Matrix(rows: rowCount, columns: names.count, storage: storage)
        do {
            let fit = try LinearRegression.fit(
                response: y, predictors: x, predictorNames: names,
                intercept: intercept, robust: robust)
            let statistics =
                fit.estimates + fit.standardErrors
                + [fit.residualSumOfSquares, fit.totalSumOfSquares, fit.residualStandardDeviation, fit.rSquared]
            guard statistics.allSatisfy(\.isFinite) else {
                throw DataTableError(
                    .outOfRange, file: fileName, line: headerLineNumber, column: responseIndex + 1,
                    problem: "the fit's statistics overflow (they are not finite numbers) for these columns",
                    fix: "rescale the columns (divide or multiply them by a power of ten)")
            }
            return fit
        } catch let error as RegressionError {
            throw locate(error, responseIndex: responseIndex, predictorIndices: indices, intercept: intercept)
        }
    }

    /// Largest magnitude of a column's values for a fit: sums of squares of 10⁷ rows stay finite
    /// (and the smallest nonzero largest magnitude, 1/this, keeps them from underflowing to 0).
    package static let fitScaleLimit = 1e100

    /// Refuses a column whose largest magnitude is beyond ``fitScaleLimit`` or, unless the
    /// column is all zeros, below its reciprocal: its squares would overflow or underflow, and the
    /// fit's statistics would come out as Inf or NaN.
    private func checkScale(_ values: [Double], column j: Int) throws {
        let largest = values.reduce(0) { max($0, abs($1)) }
        guard largest > DataTable.fitScaleLimit || (largest > 0 && largest < 1 / DataTable.fitScaleLimit) else { return }
        throw DataTableError(
            .outOfRange, file: fileName, line: headerLineNumber, column: j + 1,
            problem: "the largest magnitude in column \(DataTable.excerpt(columnNames[j])) is \(CSVTable.formatNumber(largest)), "
                + "outside the range 1e-100 to 1e100 in which a fit's sums of squares stay finite and nonzero",
            fix: "rescale the column (divide or multiply it by a power of ten) and read the coefficients in those units")
    }

    /// Adds file, row and column to a regression error.
    private func locate(
        _ error: RegressionError, responseIndex: Int, predictorIndices: [Int],
        intercept: Bool
    ) -> DataTableError {
        let response = columnNames[responseIndex]
        switch error {
        case .nonFiniteValue(let observation, let term, _):
            let column = term.flatMap { columnNames.firstIndex(of: $0) } ?? responseIndex
            return DataTableError(
                .nonNumericCell, file: fileName, line: lineNumbers[observation], column: column + 1,
                problem: "the value in column '\(columnNames[column])' is not finite",
                fix: "replace it with a finite number or remove the row")
        case .tooFewObservations(let observations, let parameters):
            let terms = (intercept ? ["intercept"] : []) + predictorIndices.map { columnNames[$0] }
            return DataTableError(
                .tooFewRows, file: fileName,
                problem:
                    "\(observations) data row\(observations == 1 ? "" : "s") for \(parameters) parameter\(parameters == 1 ? "" : "s") (\(terms.joined(separator: ", "))); a fit needs at least \(parameters + 1) rows",
                fix: "add rows or use fewer predictors")
        case .constantResponse(let value):
            return DataTableError(
                .constantResponse, file: fileName, line: headerLineNumber, column: responseIndex + 1,
                problem: "the response '\(response)' is \(CSVTable.formatNumber(value)) in every row, so there is nothing to explain",
                fix: "choose a response column that varies")
        case .zeroResponse:
            return DataTableError(
                .constantResponse, file: fileName, line: headerLineNumber, column: responseIndex + 1,
                problem: "the response '\(response)' is zero in every row",
                fix: "choose a response column that is not identically zero")
        case .collinear(let report):
            let column = report.dependencies.first.flatMap { columnNames.firstIndex(of: $0.name) }
            return DataTableError(
                .collinearColumns, file: fileName, line: column == nil ? nil : headerLineNumber, column: column.map { $0 + 1 },
                problem: "collinear predictors: \(report)",
                fix:
                    "drop \(report.droppedNames.map { "'\($0)'" }.joined(separator: ", ")) (or the columns it depends on) from --predictors, or combine them"
            )
        case .leverageOne(let observation):
            return DataTableError(
                .highLeverage, file: fileName, line: lineNumbers[observation],
                problem: "this row has leverage 1 (it alone determines a coefficient), so HC3 standard errors are undefined",
                fix: "use --robust hc1, or remove the row or the predictor it alone determines")
        case .dimensionMismatch(let what):
            return DataTableError(
                .invalidModel, file: fileName, problem: "internal inconsistency: \(what)",
                fix: "please report this as a bug in govsim")
        }
    }
}
