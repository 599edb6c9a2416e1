/// The four practices whose adoption govsim models.
public enum PracticeKind: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Seeing services through citizens' needs and prioritising the journeys that create most value.
    case customerFocus = "customer_focus"
    /// Customer, financial and operational data built as reusable products wired into processes.
    case dataAsProduct = "data_as_product"
    /// Testing and iterating service improvements with users.
    case rapidIteration = "rapid_iteration"
    /// Clear outcomes, governance, named owners and KPIs.
    case outcomeAccountability = "outcome_accountability"

    public static func < (lhs: PracticeKind, rhs: PracticeKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The shape of a practice's adoption curve.
public enum AdoptionCurveKind: String, CaseIterable, Sendable, Hashable {
    /// Logistic with a midpoint (years) and a speed (per year).
    case logistic
    /// Bass diffusion with innovation coefficient p and imitation coefficient q (per year).
    case bass
    /// Full planned adoption in the first programme year (used by `govsim calibrate`).
    case step
}
