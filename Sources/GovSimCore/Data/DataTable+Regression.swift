/// Fitting a ``LinearRegression`` to columns of a ``DataTable``: the code path of `govsim fit`.
extension DataTable {
    /// The predictors used when none are named: every numeric column except the response, in
    /// file order (see ``numericColumnNames``).
    public func defaultPredictors(response: String) -> [String] {
        numericColumnNames.filter { $0 != response }
    }

    /// Fits `response` on `predictors` (default: ``defaultPredictors(response:)``) by OLS.
    ///
    /// Every problem is reported as a ``DataTableError`` naming this table's file and, where
    /// there is one, the row (file line) and column: unknown or repeated columns, cells that
    /// are not numbers, fewer rows than parameters + 1, a constant response, collinear
    /// predictors, an observation with leverage 1 under HC3.
    public func fitLinearRegression(response: String, predictors: [String]? = nil, intercept: Bool = true,
                                    robust: LinearRegression.RobustCovariance? = nil) throws -> LinearRegression {
        let responseIndex = try columnIndex(response)
        let names = predictors ?? defaultPredictors(response: response)
        if names.isEmpty {
            throw DataTableError(.invalidModel, file: fileName,
                                 problem: "there is no predictor: the file has no numeric column besides the response '\(response)'",
                                 fix: "add predictor columns or name them with --predictors")
        }
        var seen: Set<String> = []
        var indices: [Int] = []
        for name in names {
            let index = try columnIndex(name)
            if name == response {
                throw DataTableError(.invalidModel, file: fileName, line: headerLineNumber, column: index + 1,
                                     problem: "the response '\(response)' is also listed as a predictor",
                                     fix: "remove it from --predictors")
            }
            if !seen.insert(name).inserted {
                throw DataTableError(.invalidModel, file: fileName, line: headerLineNumber, column: index + 1,
                                     problem: "predictor '\(name)' is listed twice",
                                     fix: "list each predictor once in --predictors")
            }
            if intercept && name == "intercept" {
                throw DataTableError(.invalidModel, file: fileName, line: headerLineNumber, column: index + 1,
                                     problem: "a predictor column is named 'intercept', the name of the model's constant term",
                                     fix: "rename the column, or pass --no-intercept if it is your own constant column")
            }
            indices.append(index)
        }
        let y = try numericColumn(response)
        var storage: [Double] = []
        storage.reserveCapacity(rowCount * names.count)
        for name in names { storage += try numericColumn(name) }
        let x = Matrix(rows: rowCount, columns: names.count, storage: storage)
        do {
            return try LinearRegression.fit(response: y, predictors: x, predictorNames: names,
                                            intercept: intercept, robust: robust)
        } catch let error as RegressionError {
            throw locate(error, responseIndex: responseIndex, predictorIndices: indices, intercept: intercept)
        }
    }

    /// Adds file, row and column to a regression error.
    private func locate(_ error: RegressionError, responseIndex: Int, predictorIndices: [Int],
                        intercept: Bool) -> DataTableError {
        let response = columnNames[responseIndex]
        switch error {
        case let .nonFiniteValue(observation, term, _):
            let column = term.flatMap { columnNames.firstIndex(of: $0) } ?? responseIndex
            return DataTableError(.nonNumericCell, file: fileName, line: lineNumbers[observation], column: column + 1,
                                  problem: "the value in column '\(columnNames[column])' is not finite",
                                  fix: "replace it with a finite number or remove the row")
        case let .tooFewObservations(observations, parameters):
            let terms = (intercept ? ["intercept"] : []) + predictorIndices.map { columnNames[$0] }
            return DataTableError(.tooFewRows, file: fileName,
                                  problem: "\(observations) data row\(observations == 1 ? "" : "s") for \(parameters) parameter\(parameters == 1 ? "" : "s") (\(terms.joined(separator: ", "))); a fit needs at least \(parameters + 1) rows",
                                  fix: "add rows or use fewer predictors")
        case let .constantResponse(value):
            return DataTableError(.constantResponse, file: fileName, line: headerLineNumber, column: responseIndex + 1,
                                  problem: "the response '\(response)' is \(CSVTable.formatNumber(value)) in every row, so there is nothing to explain",
                                  fix: "choose a response column that varies")
        case .zeroResponse:
            return DataTableError(.constantResponse, file: fileName, line: headerLineNumber, column: responseIndex + 1,
                                  problem: "the response '\(response)' is zero in every row",
                                  fix: "choose a response column that is not identically zero")
        case let .collinear(report):
            let column = report.dependencies.first.flatMap { columnNames.firstIndex(of: $0.name) }
            return DataTableError(.collinearColumns, file: fileName, line: column == nil ? nil : headerLineNumber, column: column.map { $0 + 1 },
                                  problem: "collinear predictors: \(report)",
                                  fix: "drop \(report.droppedNames.map { "'\($0)'" }.joined(separator: ", ")) (or the columns it depends on) from --predictors, or combine them")
        case let .leverageOne(observation):
            return DataTableError(.highLeverage, file: fileName, line: lineNumbers[observation],
                                  problem: "this row has leverage 1 (it alone determines a coefficient), so HC3 standard errors are undefined",
                                  fix: "use --robust hc1, or remove the row or the predictor it alone determines")
        case let .dimensionMismatch(what):
            return DataTableError(.invalidModel, file: fileName, problem: "internal inconsistency: \(what)",
                                  fix: "please report this as a bug in govsim")
        }
    }
}
