/// Why a regression could not be fitted. Each case's ``description`` is one line saying what
/// is wrong and how to fix it; callers that know the source file (``DataTable``) add the file,
/// row and column.
package enum RegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value is NaN or infinite. `observation` is 0-based; `term` is nil for the response.
    case nonFiniteValue(observation: Int, term: String?, value: Double)
    /// Fewer than `parameters + 1` observations: no degree of freedom is left for the residual
    /// variance.
    case tooFewObservations(observations: Int, parameters: Int)
    /// With an intercept, the response takes one value in every row, so there is nothing to
    /// explain (R² is 0/0).
    case constantResponse(value: Double)
    /// Without an intercept, the response is zero in every row (uncentred R² is 0/0).
    case zeroResponse
    /// The design columns are (numerically) linearly dependent.
    case collinear(CollinearColumns)
    /// HC3 needs 1 − hᵢᵢ > 0; observation `observation` (0-based) has leverage 1 (within
    /// √ε), i.e. it alone determines a coefficient.
    case leverageOne(observation: Int)
    /// Inputs of inconsistent sizes (a programming error in the caller).
    case dimensionMismatch(String)

    package var description: String {
        switch self {
        case .nonFiniteValue(let observation, let term, let value):
            return
                "observation \(observation + 1) has \(value) in \(term.map { "'\($0)'" } ?? "the response"); replace it with a finite number or remove the row"
        case .tooFewObservations(let observations, let parameters):
            return
                "\(observations) observation\(observations == 1 ? "" : "s") for \(parameters) parameter\(parameters == 1 ? "" : "s"); a regression needs at least \(parameters + 1) rows (parameters + 1) — add rows or drop predictors"
        case .constantResponse(let value):
            return
                "the response is \(CollinearColumns.format(value)) in every row, so there is no variation to explain; choose a response that varies"
        case .zeroResponse:
            return "the response is zero in every row; choose a response that is not identically zero"
        case .collinear(let report):
            return
                "collinear predictors: \(report); drop \(report.droppedNames.map { "'\($0)'" }.joined(separator: ", ")) or combine the dependent columns"
        case .leverageOne(let observation):
            return
                "observation \(observation + 1) has leverage 1 (it alone determines a coefficient), so HC3 standard errors are undefined; use --robust hc1 or remove that observation"
        case .dimensionMismatch(let what):
            return "inconsistent regression inputs: \(what)"
        }
    }
}
