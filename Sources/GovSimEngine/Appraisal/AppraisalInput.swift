/// One assumption that switching values and one-way sweeps vary: a scenario parameter (fixed or
/// uncertain) or a scale on a group of them (every line of the investment, all run costs). Setting
/// it to x replaces an uncertain parameter by the fixed value x (the other inputs keep their
/// draws: common random numbers).
package struct AppraisalInput: Sendable {
    /// Name in outputs: a parameter path, or `investment_scale` / `run_cost_scale`.
    package let name: String
    /// Unit of the input's values.
    package let unit: String
    /// Value in the scenario (an uncertain input's mean).
    package let central: Double
    /// Values searched for a switching value.
    package let lower: Double, upper: Double
    /// Low and high values of the one-way sweep: p10 and p90 of an uncertain input, 0.75 and
    /// 1.25 × central for a fixed one (clamped to the allowed range).
    package let low: Double, high: Double
    /// Whether only whole numbers are meaningful (the appraisal period).
    package let wholeNumber: Bool
    let apply: @Sendable (Scenario, Double) -> Scenario

    /// The scenario with this input set to `x`.
    package func applying(_ x: Double, to scenario: Scenario) -> Scenario { apply(scenario, x) }

    /// The paths of the investment's lines besides the practices' roll-out costs, which
    /// `investment_scale` scales too.
    static let investmentLinePaths = [
        "investment.build_scale", "investment.fixed_per_year", "investment.training", "investment.double_running",
    ]

    /// The decisive inputs of a scenario that are in effect, in a fixed order: investment scale,
    /// run-cost scale, capture rate, labour share, causal share, complementarity, effect size,
    /// cost overrun, full-delivery probability, delay, realisation lag, discount rate (flat),
    /// appraisal period, and the factors of each benefit line (``BenefitLine``) in file order.
    package static func standard(for scenario: Scenario) -> [AppraisalInput] {
        var out: [AppraisalInput] = []
        func scale(_ name: String, _ field: String) -> AppraisalInput {
            AppraisalInput(
                name: name,
                unit: field == "investment" ? "multiplier on every line of the investment" : "multiplier on every practice's \(field)",
                central: 1, lower: 0, upper: 100,
                low: 0.75, high: 1.25, wholeNumber: false
            ) { s, x in
                var s = s
                // The investment scale multiplies every line of the investment (``RunModel/ProgrammeCosts``):
                // the roll-out per practice and the build profile, fixed programme cost, training and double running.
                let lines = field == "investment" ? AppraisalInput.investmentLinePaths : []
                for path in PracticeKind.allCases.map({ "practices.\($0.rawValue).\(field)" }) + lines where s.parameters[path] != nil {
                    s[path] = x > 0 ? s[path].scaled(by: x) : .fixed(0)
                }
                return s
            }
        }
        out.append(scale("investment_scale", "investment"))
        out.append(scale("run_cost_scale", "run_cost"))
        let specs = Dictionary(uniqueKeysWithValues: scenario.specs.map { ($0.path, $0) })
        for path in [
            "spending.capture_rate", "baseline.labour_share", "effects.causal_share", "effects.complementarity",
            "effects.full_adoption_uplift", "spending.cost_overrun", "programme_risk.full_delivery_probability",
            "programme_risk.delay", "effects.realisation_lag", "budget.discount_rate", "appraisal.period",
        ]
            + BenefitLine.paths(scenario.benefitLines)
        {
            guard let spec = specs[path] else { continue }
            let d = scenario[path]
            let central = d.mean
            let lower = spec.lowerExclusive ? spec.lower + 1e-9 * max(1, abs(spec.lower)) : spec.lower
            let upper = min(spec.upper, path == "appraisal.period" ? 500 : spec.upper.isFinite ? spec.upper : max(100, 100 * abs(central)))
            let clamp = { (x: Double) in min(upper, max(lower, x)) }
            var low = d.isFixed ? clamp(0.75 * central) : d.quantile(0.10)
            var high = d.isFixed ? clamp(1.25 * central) : d.quantile(0.90)
            if spec.wholeNumber { low = low.rounded(); high = high.rounded() }
            out.append(
                AppraisalInput(
                    name: path, unit: spec.unit, central: central, lower: lower, upper: upper,
                    low: low, high: high, wholeNumber: spec.wholeNumber
                ) { s, x in
                    var s = s.applying([path: .fixed(spec.wholeNumber ? x.rounded() : x)])
                    if path == "budget.discount_rate" { s.discounting = .flat }
                    return s
                })
        }
        return out
    }
}
