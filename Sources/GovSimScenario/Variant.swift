/// A named plan variant: a set of parameter overrides applied to a scenario, e.g. a faster
/// rollout or "no programme". All variants of a comparison share the same random draws for the
/// inputs they have in common (common random numbers), so each run gives a paired difference.
package struct Variant: Sendable, Equatable {
    package var name: String
    package var description: String
    /// Overrides by dotted parameter path.
    package var overrides: [String: Distribution]
    /// Milestone plans that replace a practice's curve (`practices.<kind>.curve: {plan: {…}}` in
    /// the variant): the practice follows this plan, whose last milestone is its target.
    package var plans: [PracticeKind: MilestonePlan]
    /// Line of the variant in the scenario file (0 for built-in variants).
    package var line: Int
    /// Whether the variant's programme switch also holds against each organisation's own
    /// overrides in a portfolio (the built-in no-programme variant: no organisation adopts,
    /// builds or pays a programme team, whatever its overrides say).
    package var switchesOffEveryOrganisation = false

    package init(
        name: String, description: String = "", overrides: [String: Distribution],
        plans: [PracticeKind: MilestonePlan] = [:], line: Int = 0
    ) {
        self.name = name
        self.description = description
        self.overrides = overrides
        self.plans = plans
        self.line = line
    }

    /// Name of the built-in variant without the programme.
    package static let noProgrammeName = "no-programme"

    /// The built-in "no programme" variant of `scenario`: every target adoption equals the start
    /// adoption, and the build profile and the fixed programme cost are 0, so nothing is adopted,
    /// invested or run; in a portfolio also in every organisation, over its own overrides
    /// (``Scenario/applying(_:)``).
    package static func noProgramme(for scenario: Scenario) -> Variant {
        var overrides: [String: Distribution] = ["investment.build_scale": .fixed(0), "investment.fixed_per_year": .fixed(0)]
        for kind in PracticeKind.allCases {
            overrides["practices.\(kind.rawValue).target_adoption"] = scenario["practices.\(kind.rawValue).start_adoption"]
        }
        var variant = Variant(name: noProgrammeName, description: "no programme: adoption stays at its start level", overrides: overrides)
        variant.switchesOffEveryOrganisation = true
        return variant
    }
}

/// Several organisations simulated together, sharing economy-wide shocks.
package struct Portfolio: Sendable, Equatable {
    /// How organisations are weighted in the portfolio's productivity, satisfaction and adoption.
    package enum Weighting: String, Sendable, CaseIterable { case spending, serviceUsers = "service_users" }

    /// One organisation: its name, service users and overrides of the scenario's parameters.
    package struct Organisation: Sendable, Equatable {
        package var name: String
        /// Service users (any unit, e.g. million people), for `weight_by: service_users`.
        package var serviceUsers: Double
        package var overrides: [String: Distribution]
        package var line: Int
    }

    package var organisations: [Organisation]
    /// Correlation of yearly shocks (productivity, demand, satisfaction) between organisations.
    package var shockCorrelation: Double
    package var weighting: Weighting
}
