/// One optional benefit line of the business case (`benefits:` in a scenario): a benefit the
/// practice model does not value itself, from the analyst's own numbers, realised with the progress
/// of one or more driver practices (`docs/model.md`, "Benefit lines and channels";
/// `docs/appraisal.md`, "Benefit lines").
///
/// Its factors are scenario parameters `benefits.<name>.<factor>` (fixed or uncertain). For every
/// category but `legacy` the value at full realisation, V (currency per year, real base-year
/// prices), is a function of the factors (``fullValue(_:)``):
/// - `citizen_time`: `transactions` × `minutes_saved` ÷ 60 × `value_of_time` (per hour);
/// - `error_and_fraud` and `other`: `volume` × `unit_value`;
/// - `channel_shift`: transactions moved to the digital channel × the unit-cost difference
///   (``channelShiftValue(_:)``);
/// - `failure_demand`: `contacts` × `avoidable_share` × `reduction` × `unit_cost`;
/// and in year t of a run the line yields B(t) = V · r(t), with r(t) the mean over its drivers i of
/// max(0, Mᵢ(t) − sᵢ) ÷ (Tᵢ − sᵢ), the matured share of each driver's planned improvement (Mᵢ
/// maturity, sᵢ start and Tᵢ target adoption; 0 when Tᵢ ≤ sᵢ), so delay, shortfall and the
/// realisation lag act on it as on the model's other effects.
///
/// A `legacy` line is a step: B(t) = `run_cost` from the first year the mean achieved adoption of
/// its drivers reaches `decommission_at`, plus `replacement_cost` in year `replacement_year` if the
/// legacy is decommissioned by then (the replacement the counterfactual pays anyway).
///
/// A line declared `cash_releasing: true` lowers the programme's spending by B(t)·P(t) (nominal)
/// and counts in the financial case; otherwise it counts in the economic case only.
package struct BenefitLine: Sendable, Equatable, Hashable {
    /// What a line values; fixes its factors.
    package enum Category: String, CaseIterable, Sendable {
        case citizenTime = "citizen_time"
        case errorAndFraud = "error_and_fraud"
        case other
        case channelShift = "channel_shift"
        case failureDemand = "failure_demand"
        case legacy

        /// The channels of a channel-shift line, digital first.
        package static let channels = ["digital", "phone", "face_to_face", "post"]

        /// The factor names, in the order ``BenefitLine/fullValue(_:)`` reads them.
        package var factors: [String] {
            switch self {
            case .citizenTime: return ["transactions", "minutes_saved", "value_of_time"]
            case .errorAndFraud, .other: return ["volume", "unit_value"]
            case .channelShift:
                return Category.channels.map { "\($0)_transactions" } + Category.channels.map { "\($0)_unit_cost" } + [
                    "target_digital_share"
                ]
            case .failureDemand: return ["contacts", "avoidable_share", "reduction", "unit_cost"]
            case .legacy: return ["run_cost", "decommission_at", "replacement_cost", "replacement_year"]
            }
        }

        /// Factors that may be left out (they default to 0: no replacement).
        package var optionalFactors: Set<String> { self == .legacy ? ["replacement_cost", "replacement_year"] : [] }

        /// Whether a line of this category must say `cash_releasing: true` or `false` (the
        /// business-case channels); the older non-cash categories default to false.
        package var requiresCashDeclaration: Bool {
            switch self {
            case .channelShift, .failureDemand, .legacy: return true
            case .citizenTime, .errorAndFraud, .other: return false
            }
        }

        /// The constant the factors' product is multiplied by (minutes to hours for citizen time).
        package var scale: Double { self == .citizenTime ? 1.0 / 60 : 1 }
    }

    /// Name of the line, a lower-case identifier (letters, digits, `_`), unique in a scenario.
    package let name: String
    package let category: Category
    /// The practices whose matured progress (achieved adoption for `legacy`) realises the benefit,
    /// averaged with equal weights; at least one.
    package let drivers: [PracticeKind]
    /// Whether the line releases cash (lowers spending and counts in the financial case).
    package let cashReleasing: Bool

    /// The first driver.
    package var driver: PracticeKind { drivers[0] }

    package init(name: String, category: Category, drivers: [PracticeKind], cashReleasing: Bool = false) {
        precondition(!drivers.isEmpty, "a benefit line needs a driver")
        self.name = name
        self.category = category
        self.drivers = drivers
        self.cashReleasing = cashReleasing
    }

    package init(name: String, category: Category, driver: PracticeKind) {
        self.init(name: name, category: category, drivers: [driver])
    }

    /// Whether `name` can name a line: a lower-case letter, then lower-case letters, digits or
    /// `_`, at most 60 characters (it becomes part of column names).
    package static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.unicodeScalars.count <= 60 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Parameter path of one of this line's factors.
    package func path(_ factor: String) -> String { "benefits.\(name).\(factor)" }

    /// V, the value a year at full realisation (currency, real base-year prices), from the factor
    /// values in ``Category/factors`` order; 0 for `legacy`, whose value is a step (the model
    /// reads its factors).
    package static func fullValue(_ category: Category, _ f: [Double]) -> Double {
        switch category {
        case .channelShift: return channelShiftValue(f)
        case .legacy: return 0
        default: return f.reduce(category.scale, *)
        }
    }

    /// Channel shift at full realisation, from n_c (transactions a year by channel, digital first),
    /// u_c (unit cost by channel, currency per transaction) and the target digital share d_T:
    /// with n_tot = Σ n_c, **V = Σ_{c ≠ digital} n_c·μ·(u_c − u_digital)**, where
    /// μ = max(0, d_T·n_tot − n_digital) / (n_tot − n_digital) is the share of every assisted
    /// channel's volume that moves online (each loses the same share); 0 if n_tot = n_digital.
    package static func channelShiftValue(_ f: [Double]) -> Double {
        let n = Array(f[0..<4]), u = Array(f[4..<8]), target = f[8]
        let total = n.reduce(0, +), assisted = total - n[0]
        guard assisted > 0 else { return 0 }
        let moved = max(0, target * total - n[0]) / assisted
        var v = 0.0
        for c in 1..<4 { v += n[c] * moved * (u[c] - u[0]) }
        return v
    }

    /// The parameter specifications of this line's factors. No required factor has a default:
    /// the scenario must give each (see `docs/appraisal.md`, "Benefit lines", for sourced examples).
    package var specs: [ParameterSpec] {
        category.factors.map { factor in
            var range: ClosedRange<Double> = 0...Double.infinity
            var uncertain = true, whole = false
            let (unit, summary): (String, String)
            switch factor {
            case "transactions":
                (unit, summary) = ("transactions per year", "transactions a year affected when the driver practice's plan is fully matured")
            case "minutes_saved": (unit, summary) = ("minutes per transaction", "citizen time saved per transaction")
            case "value_of_time": (unit, summary) = ("currency per hour, base-year prices", "value of an hour of citizen time")
            case "volume":
                (unit, summary) = ("units per year", "cases or units a year affected when the driver practice's plan is fully matured")
            case "target_digital_share":
                range = 0...1
                (unit, summary) = ("share 0–1", "digital share of all transactions when the drivers' plan is fully matured")
            case "contacts": (unit, summary) = ("contacts per year", "contacts a year (all channels)")
            case "avoidable_share":
                range = 0...1
                (unit, summary) = ("share 0–1", "share of contacts that are avoidable failure demand")
            case "reduction":
                range = 0...1
                (unit, summary) = ("share 0–1", "share of the avoidable contacts removed when the drivers' plan is fully matured")
            case "unit_cost": (unit, summary) = ("currency per contact, base-year prices", "cost of handling one contact")
            case "run_cost": (unit, summary) = ("currency per year, base-year prices", "legacy system run cost avoided once decommissioned")
            case "decommission_at":
                range = 0...1
                (unit, summary) = ("share 0–1", "achieved adoption of the drivers at which the legacy system is switched off")
            case "replacement_cost":
                (unit, summary) = ("currency, base-year prices", "one-off legacy replacement the counterfactual pays anyway (0: none)")
            case "replacement_year":
                range = 0...500
                uncertain = false
                whole = true
                (unit, summary) = ("years after the base year", "year of the counterfactual's legacy replacement (0: none)")
            default:
                if let channel = Category.channels.first(where: { factor == "\($0)_transactions" }) {
                    (unit, summary) = ("transactions per year", "\(channel) transactions a year in the base year")
                } else if let channel = Category.channels.first(where: { factor == "\($0)_unit_cost" }) {
                    (unit, summary) = ("currency per transaction, base-year prices", "cost of one \(channel) transaction")
                } else {
                    (unit, summary) = (
                        "currency per unit, base-year prices", "benefit per unit (e.g. loss from error or fraud avoided per case)"
                    )
                }
            }
            let optional = category.optionalFactors.contains(factor)
            return ParameterSpec(
                path(factor), unit: unit, summary: "\(name): \(summary)", default: .fixed(0),
                range: range, uncertain: uncertain, wholeNumber: whole,
                source: optional ? "0 (none) unless given" : "given by the scenario (no default)")
        }
    }

    /// The paths of the benefit-line parameters of `lines`.
    package static func paths(_ lines: [BenefitLine]) -> [String] {
        lines.flatMap { line in line.category.factors.map(line.path) }
    }
}
