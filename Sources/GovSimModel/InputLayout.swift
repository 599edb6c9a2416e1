/// Where each model parameter sits in a run's vector of sampled values, resolved once per
/// scenario so that building a run's ``ModelParameters`` costs no dictionary look-ups.
///
/// A run's values vector has one entry per parameter in ``Scenario/specs`` order (fixed values
/// included), followed by the derived inputs `programme_risk.delivery` and `effects.effect_present`. The model's parameters
/// are found by their typed keys, ``ModelInput`` and ``PracticeInput``, whose paths are those
/// of ``ParameterCatalog``.
package struct InputLayout: Sendable {
    /// Parameter paths in vector order.
    package let paths: [String]
    let index: [String: Int]
    /// Programme years simulated after the base year.
    let horizon: Int
    /// Each practice's curve kind.
    let curves: PerPractice<AdoptionCurveKind>
    /// Each practice's milestone plan (nil unless its curve is `.plan`).
    let plans: PerPractice<MilestonePlan?>
    /// Calendar year of the base year (milestone years are placed relative to it).
    let startYear: Int
    /// B(t), the planned build investment by programme year 0 … H (base-year prices).
    let buildProfile: [Double]
    /// D, the planned programme duration in years (``Scenario/programmeDuration``).
    let programmeYears: Double
    /// Whether spending follows a trend (see ``ModelInput/isInEffect(spendingTrend:)``).
    let spendingTrend: Bool
    /// Position of each ``ModelInput`` (by raw value) in the values vector, −1 if not in effect.
    let inputSlots: [Int]
    /// Position of each ``PracticeInput`` (by raw value) of each practice, −1 if not in effect.
    let practiceSlots: PerPractice<[Int]>
    /// Each benefit line's drivers (indices in ``PracticeKind/allCases``), factor positions,
    /// category and whether it releases cash.
    let benefitLines: [(drivers: [Int], slots: [Int], category: BenefitLine.Category, cash: Bool)]
    /// Name of the derived delivery input.
    package static let deliveryPath = Scenario.deliveryPath
    /// Name of the derived effect switch e (1: the practices raise productivity; 0 with probability
    /// `effects.no_effect_probability`).
    package static let effectPresentPath = Scenario.effectPresentPath

    package init(scenario: Scenario) {
        let paths = scenario.specs.map(\.path) + [InputLayout.deliveryPath, InputLayout.effectPresentPath]
        let index = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
        func slot(_ path: String) -> Int {
            guard let i = index[path] else { preconditionFailure("no parameter \(path) in this scenario") }
            return i
        }
        let spendingTrend = scenario.spendingTrend
        let curves = PerPractice { scenario.curves[$0] ?? .bass }
        self.paths = paths
        self.index = index
        self.horizon = scenario.horizon
        self.curves = curves
        self.plans = PerPractice { scenario.plans[$0] }
        self.startYear = scenario.startYear
        var build = [Double](repeating: 0, count: scenario.horizon + 1)
        for (year, amount) in scenario.buildProfile where year > scenario.startYear && year - scenario.startYear <= scenario.horizon {
            build[year - scenario.startYear] += amount
        }
        self.buildProfile = build
        self.programmeYears = Double(scenario.effectiveProgrammeDuration)
        self.spendingTrend = spendingTrend
        inputSlots = ModelInput.allCases.map { $0.isInEffect(spendingTrend: spendingTrend) ? slot($0.path) : -1 }
        practiceSlots = PerPractice { kind in
            PracticeInput.allCases.map { $0.isInEffect(curve: curves[kind]) ? slot($0.path(kind)) : -1 }
        }
        benefitLines = scenario.benefitLines.map { line in
            (
                line.drivers.map { PracticeKind.allCases.firstIndex(of: $0)! }, line.category.factors.map { slot(line.path($0)) },
                line.category, line.cashReleasing
            )
        }
    }

    /// Position of `path` in the values vector.
    package func position(_ path: String) -> Int {
        guard let i = index[path] else { preconditionFailure("no parameter \(path) in this scenario") }
        return i
    }

    /// Position of `input` in the values vector; `input` must be in effect for this scenario.
    @inline(__always)
    func position(_ input: ModelInput) -> Int {
        let i = inputSlots[input.rawValue]
        precondition(i >= 0, "\(input.path) is not in effect in this scenario")
        return i
    }

    /// Position of practice `kind`'s `input` in the values vector; `input` must be in effect.
    @inline(__always)
    func position(_ input: PracticeInput, of kind: PracticeKind) -> Int {
        let i = practiceSlots[kind][input.rawValue]
        precondition(i >= 0, "\(input.path(kind)) is not in effect in this scenario")
        return i
    }

    /// The catalog paths the model reads for this scenario, in ``ModelInput`` then per-practice
    /// ``PracticeInput`` order.
    package var modelPaths: [String] {
        ModelInput.allCases.filter { inputSlots[$0.rawValue] >= 0 }.map(\.path)
            + PracticeKind.allCases.flatMap { kind in
                PracticeInput.allCases.filter { practiceSlots[kind][$0.rawValue] >= 0 }.map { $0.path(kind) }
            }
    }
}
