/// The practices whose adoption govsim models.
///
/// **Adding a practice** is this one enum case plus what the compiler then asks for:
/// its defaults in ``ParameterCatalog/practiceDefaults(_:)``, its adoption ``Metric`` (a case,
/// its ``Metric/index`` and ``Metric/adoption(_:)``) and its report label
/// (`AdoptionSection.label`); and its documentation in `docs/model.md` and
/// `docs/scenario-format.md`. Everything else (the scenario format, the sampler's layout,
/// ``ModelParameters``, ``RunModel``, outputs and reports) iterates over ``allCases`` and
/// addresses practices by kind, never by position.
public enum PracticeKind: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Seeing services through citizens' needs and prioritising the journeys that create most value.
    case customerFocus = "customer_focus"
    /// Customer, financial and operational data built as reusable products wired into processes.
    case dataAsProduct = "data_as_product"
    /// Testing and iterating service improvements with users.
    case rapidIteration = "rapid_iteration"
    /// Clear outcomes, governance, named owners and KPIs.
    case outcomeAccountability = "outcome_accountability"

    /// Position of the practice in ``allCases``: where a ``PerPractice`` stores its value.
    /// Public, inlinable and a switch, so that it is a constant after inlining in optimised
    /// callers (it is read on every run); the compiler asks for a new case's position, and
    /// `PracticeWiringTests` checks that the positions are the order of ``allCases``.
    @inlinable public var position: Int {
        switch self {
        case .customerFocus: 0
        case .dataAsProduct: 1
        case .rapidIteration: 2
        case .outcomeAccountability: 3
        }
    }

    /// ``allCases``, built once: the synthesised `allCases` is not inlinable and builds a new
    /// array at each call, and model runs iterate over the practices every year.
    public static let ordered: [PracticeKind] = allCases

    /// The number of practices in words ("four"), for prose such as report headings.
    package static var countInWords: String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return allCases.count < words.count ? words[allCases.count] : String(allCases.count)
    }

    public static func < (lhs: PracticeKind, rhs: PracticeKind) -> Bool {
        lhs.position < rhs.position
    }
}

/// The shape of a practice's adoption curve.
package enum AdoptionCurveKind: String, CaseIterable, Sendable, Hashable {
    /// Logistic with a midpoint (years) and a speed (per year).
    case logistic
    /// Bass diffusion with innovation coefficient p and imitation coefficient q (per year).
    case bass
    /// Full planned adoption in the first programme year (used by `govsim calibrate`).
    case step
    /// A milestone plan: planned adoption by calendar year, interpolated (``MilestonePlan``).
    case plan
}
