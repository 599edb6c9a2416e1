import Yams

/// Reading the `benefits:` section: the optional benefit lines of the economic case
/// (``BenefitLine``). Each line is a mapping under its name with a `category`, a `driver`
/// practice (or a list of them), `cash_releasing` (required for the channel categories) and the
/// category's factors, each a number or a distribution in the usual syntax.
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
                error(
                    at: keyNode, "duplicate benefit line `\(name)` (first given on line \(first.mark?.line ?? 0))",
                    hint: "keep one of the two")
                continue
            }
            seen[name] = keyNode
            let path = "benefits.\(name)"
            guard BenefitLine.isValidName(name) else {
                error(
                    at: keyNode, "benefit line name `\(name)` must be a lower-case identifier",
                    hint:
                        "use lower-case letters, digits and '_', starting with a letter, at most 60 characters (e.g. `citizen_time_online`)"
                )
                continue
            }
            guard let line = mapping(valueNode, path: path) else { continue }
            var category: BenefitLine.Category?
            if let c = line["category"] {
                if let text = string(c, path: "\(path).category") {
                    if let k = BenefitLine.Category(rawValue: text) {
                        category = k
                    } else {
                        let suggestion = Suggestion.closest(to: text, in: categories).map { "did you mean `\($0)`? " } ?? ""
                        error(
                            at: c, "\(path).category must be one of \(categories.joined(separator: ", ")), found `\(text)`",
                            hint: "\(suggestion)see docs/scenario-format.md, \"Benefit lines\", for each category's factors")
                    }
                }
            } else {
                error(
                    at: valueNode, "benefit line `\(name)` has no `category`",
                    hint: "add `category:` with one of \(categories.joined(separator: ", "))")
            }
            // `driver`: one practice, or a list of practices averaged with equal weights.
            var drivers: [PracticeKind]?
            if let d = line["driver"] {
                let items = d.sequence.map(Array.init) ?? [d]
                var found: [PracticeKind] = []
                for item in items {
                    guard let text = string(item, path: "\(path).driver") else { continue }
                    if let k = PracticeKind(rawValue: text) {
                        if found.contains(k) {
                            error(at: item, "\(path).driver names `\(text)` twice", hint: "list each practice once")
                        } else {
                            found.append(k)
                        }
                    } else {
                        let suggestion = Suggestion.closest(to: text, in: practices).map { "did you mean `\($0)`? " } ?? ""
                        error(
                            at: item, "\(path).driver must be a practice, found `\(text)`",
                            hint: "\(suggestion)use one of \(practices.joined(separator: ", ")), or a list of them")
                    }
                }
                if items.isEmpty {
                    error(at: d, "\(path).driver is an empty list", hint: "name at least one practice")
                } else if found.count == items.count {
                    drivers = found
                }
            } else {
                error(
                    at: valueNode, "benefit line `\(name)` has no `driver`",
                    hint:
                        "add `driver:` naming the practice whose progress realises it (\(practices.joined(separator: ", "))), or a list of them"
                )
            }
            var cash: Bool? = nil
            if let c = line["cash_releasing"] {
                if let text = string(c, path: "\(path).cash_releasing") {
                    if text == "true" {
                        cash = true
                    } else if text == "false" {
                        cash = false
                    } else {
                        error(
                            at: c, "\(path).cash_releasing must be true or false, found `\(text)`",
                            hint:
                                "true if the saving lowers the organisation's spending (financial case), false if it does not (economic case only)"
                        )
                    }
                }
            } else if let category, category.requiresCashDeclaration {
                error(
                    at: valueNode, "benefit line `\(name)` (\(category.rawValue)) has no `cash_releasing`",
                    hint: "add `cash_releasing: true` if the saving lowers spending (it then counts in the financial case), or `false`")
            } else {
                cash = false
            }
            guard let category, let drivers, let cash else { continue }
            let benefit = BenefitLine(name: name, category: category, drivers: drivers, cashReleasing: cash)
            checkKeys(line, path: path, allowed: ["category", "driver", "cash_releasing"] + category.factors)
            var complete = true
            for spec in benefit.specs {
                let factor = String(spec.path.dropFirst(path.count + 1))
                guard let f = line[factor] else {
                    if category.optionalFactors.contains(factor) {
                        scenario.parameters[spec.path] = spec.defaultValue
                        continue
                    }
                    error(
                        at: valueNode, "benefit line `\(name)` has no `\(factor)` (\(spec.unit))",
                        hint:
                            "a \(category.rawValue) line needs \(category.factors.filter { !category.optionalFactors.contains($0) }.joined(separator: ", ")); there is no default"
                    )
                    complete = false
                    continue
                }
                if let w = writtenDistribution(f, spec: spec) {
                    scenario.parameters[spec.path] = w.value
                    scenario.writtenForms[spec.path] = w
                    scenario.explicitPaths.insert(spec.path)
                } else {
                    complete = false
                }
            }
            if complete { scenario.benefitLines.append(benefit) }
        }
    }
}
