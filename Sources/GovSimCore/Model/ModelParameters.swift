/// The parameter values of one run, sampled from a scenario: a plain value that, with a random
/// stream for the yearly shocks, fully determines the run. Units as in ``ParameterCatalog``.
public struct ModelParameters: Sendable, Equatable {
    /// The parameters of one practice.
    public struct Practice: Sendable, Equatable {
        /// Adoption in the base year (share 0–1).
        public var start: Double
        /// Planned adoption (share 0–1).
        public var target: Double
        /// Planned progress curve.
        public var curve: AdoptionCurve
        /// Cost of full adoption from none (currency, base-year prices).
        public var investment: Double
        /// Run cost at full adoption (currency per year, base-year prices).
        public var runCost: Double
        /// Share of the separable uplift (normalised over the four practices).
        public var weight: Double
    }

    /// Programme years simulated after the base year.
    public var horizon: Int
    public var spending: Double
    public var labourShare: Double
    /// Real demand growth per year; in spending-trend mode, the log growth of nominal spending.
    public var demandGrowth: Double
    /// SD of yearly demand surprises; in spending-trend mode, of deviations from the spending trend.
    public var demandShockSD: Double
    /// Whether counterfactual spending follows a fitted or given trend instead of demand × prices.
    public var spendingTrendMode: Bool
    public var inflation: Double
    public var productivityTrend: Double
    public var productivityShockSD: Double
    public var satisfaction: Double
    /// Drift of counterfactual satisfaction (points per year).
    public var satisfactionTrend: Double

    public var uplift: Double
    public var causalShare: Double
    public var complementarity: Double
    public var realisationLag: Double
    public var jCurveDepth: Double

    public var captureRate: Double
    public var costOverrun: Double
    /// Share of the planned adoption increase actually reached (0–1), from programme risk.
    public var delivery: Double
    /// Years before adoption starts to rise.
    public var delay: Double

    public var satisfactionAdjustment: Double
    public var satisfactionMaxChange: Double
    public var satisfactionNoiseSD: Double
    public var customerFocusGain: Double
    public var rapidIterationGain: Double
    public var qualityGainPerPct: Double
    public var strainPerPct: Double

    /// The four practices in ``PracticeKind/allCases`` order.
    public var practices: [Practice]
}
