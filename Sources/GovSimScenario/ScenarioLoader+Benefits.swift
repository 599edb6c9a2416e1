import Yams

/// Reading the `benefits:` section: the optional benefit lines of the economic case
/// (``BenefitLine``). Each line is a mapping under its name with a `category`, a `driver`
/// practice and the category's factors, each a number or a distribution in the usual syntax.
extension ScenarioLoader {
    /// Appends the lines of `node` to `scenario.benefitLines` and their factors to its parameters.
    mutating func benefitLines(_ node: Node, into scenario: inout Scenario) {
        guard let m = mapping(node, path: "benefits") else { return }
        let categories = BenefitLine.Category.allCases.map(\.rawValue)
        let practices = PracticeKind.allCases.map(\.rawValue)
        var seen: [String: Node] = [:]
        for (keyNode, valueNode) in m {
            guard budget(keyNode) else { return }
            guard let name = keyNode.scalar?.string else {
                error(at: keyNode, "keys must be plain names", hint: "write `name: value`")
                continue
            }
            if let first = seen[name] {
                error(at: keyNode, "duplicate benefit line `\(name)` (first given on line \(first.mark?.line ?? 0))", hint: "keep one of the two")
                continue
            }
            seen[name] = keyNode
            let path = "benefits.\(name)"
            guard BenefitLine.isValidName(name) else {
                error(at: keyNode, "benefit line name `\(name)` must be a lower-case identifier",
                      hint: "use lower-case letters, digits and '_', starting with a letter, at most 60 characters (e.g. `citizen_time_online`)")
                continue
            }
            guard let line = mapping(valueNode, path: path) else { continue }
            var category: BenefitLine.Category?
            if let c = line["category"] {
                if let text = string(c, path: "\(path).category") {
                    if let k = BenefitLine.Category(rawValue: text) { category = k }
                    else {
                        let suggestion = Suggestion.closest(to: text, in: categories).map { "did you mean `\($0)`? " } ?? ""
                        error(at: c, "\(path).category must be one of \(categories.joined(separator: ", ")), found `\(text)`",
                              hint: "\(suggestion)citizen_time takes transactions, minutes_saved and value_of_time; the others volume and unit_value")
                    }
                }
            } else {
                error(at: valueNode, "benefit line `\(name)` has no `category`", hint: "add `category:` with one of \(categories.joined(separator: ", "))")
            }
            var driver: PracticeKind?
            if let d = line["driver"] {
                if let text = string(d, path: "\(path).driver") {
                    if let k = PracticeKind(rawValue: text) { driver = k }
                    else {
                        let suggestion = Suggestion.closest(to: text, in: practices).map { "did you mean `\($0)`? " } ?? ""
                        error(at: d, "\(path).driver must be a practice, found `\(text)`",
                              hint: "\(suggestion)use one of \(practices.joined(separator: ", "))")
                    }
                }
            } else {
                error(at: valueNode, "benefit line `\(name)` has no `driver`",
                      hint: "add `driver:` naming the practice whose progress realises it (\(practices.joined(separator: ", ")))")
            }
            guard let category, let driver else { continue }
            let benefit = BenefitLine(name: name, category: category, driver: driver)
            checkKeys(line, path: path, allowed: ["category", "driver"] + category.factors)
            var complete = true
            for spec in benefit.specs {
                let factor = String(spec.path.dropFirst(path.count + 1))
                guard let f = line[factor] else {
                    error(at: valueNode, "benefit line `\(name)` has no `\(factor)` (\(spec.unit))",
                          hint: "a \(category.rawValue) line needs \(category.factors.joined(separator: ", ")); there is no default")
                    complete = false
                    continue
                }
                if let d = distribution(f, spec: spec) {
                    scenario.parameters[spec.path] = d
                    scenario.explicitPaths.insert(spec.path)
                } else {
                    complete = false
                }
            }
            if complete { scenario.benefitLines.append(benefit) }
        }
    }
}
