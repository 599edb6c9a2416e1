/// One optional benefit line of the economic case (`benefits:` in a scenario): a non-cash benefit
/// to citizens or the public purse that the practice model does not value itself, realised in
/// proportion to one driver practice's progress (`docs/model.md`, "Benefit lines";
/// `docs/appraisal.md`, "Benefit lines").
///
/// Its value at full realisation, V (currency per year, real base-year prices), is the product of
/// its factors (scenario parameters `benefits.<name>.<factor>`, fixed or uncertain):
/// - `citizen_time`: `transactions` × `minutes_saved` ÷ 60 × `value_of_time` (per hour);
/// - `error_and_fraud` and `other`: `volume` × `unit_value`.
///
/// In year t of a run it yields B(t) = V · rᵢ(t), with rᵢ(t) = max(0, Mᵢ(t) − sᵢ) ÷ (Tᵢ − sᵢ) the
/// share of the driver practice i's planned improvement that has matured (Mᵢ maturity, sᵢ start
/// and Tᵢ target adoption; 0 when Tᵢ ≤ sᵢ), so delay, shortfall and the realisation lag act on it
/// as on the model's other effects. A line enters the economic case only (it releases no cash).
public struct BenefitLine: Sendable, Equatable, Hashable {
    /// What a line values; fixes its factors.
    public enum Category: String, CaseIterable, Sendable {
        case citizenTime = "citizen_time"
        case errorAndFraud = "error_and_fraud"
        case other

        /// The factor names, in the order they multiply.
        public var factors: [String] {
            switch self {
            case .citizenTime: return ["transactions", "minutes_saved", "value_of_time"]
            case .errorAndFraud, .other: return ["volume", "unit_value"]
            }
        }

        /// The constant the factors' product is multiplied by (minutes to hours for citizen time).
        public var scale: Double { self == .citizenTime ? 1.0 / 60 : 1 }
    }

    /// Name of the line, a lower-case identifier (letters, digits, `_`), unique in a scenario.
    public let name: String
    public let category: Category
    /// The practice whose matured progress realises the benefit.
    public let driver: PracticeKind

    public init(name: String, category: Category, driver: PracticeKind) {
        self.name = name
        self.category = category
        self.driver = driver
    }

    /// Whether `name` can name a line: a lower-case letter, then lower-case letters, digits or
    /// `_`, at most 60 characters (it becomes part of column names).
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.unicodeScalars.count <= 60 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Parameter path of one of this line's factors.
    public func path(_ factor: String) -> String { "benefits.\(name).\(factor)" }

    /// The parameter specifications of this line's factors. No factor has a default: the
    /// scenario must give each (the shared domain evidence gives no sourced unit value).
    public var specs: [ParameterSpec] {
        category.factors.map { factor in
            let (unit, summary): (String, String)
            switch factor {
            case "transactions": (unit, summary) = ("transactions per year", "transactions a year affected when the driver practice's plan is fully matured")
            case "minutes_saved": (unit, summary) = ("minutes per transaction", "citizen time saved per transaction")
            case "value_of_time": (unit, summary) = ("currency per hour, base-year prices", "value of an hour of citizen time")
            case "volume": (unit, summary) = ("units per year", "cases or units a year affected when the driver practice's plan is fully matured")
            default: (unit, summary) = ("currency per unit, base-year prices", "benefit per unit (e.g. loss from error or fraud avoided per case)")
            }
            return ParameterSpec(path(factor), unit: unit, summary: "\(name): \(summary)", default: .fixed(0),
                                 range: 0...Double.infinity, source: "given by the scenario (no default)")
        }
    }

    /// The paths of the benefit-line parameters of `lines`.
    public static func paths(_ lines: [BenefitLine]) -> [String] {
        lines.flatMap { line in line.category.factors.map(line.path) }
    }
}
