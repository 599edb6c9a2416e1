import Yams

/// Decoding of the year-keyed mappings of a business case: milestone plans
/// (`practices.<kind>.curve: {plan: {2026: 0.2, …}}`) and the investment build profile
/// (`investment.profile: {2026: 3.0, …}`). Every problem is reported at its key or value.
extension ScenarioLoader {
    /// A mapping of calendar years to plain numbers: years whole, strictly increasing in the
    /// order written and inside the simulated years (start_year + 1 … start_year + horizon);
    /// values in `values` (and not decreasing when `nonDecreasing`).
    mutating func yearMapping(
        _ node: Node, path: String, startYear: Int, horizon: Int, values: ClosedRange<Double>,
        unit: String, nonDecreasing: Bool, example: String
    ) -> [(year: Int, value: Double)]? {
        guard let m = mapping(node, path: path) else { return nil }
        guard m.count > 0 else {
            error(at: node, "\(path) is empty", hint: "give at least one year, e.g. `\(example)`")
            return nil
        }
        var out: [(year: Int, value: Double)] = []
        var ok = true
        let first = startYear + 1, last = startYear + horizon
        for (k, v) in m {
            guard budget(k) else { return nil }
            guard let year = integer(k, path: "a year of \(path)", range: 1000...3000) else { ok = false; continue }
            // A milestone plan may run past the horizon (a shorter run simulates its first years;
            // the interpolated curve is defined there); a build profile may not, since its costs
            // past the horizon would not be counted.
            let isPlan = path.hasSuffix(".plan")
            guard year >= first, isPlan || year <= last else {
                if isPlan {
                    error(
                        at: k, "\(path): year \(year) is not after start_year \(startYear)", hint: "give milestone years after start_year")
                } else {
                    error(
                        at: k,
                        "\(path): year \(year) is outside the simulated years \(first)-\(last) (start_year \(startYear), horizon \(horizon))",
                        hint: "give years after start_year and at most start_year + horizon, or lengthen the horizon")
                }
                ok = false
                continue
            }
            if let previous = out.last, year <= previous.year {
                error(
                    at: k, "\(path): year \(year) comes after \(previous.year); the years must increase",
                    hint: "list the years in increasing order, each once")
                ok = false
                continue
            }
            guard let x = number(v, path: "\(path).\(year)") else { ok = false; continue }
            guard values.contains(x) else {
                let range =
                    values.upperBound.isFinite
                    ? "between \(CSVTable.formatNumber(values.lowerBound)) and \(CSVTable.formatNumber(values.upperBound))"
                    : "at least \(CSVTable.formatNumber(values.lowerBound))"
                error(
                    at: v, "\(path).\(year) is \(CSVTable.formatNumber(x)), but it must be \(range) (\(unit))",
                    hint: "change it to a value in that range")
                ok = false
                continue
            }
            if nonDecreasing, let previous = out.last, x < previous.value {
                error(
                    at: v,
                    "\(path).\(year) is \(CSVTable.formatNumber(x)), below \(CSVTable.formatNumber(previous.value)) planned for \(previous.year); planned adoption must not fall",
                    hint: "keep each milestone at or above the one before")
                ok = false
                continue
            }
            out.append((year, x))
        }
        return ok ? out : nil
    }

    /// `curve: {plan: {2026: 0.2, 2027: 0.5, 2029: 0.8}}` of practice `kind` (`plansNode` is the
    /// value under `plan`).
    /// `path` names it in errors (default `practices.<kind>.curve.plan`; a variant's plan is
    /// `variants.<name>.practices.<kind>.curve.plan`).
    mutating func milestonePlan(_ plansNode: Node, kind: PracticeKind, scenario: Scenario, path: String? = nil) -> MilestonePlan? {
        let path = path ?? "practices.\(kind.rawValue).curve.plan"
        guard
            let points = yearMapping(
                plansNode, path: path, startYear: scenario.startYear, horizon: scenario.horizon,
                values: 0...1, unit: "share 0–1, planned adoption", nonDecreasing: true,
                example: "plan: {\(scenario.startYear + 1): 0.2, \(scenario.startYear + 3): 0.6}")
        else { return nil }
        return MilestonePlan(years: points.map(\.year), adoption: points.map(\.value))
    }
}
