/// Where each model parameter sits in a run's vector of sampled values, resolved once per
/// scenario so that building a run's ``ModelParameters`` costs no dictionary look-ups.
///
/// A run's values vector has one entry per parameter in ``Scenario/specs`` order (fixed values
/// included), followed by the derived input `programme_risk.delivery`.
public struct InputLayout: Sendable {
    /// Parameter paths in vector order.
    public let paths: [String]
    let index: [String: Int]
    let horizon: Int
    let curves: [AdoptionCurveKind]
    let spendingTrend: Bool
    /// Positions of the values ``ModelParameters`` reads, in reading order.
    let slots: [Int]
    /// Name of the derived delivery input.
    public static let deliveryPath = "programme_risk.delivery"

    public init(scenario: Scenario) {
        paths = scenario.specs.map(\.path) + [InputLayout.deliveryPath]
        index = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
        horizon = scenario.horizon
        curves = PracticeKind.allCases.map { scenario.curves[$0] ?? .bass }
        spendingTrend = scenario.spendingTrend
        let index = self.index
        slots = ModelParameters.modelPaths(curves: curves, spendingTrend: spendingTrend).map { path in
            guard let i = index[path] else { preconditionFailure("no parameter \(path) in this scenario") }
            return i
        }
    }

    /// Position of `path` in the values vector.
    public func position(_ path: String) -> Int {
        guard let i = index[path] else { preconditionFailure("no parameter \(path) in this scenario") }
        return i
    }
}

extension ModelParameters {
    /// The parameter paths the model reads, in the order ``init(layout:values:)`` reads them.
    static func modelPaths(curves: [AdoptionCurveKind], spendingTrend: Bool) -> [String] {
        // In trend mode the cost driver's growth and noise come from the spending trend.
        let driver = spendingTrend ? ["baseline.spending_trend", "baseline.spending_noise_sd"]
                                   : ["baseline.demand_growth", "baseline.demand_shock_sd"]
        var paths = ["baseline.spending", "baseline.labour_share"] + driver + [
            "baseline.inflation", "baseline.productivity_trend", "baseline.productivity_shock_sd", "baseline.satisfaction",
            "effects.full_adoption_uplift", "effects.causal_share", "effects.complementarity", "effects.realisation_lag",
            "effects.j_curve_depth", "spending.capture_rate", "spending.cost_overrun", InputLayout.deliveryPath,
            "programme_risk.delay", "satisfaction.adjustment_speed", "satisfaction.max_change", "satisfaction.noise_sd",
            "satisfaction.customer_focus_gain", "satisfaction.rapid_iteration_gain", "satisfaction.quality_gain_per_pct",
            "satisfaction.strain_per_pct", "baseline.satisfaction_trend",
        ]
        for (i, kind) in PracticeKind.allCases.enumerated() {
            let p = "practices.\(kind.rawValue)"
            paths += ["\(p).start_adoption", "\(p).target_adoption", "\(p).investment", "\(p).run_cost", "effects.weights.\(kind.rawValue)"]
            switch curves[i] {
            case .logistic: paths += ["\(p).curve.logistic.midpoint", "\(p).curve.logistic.speed"]
            case .bass: paths += ["\(p).curve.bass.p", "\(p).curve.bass.q"]
            case .step: break
            }
        }
        return paths
    }

    /// Builds a run's parameters from its sampled values.
    /// - Complexity: O(number of parameters), no allocation beyond the practices array.
    public init(layout: InputLayout, values v: [Double]) {
        var k = 0
        func next() -> Double { defer { k += 1 }; return v[layout.slots[k]] }
        horizon = layout.horizon
        spending = next(); labourShare = next(); demandGrowth = next(); demandShockSD = next()
        inflation = next(); productivityTrend = next(); productivityShockSD = next(); satisfaction = next()
        uplift = next(); causalShare = next(); complementarity = next(); realisationLag = next()
        jCurveDepth = next(); captureRate = next(); costOverrun = next(); delivery = next()
        delay = next(); satisfactionAdjustment = next(); satisfactionMaxChange = next(); satisfactionNoiseSD = next()
        customerFocusGain = next(); rapidIterationGain = next(); qualityGainPerPct = next(); strainPerPct = next()
        satisfactionTrend = next()
        spendingTrendMode = layout.spendingTrend
        var practices: [Practice] = []
        practices.reserveCapacity(4)
        for curveKind in layout.curves {
            let start = next(), target = next(), investment = next(), runCost = next(), weight = next()
            let curve: AdoptionCurve
            switch curveKind {
            case .logistic, .bass: curve = AdoptionCurve(kind: curveKind, first: next(), second: next())
            case .step: curve = AdoptionCurve(kind: .step)
            }
            practices.append(Practice(start: start, target: target, curve: curve, investment: investment, runCost: runCost, weight: weight))
        }
        self.practices = practices
    }
}
