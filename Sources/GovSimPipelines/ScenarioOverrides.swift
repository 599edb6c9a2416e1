/// The command-line overrides of a scenario's run count, seed and sampling design (nil: the
/// scenario's own).
package struct ScenarioOverrides: Sendable, Equatable {
    package var runs: Int?
    package var seed: UInt64?
    package var sampling: SamplingKind?

    package init(runs: Int? = nil, seed: UInt64? = nil, sampling: SamplingKind? = nil) {
        self.runs = runs
        self.seed = seed
        self.sampling = sampling
    }

    /// `scenario` with these overrides.
    package func apply(to scenario: Scenario) -> Scenario {
        var s = scenario
        if let runs { s.runs = runs }
        if let seed { s.seed = seed }
        if let sampling { s.sampling = sampling }
        return s
    }
}
