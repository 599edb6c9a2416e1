/// Where a benefit category's savings are reported (the scenario layer declares the categories; the
/// model owns the metrics).
extension BenefitLine.Category {
    /// The summary.csv metric that sums this category's lines, if any.
    package var metric: Metric? {
        switch self {
        case .channelShift: return .channelShiftSavings
        case .failureDemand: return .failureDemandSavings
        case .legacy: return .legacySavings
        case .citizenTime, .errorAndFraud, .other: return nil
        }
    }
}
