/// A historical series named in a scenario, e.g.
/// `baseline: {spending: {history: data/spending.csv, column: spending}}`.
public struct HistoryReference: Sendable, Equatable {
    /// The scenario parameter the history replaces: `baseline.spending`,
    /// `baseline.productivity_trend` or `baseline.satisfaction`.
    public var parameter: String
    /// CSV file path as written in the scenario (relative to the scenario file).
    public var file: String
    /// Column of values.
    public var column: String
    /// Column of calendar years (default `year`).
    public var yearColumn: String
    /// Where the reference is written in the scenario file.
    public var line: Int
    public var columnInFile: Int

    /// The parameters a history may replace.
    public static let parameters = ["baseline.spending", "baseline.productivity_trend", "baseline.satisfaction"]
}

/// Effect priors taken from a fit, e.g.
/// `effects: {from_fit: {coefficients: fit-panel/coefficients.csv, distribution: t}}`.
public struct FitPriorReference: Sendable, Equatable {
    /// How the coefficients' uncertainty becomes a prior.
    public enum Form: String, Sendable, CaseIterable { case normal, t }
    /// The unit of the coefficients: per unit of adoption, in percent or as a share.
    public enum Unit: String, Sendable, CaseIterable { case percent, share }

    public var file: String
    public var form: Form
    public var unit: Unit
    /// Degrees of freedom for the t form (default: `df_residual` of the fit's statistics.csv).
    public var degreesOfFreedom: Double?
    public var line: Int
    public var columnInFile: Int
}

/// A log-linear trend fitted to a historical series, and what it set in the scenario.
public struct BaselineFit: Sendable, Equatable {
    public var reference: HistoryReference
    public var fit: TrendFit
    public var firstYear: Int
    public var lastYear: Int
    /// The fitted value in the scenario's start year.
    public var startValue: Double
}
