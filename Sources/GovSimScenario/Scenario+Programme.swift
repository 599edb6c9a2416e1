/// The programme's planned duration, which the fixed programme cost runs for (plus any delay).
extension Scenario {
    /// D in years: `investment.duration` if given, else the latest year of the build profile or of
    /// any milestone plan, counted from `start_year`; 0 when there is neither (then no fixed
    /// programme cost is paid).
    package var effectiveProgrammeDuration: Int {
        if let programmeDuration { return programmeDuration }
        let last = (Array(buildProfile.keys) + plans.values.map(\.lastYear)).max()
        return last.map { max(0, $0 - startYear) } ?? 0
    }
}

/// Correlated programme risk by default (`docs/model.md` §1, "Programme risk").
extension Scenario {
    /// The uncertain inputs that move together by default and the sign of each pair: a run that
    /// overruns its cost also tends to slip and to deliver less (lower `programme_risk.delivery`).
    package static let programmeRiskPairs: [(String, String, Double)] = [
        ("spending.cost_overrun", "programme_risk.delay", 1),
        ("spending.cost_overrun", Scenario.deliveryPath, -1),
        ("programme_risk.delay", Scenario.deliveryPath, -1),
    ]

    /// ``correlation`` with the default programme-risk correlation r = `programme_risk.correlation`
    /// added: rank correlation +r between cost overrun and delay, −r between each of them and the
    /// delivered share, for the pairs whose two inputs are uncertain and not both already named by
    /// the scenario's own `correlations:` (whose value then stands). r = 0, or correlations that
    /// were repaired (`repair: nearest`, used as repaired), leave ``correlation`` as it is.
    /// - Throws: ``CorrelationMatrix/ValidationError`` if the combination is not a valid matrix.
    package func withProgrammeRiskCorrelation() throws -> CorrelationMatrix? {
        guard let r = parameters["programme_risk.correlation"]?.mean, r > 0, correlation?.repairReport == nil else { return correlation }
        let uncertain = Set(uncertainPaths)
        var names = correlation?.names ?? []
        var pairs: [(String, String, Double)] = []
        if let c = correlation {
            for i in 0..<c.dimension {
                for j in (i + 1)..<c.dimension where c[i, j] != 0 { pairs.append((c.names[i], c.names[j], c[i, j])) }
            }
        }
        var added = false
        for (a, b, sign) in Scenario.programmeRiskPairs where uncertain.contains(a) && uncertain.contains(b) {
            // Both inputs already named by the scenario's correlations: its value (0 if it lists no
            // such pair) stands.
            if let c = correlation, c.names.contains(a), c.names.contains(b) { continue }
            pairs.append((a, b, sign * r))
            for n in [a, b] where !names.contains(n) { names.append(n) }
            added = true
        }
        guard added else { return correlation }
        return try CorrelationMatrix(names: names, pairs: pairs)
    }
}
