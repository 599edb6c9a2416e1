/// Chooses the variants of a comparison and its baseline, from one scenario's `variants:` or from
/// several scenario files, and checks that they can be compared run by run.
package enum ComparisonPlan {
    /// An error in choosing variants, with a message that says how to fix it.
    package struct Problem: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    /// Variants of one scenario: `names` (default: every variant the scenario defines, or the
    /// built-in `no-programme` if it defines none), plus the baseline (default: the scenario
    /// itself, under its own name).
    package static func variants(
        of scenario: Scenario, names: [String]?, baseline: String?
    ) throws -> (variants: [(name: String, scenario: Scenario)], baselineIndex: Int) {
        var available: [String: Variant] = [Variant.noProgrammeName: Variant.noProgramme(for: scenario)]
        for v in scenario.variants { available[v.name] = v }
        let known =
            [scenario.name] + scenario.variants.map(\.name)
            + (scenario.variants.contains { $0.name == Variant.noProgrammeName } ? [] : [Variant.noProgrammeName])
        func resolve(_ name: String) throws -> (name: String, scenario: Scenario) {
            if name == scenario.name { return (name, scenario) }
            guard let v = available[name] else {
                let hint = Suggestion.closest(to: name, in: known).map { "did you mean `\($0)`? " } ?? ""
                throw Problem(description: "unknown variant `\(name)`; \(hint)the scenario defines \(known.joined(separator: ", "))")
            }
            return (name, scenario.applying(v))
        }
        var chosen = names ?? (scenario.variants.isEmpty ? [Variant.noProgrammeName] : scenario.variants.map(\.name))
        let baselineName = baseline ?? scenario.name
        if let duplicate = firstDuplicate(chosen) {
            throw Problem(description: "variant `\(duplicate)` is listed twice in --variants; list each once")
        }
        chosen.removeAll { $0 == baselineName }
        let all = try ([baselineName] + chosen).map(resolve)
        guard all.count >= 2 else {
            throw Problem(description: "nothing to compare: give --variants other than the baseline `\(baselineName)`")
        }
        return (all, 0)
    }

    /// Several scenario files as variants, named by their `name`; the baseline is `baseline` or the first.
    /// Runs and seed are the baseline's, so the runs pair up.
    package static func variants(
        of scenarios: [Scenario], baseline: String?
    ) throws -> (variants: [(name: String, scenario: Scenario)], baselineIndex: Int) {
        let names = scenarios.map(\.name)
        if let duplicate = firstDuplicate(names) {
            throw Problem(description: "two scenarios are named `\(duplicate)`; give each compared scenario its own `name`")
        }
        let baselineIndex: Int
        if let baseline {
            guard let i = names.firstIndex(of: baseline) else {
                throw Problem(description: "--baseline `\(baseline)` is not one of the scenarios' names (\(names.joined(separator: ", ")))")
            }
            baselineIndex = i
        } else {
            baselineIndex = 0
        }
        let base = scenarios[baselineIndex]
        var out: [(name: String, scenario: Scenario)] = []
        for s in scenarios {
            guard s.horizon == base.horizon, s.startYear == base.startYear else {
                throw Problem(
                    description:
                        "`\(s.name)` runs \(s.startYear)+\(s.horizon) years but the baseline `\(base.name)` runs \(base.startYear)+\(base.horizon); give compared scenarios the same start_year and horizon"
                )
            }
            var t = s
            t.runs = base.runs
            t.seed = base.seed
            out.append((s.name, t))
        }
        return (out, baselineIndex)
    }

    /// The first name that occurs again later in `names` (in list order, so the message is the
    /// same in every process: a Dictionary's order is not).
    static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }
}
