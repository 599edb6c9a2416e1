/// A parameter of one practice the model reads, named by the last part of its path in
/// ``ParameterCatalog`` (`practices.<kind>.…`, or `effects.weights.<kind>` for the weight): with a
/// ``PracticeKind`` it is the typed key of a per-practice value in ``InputLayout``.
package enum PracticeInput: Int, CaseIterable, Sendable {
    case start, target, investment, runCost, weight
    case logisticMidpoint, logisticSpeed, bassP, bassQ

    /// The parameter's path for practice `kind`.
    package func path(_ kind: PracticeKind) -> String {
        let p = "practices.\(kind.rawValue)"
        switch self {
        case .start: return "\(p).start_adoption"
        case .target: return "\(p).target_adoption"
        case .investment: return "\(p).investment"
        case .runCost: return "\(p).run_cost"
        case .weight: return "effects.weights.\(kind.rawValue)"
        case .logisticMidpoint: return "\(p).curve.logistic.midpoint"
        case .logisticSpeed: return "\(p).curve.logistic.speed"
        case .bassP: return "\(p).curve.bass.p"
        case .bassQ: return "\(p).curve.bass.q"
        }
    }

    /// Whether the parameter is in effect for a practice whose curve is `curve`.
    package func isInEffect(curve: AdoptionCurveKind) -> Bool {
        switch self {
        case .start, .target, .investment, .runCost, .weight: return true
        case .logisticMidpoint, .logisticSpeed: return curve == .logistic
        case .bassP, .bassQ: return curve == .bass
        }
    }
}
