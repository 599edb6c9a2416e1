import Yams

/// The programme-risk checks of a scenario file: the default rank correlation of cost overrun,
/// delay and delivery, and a fixed programme cost that needs a duration.
extension ScenarioLoader {
    /// Adds `programme_risk.correlation` to the scenario's correlations (``Scenario/withProgrammeRiskCorrelation()``),
    /// reporting a combination that no set of variables can have at the `correlations` key.
    mutating func addProgrammeRiskCorrelation(_ scenario: inout Scenario, top: Node.Mapping) {
        do {
            scenario.correlation = try scenario.withProgrammeRiskCorrelation()
        } catch let e as CorrelationMatrix.ValidationError {
            let node = top["correlations"] ?? top["programme_risk"] ?? Node("")
            for issue in e.issues {
                error(
                    at: node, "correlations with the default programme-risk correlation (programme_risk.correlation): \(issue)",
                    hint: "lower programme_risk.correlation, set it to 0, or add `repair: nearest` to correlations")
            }
        } catch {
            self.error(at: top["correlations"] ?? Node(""), "correlations: \(error)", hint: "fix the correlations")
        }
    }

    /// A fixed programme cost needs a duration: `investment.duration`, a build profile or a plan.
    mutating func checkProgrammeDuration(_ s: Scenario, top: Node.Mapping) {
        guard let fixed = s.parameters["investment.fixed_per_year"], fixed.mean > 0, s.effectiveProgrammeDuration == 0 else { return }
        let node =
            top["investment"]?.mapping?.first(where: { $0.key.scalar?.string == "fixed_per_year" })?.key ?? top["investment"] ?? Node("")
        error(
            at: node, "investment.fixed_per_year is paid for the programme's duration, but the scenario gives none",
            hint: "add `investment.duration: <years>`, an `investment.profile` or a milestone plan (`curve: {plan: …}`)")
    }
}
