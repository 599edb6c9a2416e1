/// A historical series named in a scenario, e.g.
/// `baseline: {spending: {history: data/spending.csv, column: spending}}`.
package struct HistoryReference: Sendable, Equatable {
    /// The scenario parameter the history replaces: `baseline.spending`,
    /// `baseline.productivity_trend` or `baseline.satisfaction`.
    package var parameter: String
    /// CSV file path as written in the scenario (relative to the scenario file).
    package var file: String
    /// Column of values.
    package var column: String
    /// Column of calendar years (default `year`).
    package var yearColumn: String
    /// Where the reference is written in the scenario file.
    package var line: Int
    package var columnInFile: Int

    /// The parameters a history may replace.
    package static let parameters = ["baseline.spending", "baseline.productivity_trend", "baseline.satisfaction"]
}

/// Effect priors taken from a fit, e.g.
/// `effects: {from_fit: {coefficients: fit-panel/coefficients.csv, distribution: t}}`.
package struct FitPriorReference: Sendable, Equatable {
    /// How the coefficients' uncertainty becomes a prior.
    package enum Form: String, Sendable, CaseIterable { case normal, t }
    /// The unit of the coefficients: per unit of adoption, in percent or as a share.
    package enum Unit: String, Sendable, CaseIterable { case percent, share }

    package var file: String
    package var form: Form
    package var unit: Unit
    /// Degrees of freedom for the t form (default: `df_residual` of the fit's statistics.csv).
    package var degreesOfFreedom: Double?
    package var line: Int
    package var columnInFile: Int
}

/// A log-linear trend fitted to a historical series, and what it set in the scenario.
package struct BaselineFit: Sendable, Equatable {
    package var reference: HistoryReference
    package var fit: TrendFit
    package var firstYear: Int
    package var lastYear: Int
    /// The fitted value in the scenario's start year.
    package var startValue: Double
}
