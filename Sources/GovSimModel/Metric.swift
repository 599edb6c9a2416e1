/// The yearly quantities a run produces, in the order they are stored and written.
public enum Metric: String, CaseIterable, Sendable, Hashable {
    /// Productivity index with the programme (base year = 100).
    case productivityIndex = "productivity_index"
    /// Productivity index of the same run without the programme (base year = 100).
    case productivityIndexCounterfactual = "productivity_index_counterfactual"
    /// Productivity gain over the same run's counterfactual, in percent.
    case productivityGainPct = "productivity_gain_pct"
    /// Total spending with the programme (currency per year, nominal), investment and run costs included.
    case spending
    /// Spending of the same run without the programme (currency per year, nominal).
    case spendingCounterfactual = "spending_counterfactual"
    /// Spending in base-year prices (currency per year, deflated by the scenario's inflation).
    case spendingReal = "spending_real"
    /// One-off investment spent this year (currency, nominal), cost overrun included.
    case investment
    /// Recurring run cost of the practices this year (currency, nominal).
    case runCost = "run_cost"
    /// Counterfactual minus actual spending (currency per year, nominal); positive is a saving.
    case netSavings = "net_savings"
    /// Net savings in base-year prices (currency per year); NPVs discount this series.
    case netSavingsReal = "net_savings_real"
    /// Net savings summed from the first programme year (currency, nominal).
    case cumulativeNetSavings = "cumulative_net_savings"
    /// Citizen satisfaction with the programme (points 0–100).
    case satisfaction
    /// Citizen satisfaction of the same run without the programme (points 0–100).
    case satisfactionCounterfactual = "satisfaction_counterfactual"
    /// Satisfaction minus counterfactual satisfaction (points).
    case satisfactionGain = "satisfaction_gain"
    /// Adoption of customer focus (share 0–1).
    case adoptionCustomerFocus = "adoption_customer_focus"
    /// Adoption of data as a product (share 0–1).
    case adoptionDataAsProduct = "adoption_data_as_product"
    /// Adoption of rapid iteration (share 0–1).
    case adoptionRapidIteration = "adoption_rapid_iteration"
    /// Adoption of outcome accountability (share 0–1).
    case adoptionOutcomeAccountability = "adoption_outcome_accountability"
    /// Value at cost of the staff time freed by the productivity gain but reinvested in service
    /// quality rather than banked (currency per year, nominal): the non-cash-releasing benefit of
    /// the economic case. Negative while the J-curve lowers productivity.
    case staffTimeReinvested = "staff_time_reinvested"
    /// Savings of the scenario's `channel_shift` benefit lines this year, B(t)·P(t) (currency per
    /// year, nominal; cash-releasing or not, as each line declares); 0 without such lines.
    case channelShiftSavings = "channel_shift_savings"
    /// Savings of the `failure_demand` benefit lines, B(t)·P(t) (currency per year, nominal).
    case failureDemandSavings = "failure_demand_savings"
    /// Savings of the `legacy` benefit lines (legacy run cost and replacement avoided), B(t)·P(t)
    /// (currency per year, nominal).
    case legacySavings = "legacy_savings"

    /// Position of the metric in a ``RunTrajectory``.
    /// (A switch, not a dictionary: it is read for every value of every run.)
    @inlinable
    public var index: Int {
        switch self {
        case .productivityIndex: return 0
        case .productivityIndexCounterfactual: return 1
        case .productivityGainPct: return 2
        case .spending: return 3
        case .spendingCounterfactual: return 4
        case .spendingReal: return 5
        case .investment: return 6
        case .runCost: return 7
        case .netSavings: return 8
        case .netSavingsReal: return 9
        case .cumulativeNetSavings: return 10
        case .satisfaction: return 11
        case .satisfactionCounterfactual: return 12
        case .satisfactionGain: return 13
        case .adoptionCustomerFocus: return 14
        case .adoptionDataAsProduct: return 15
        case .adoptionRapidIteration: return 16
        case .adoptionOutcomeAccountability: return 17
        case .staffTimeReinvested: return 18
        case .channelShiftSavings: return 19
        case .failureDemandSavings: return 20
        case .legacySavings: return 21
        }
    }

    /// The adoption metric of a practice.
    package static func adoption(_ kind: PracticeKind) -> Metric {
        switch kind {
        case .customerFocus: return .adoptionCustomerFocus
        case .dataAsProduct: return .adoptionDataAsProduct
        case .rapidIteration: return .adoptionRapidIteration
        case .outcomeAccountability: return .adoptionOutcomeAccountability
        }
    }
}
