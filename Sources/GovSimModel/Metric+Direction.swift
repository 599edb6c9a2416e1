/// Which way a measure is better, so that a comparison never calls spending more "better".
package enum MetricDirection: String, Sendable, CaseIterable {
    /// More is better: productivity, savings, satisfaction and their gains.
    case higherIsBetter = "higher"
    /// Less is better: spending, investment, run cost.
    case lowerIsBetter = "lower"
    /// Neither way is better in itself (adoption shares: a means, not an outcome).
    case neither

    /// Whether a paired difference `delta` (variant − baseline) is an improvement; nil for ``neither``.
    package func isBetter(_ delta: Double) -> Bool? {
        switch self {
        case .higherIsBetter: return delta > 0
        case .lowerIsBetter: return delta < 0
        case .neither: return nil
        }
    }
}

extension Metric {
    /// The direction in which the metric is better. A counterfactual follows its metric (the
    /// same quantity without the programme); adoption shares have no better direction.
    package var direction: MetricDirection {
        switch self {
        case .productivityIndex, .productivityIndexCounterfactual, .productivityGainPct,
            .netSavings, .netSavingsReal, .cumulativeNetSavings, .staffTimeReinvested,
            .satisfaction, .satisfactionCounterfactual, .satisfactionGain,
            .channelShiftSavings, .failureDemandSavings, .legacySavings:
            return .higherIsBetter
        case .spending, .spendingCounterfactual, .spendingReal, .investment, .runCost:
            return .lowerIsBetter
        case .adoptionCustomerFocus, .adoptionDataAsProduct, .adoptionRapidIteration, .adoptionOutcomeAccountability:
            return .neither
        }
    }
}
