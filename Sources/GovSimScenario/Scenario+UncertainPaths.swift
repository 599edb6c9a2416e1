/// Which inputs of a scenario are uncertain, known from the scenario itself (its parameters'
/// distributions), so that the loader can check correlations without the engine's sampler.
extension Scenario {
    /// The path of programme delivery, the derived input drawn from
    /// `programme_risk.full_delivery_probability` and `programme_risk.shortfall_delivery`.
    package static let deliveryPath = "programme_risk.delivery"

    /// The uncertain inputs, in the order the engine's sampler draws them (the columns of
    /// `runs.csv`): each catalog parameter whose distribution is not fixed, except
    /// `programme_risk.shortfall_delivery`, which enters through delivery; then
    /// ``deliveryPath`` unless delivery is certain (full-delivery probability 1, or 0 with a
    /// fixed shortfall); then ``effectPresentPath`` unless `effects.no_effect_probability` is 0
    /// or 1.
    package var uncertainPaths: [String] {
        var paths: [String] = []
        for spec in specs where spec.path != "programme_risk.shortfall_delivery" {
            if case .fixed = self[spec.path] { continue }
            paths.append(spec.path)
        }
        let full = self["programme_risk.full_delivery_probability"].mean
        let shortfall = self["programme_risk.shortfall_delivery"]
        var certainDelivery = full >= 1
        if case .fixed = shortfall, full <= 0 { certainDelivery = true }
        if !certainDelivery { paths.append(Scenario.deliveryPath) }
        let none = self["effects.no_effect_probability"].mean
        if none > 0 && none < 1 { paths.append(Scenario.effectPresentPath) }
        return paths
    }

    /// The path of the derived effect switch (1: the practices raise productivity; 0 with
    /// probability `effects.no_effect_probability`).
    package static let effectPresentPath = "effects.effect_present"
}
