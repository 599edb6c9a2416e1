import Foundation

extension RunModel {
    /// Section 3 of `docs/model.md`, "Productivity": the practices' weights wᵢ normalised to sum
    /// 1 (equal if all are zero), in ``PracticeKind/allCases`` order.
    static func normalisedWeights(_ m: ModelParameters) -> [Double] {
        var weights: [Double] = []
        normalisedWeights(m, into: &weights)
        return weights
    }

    /// ``normalisedWeights(_:)`` written into `weights` (replacing its contents, keeping its storage).
    static func normalisedWeights(_ m: ModelParameters, into weights: inout [Double]) {
        let count = m.practices.count
        let weightSum = m.practices.reduce(0) { $0 + $1.weight }
        weights.removeAll(keepingCapacity: true)
        for p in m.practices { weights.append(weightSum > 0 ? p.weight / weightSum : 1 / Double(count)) }
    }

    /// Section 3, "Productivity": the uplift of an adoption profile,
    /// **Φ(m) = (1 − κ)·Σᵢ wᵢmᵢ + κ·(Πᵢ mᵢ)^{1/n}** for n practices (0 with no adoption, 1 with
    /// full adoption of every practice).
    static func uplift(_ levels: [Double], weights: [Double], complementarity kappa: Double) -> Double {
        var separable = 0.0, product = 1.0
        for i in 0..<levels.count {
            separable += weights[i] * levels[i]
            product *= max(0, levels[i])
        }
        return (1 - kappa) * separable + kappa * pow(product, 1 / Double(levels.count))
    }

    /// Section 3, "Productivity": the ratio of the programme's productivity to the
    /// counterfactual's, **ρ(t) = (1 + U·c·Φ(M(t))) / (1 + U·c·Φ(s)) · (1 − J(t))**.
    ///
    /// - Parameters:
    ///   - effect: U·c, the full-adoption uplift times the causal share.
    ///   - baseRatio: 1 + U·c·Φ(s), the uplift of the start adoption.
    ///   - jCurve: J(t).
    static func productivityRatio(
        maturity: [Double], weights: [Double], effect: Double, complementarity: Double,
        baseRatio: Double, jCurve: Double
    ) -> Double {
        (1 + effect * uplift(maturity, weights: weights, complementarity: complementarity)) / baseRatio * (1 - jCurve)
    }
}
