import Foundation

/// The commented starter scenario written by `govsim init`: the main fields of every section
/// with their defaults from ``ParameterCatalog`` (so it cannot drift from the loader), units and
/// a short explanation of how to write uncertain values. It loads and runs as it is.
package enum StarterScenario {
    /// The fields written, per section, in file order (every other field keeps its default).
    static let sections: [(key: String, comment: String, fields: [String])] = [
        (
            "baseline", "The organisation before the programme.",
            ["spending", "labour_share", "demand_growth", "inflation", "productivity_trend", "satisfaction"]
        ),
        (
            "effects", "What full, matured adoption of the practices is worth, and how fast it comes.",
            ["leader_adoption", "peer_adoption", "causal_share", "no_effect_probability", "realisation_lag", "j_curve_depth"]
        ),
        ("spending", "How productivity turns into money.", ["capture_rate", "cost_overrun"]),
        (
            "programme_risk", "Most transformations fall short of plan, late.",
            ["full_delivery_probability", "shortfall_delivery", "delay"]
        ),
        ("satisfaction", "Citizen satisfaction (points 0-100).", ["customer_focus_gain", "rapid_iteration_gain"]),
    ]

    /// The fields written for each practice (the milestone plan is written after `start_adoption`;
    /// its last milestone is the target, so `target_adoption` is not written).
    static let practiceFields = ["start_adoption", "investment", "run_cost"]

    /// Programme years of the starter's milestones and the share of the planned increase reached
    /// at each: pilot after one year, most of the scale-up by year 3, complete by year 5.
    /// Assumption (an illustrative five-year plan of the kind a programme board approves, shaped
    /// like the reference scenario's); `govsim init` users replace it with their own milestones.
    static let planShape: [(offset: Int, share: Double)] = [(1, 0.15), (3, 0.7), (5, 1)]

    /// The starter's milestone plan for a practice that starts at `start` with planned target
    /// `target` (the mode of the catalog's default target, or its mean), in calendar years after
    /// `startYear`: adoption s + share·(T − s) at each ``planShape`` milestone, rounded to 0.01
    /// (the last is T itself, rounded).
    static func plan(start: Double, target: Double, startYear: Int) -> MilestonePlan {
        let values = planShape.map { ($0.share * (target - start) + start) * 100 }.map { $0.rounded() / 100 }
        return MilestonePlan(years: planShape.map { startYear + $0.offset }, adoption: values)
    }

    /// The planned target the starter's plan reaches: the most likely value of the catalog's
    /// default `target_adoption` (its mode, or its mean for forms without one).
    static func plannedTarget(_ d: Distribution) -> Double {
        switch d {
        case .triangular(_, let mode, _), .pert(_, let mode, _, _): return mode
        default: return d.mean
        }
    }

    /// Why `name` cannot be a scenario name, or nil when it can: any script is fine
    /// ("Région Île-de-France"; files and folders use ``ScenarioName/slug(_:)``), but not an empty
    /// name, a control character, or more than 100 characters.
    package static func problem(withName name: String) -> String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "a scenario name needs at least one letter or digit" }
        if name.count > 100 { return "a scenario name has at most 100 characters" }
        if name.unicodeScalars.contains(where: ControlCharacters.contains) { return "a scenario name may not contain control characters" }
        return nil
    }

    /// `name` as a YAML scalar: plain when it is letters, digits, spaces, `-`, `_` and `.`
    /// (starting with a letter or digit), double-quoted with `\` and `"` escaped otherwise.
    static func yamlScalar(_ name: String) -> String {
        let plain = name.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || $0.properties.numericType == .decimal || " -_.".unicodeScalars.contains($0)
        }
        if plain, let first = name.unicodeScalars.first, first.properties.isAlphabetic || first.properties.numericType == .decimal,
            name.last != " ", !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(name.lowercased()), Double(name) == nil
        {
            return name
        }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The starter scenario text for a scenario called `name` (see ``problem(withName:)``).
    package static func text(name: String) -> String {
        let defaults = Scenario(name: name)
        let specs = Dictionary(uniqueKeysWithValues: defaults.specs.map { ($0.path, $0) })
        var out = """
            # \(name): a govsim scenario (format version 1), written by `govsim init`.
            #
            # Every number is a known value (0.45) or an uncertain one, written as a one-key mapping:
            #   {uniform: {min: 0.5, max: 0.9}}           {triangular: {min: 3, mode: 5, max: 7}}
            #   {pert: {min: 0.5, mode: 0.8, max: 0.95}}  {normal: {mean: 0.01, sd: 0.005}}
            #   {lognormal: {p5: 0.07, p95: 0.15}}        {beta: {alpha: 2, beta: 2}}
            # Each run draws every uncertain value once. Shares are fractions (0.45 = 45%); money is in
            # `currency`. Fields left out take their defaults: `govsim parameters` lists every field
            # with its unit, allowed range, default and source. Check the file with
            # `govsim validate \(ScenarioName.slug(name)).yaml`, then run it with `govsim run \(ScenarioName.slug(name)).yaml`.


            """
        out += line("version: 1", comment: "scenario format version (always 1)")
        out += line("name: \(yamlScalar(name))", comment: "results go to outputs/\(ScenarioName.slug(name))/")
        out += "description: >\n  What this scenario describes, in a sentence or two.\n"
        out += line("start_year: \(defaults.startYear)", comment: "calendar year of the base year (year 0)")
        out += line("horizon: \(defaults.horizon)", comment: "years simulated after the base year")
        out += line("runs: \(defaults.runs)", comment: "Monte Carlo runs (--runs overrides)")
        out += line("seed: \(defaults.seed)", comment: "the same seed gives the same results (--seed overrides)")
        out += line("currency: \(defaults.currency)", comment: "label of every money amount")
        func field(_ key: String, _ path: String, indent: String) -> String? {
            guard let spec = specs[path] else { return nil }
            return "\(indent)# \(spec.summary). Unit: \(spec.unit).\n\(indent)\(key): \(defaults[path].scenarioNotation)\n"
        }
        for (i, section) in sections.enumerated() {
            if i == 1 { out += practicesBlock(defaults: defaults, specs: specs) }
            out += "\n# \(section.comment)\n\(section.key):\n"
            for key in section.fields {
                if let l = field(key, "\(section.key).\(key)", indent: "  ") { out += l }
            }
        }
        return out
    }

    static func practicesBlock(defaults: Scenario, specs: [String: ParameterSpec]) -> String {
        var out = """

            # The \(PracticeKind.countInWords) practices: adoption (share 0-1 of the organisation) in the base year, the
            # programme's milestone plan (planned adoption at the end of each year, linear in between, flat
            # after the last milestone, which is the target; an illustrative five-year plan, assumption:
            # replace it with your programme's milestones), the one-off investment to go from no to full
            # adoption and the yearly run cost at full adoption (currency, base-year prices).
            # Alternatives to a plan, each with `target_adoption` (e.g. {pert: {min: 0.55, mode: 0.8, max: 0.95}}):
            #   curve: bass                                  (Bass diffusion, default coefficients p and q)
            #   curve: {bass: {p: 0.03, q: 0.38}}
            #   curve: {logistic: {midpoint: 5, speed: 0.8}} (midpoint in years, speed per year)
            practices:

            """
        for kind in PracticeKind.allCases {
            out += "  \(kind.rawValue):\n"
            for key in practiceFields {
                let path = "practices.\(kind.rawValue).\(key)"
                guard let spec = specs[path] else { continue }
                out +=
                    kind == PracticeKind.allCases.first
                    ? line("    \(key): \(defaults[path].scenarioNotation)", comment: spec.unit)
                    : "    \(key): \(defaults[path].scenarioNotation)\n"
                if key == "start_adoption" {
                    let plan = plan(
                        start: defaults[path].mean, target: plannedTarget(defaults["practices.\(kind.rawValue).target_adoption"]),
                        startYear: defaults.startYear)
                    let milestones = zip(plan.years, plan.adoption).map { "\($0): \(CSVTable.formatNumber($1))" }.joined(separator: ", ")
                    let text = "    curve: {plan: {\(milestones)}}"
                    out += kind == PracticeKind.allCases.first ? line(text, comment: "planned adoption by year") : text + "\n"
                }
            }
        }
        return out
    }

    static func line(_ text: String, comment: String) -> String {
        let pad = max(2, 28 - text.count)
        return text + String(repeating: " ", count: pad) + "# " + comment + "\n"
    }
}
