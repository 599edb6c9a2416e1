import Foundation
import Yams

/// Decoders of the structured sections: correlations, budget rates, variants and portfolio
/// overrides, and references to external data (histories and fitted priors).
extension ScenarioLoader {
    /// `correlations: {pairs: [[a, b, 0.5], …] | matrix: {names: […], values: [[…], …]}, repair: nearest}`.
    mutating func correlations(_ node: Node, scenario: Scenario) -> CorrelationMatrix? {
        guard let m = mapping(node, path: "correlations") else { return nil }
        checkKeys(m, path: "correlations", allowed: ["pairs", "matrix", "repair"])
        var repair = CorrelationMatrix.Repair.none
        if let r = m["repair"], let text = string(r, path: "correlations.repair") {
            if text == "nearest" {
                repair = .nearest
            } else if text != "none" {
                error(
                    at: r, "correlations.repair must be `nearest` or `none`, found `\(text)`",
                    hint: "write `repair: nearest` to use the nearest valid matrix")
            }
        }
        let uncertain = scenario.uncertainPaths
        func checkName(_ name: String, at n: Node) -> Bool {
            if uncertain.contains(name) { return true }
            let known = ParameterCatalog.specs(curves: scenario.curves, spendingTrend: scenario.spendingTrend).map(\.path).contains(name)
            let suggestion = Suggestion.closest(to: name, in: uncertain).map { "did you mean `\($0)`? " } ?? ""
            error(
                at: n,
                known
                    ? "correlations: `\(name)` is a fixed number in this scenario, so it cannot be correlated"
                    : "correlations: unknown uncertain input `\(name)`",
                hint: known
                    ? "give it a distribution, or remove the correlation"
                    : "\(suggestion)correlate uncertain inputs (the columns of runs.csv)")
            return false
        }
        do {
            if let pairsNode = m["pairs"] {
                guard let items = pairsNode.sequence else {
                    error(
                        at: pairsNode, "correlations.pairs must be a list of [input, input, correlation]",
                        hint: "write `- [baseline.inflation, spending.cost_overrun, 0.3]`")
                    return nil
                }
                var pairs: [(String, String, Double)] = []
                var names: [String] = []
                var ok = true
                for item in items.prefix(10_000) {
                    guard budget(item) else { return nil }
                    guard let triple = item.sequence, triple.count == 3, let a = triple[0].scalar?.string, let b = triple[1].scalar?.string
                    else {
                        error(
                            at: item, "each correlation pair must be [input, input, correlation]",
                            hint: "write `- [baseline.inflation, spending.cost_overrun, 0.3]`")
                        ok = false
                        continue
                    }
                    guard let rho = number(triple[2], path: "correlation \(a)~\(b)") else { ok = false; continue }
                    ok = checkName(a, at: triple[0]) && ok
                    ok = checkName(b, at: triple[1]) && ok
                    pairs.append((a, b, rho))
                    for n in [a, b] where !names.contains(n) { names.append(n) }
                }
                guard ok, !pairs.isEmpty else { return nil }
                return try CorrelationMatrix(names: names, pairs: pairs, repair: repair)
            } else if let matrixNode = m["matrix"], let mm = mapping(matrixNode, path: "correlations.matrix") {
                checkKeys(mm, path: "correlations.matrix", allowed: ["names", "values"])
                guard let namesNode = mm["names"], let nameItems = namesNode.sequence, let valuesNode = mm["values"],
                    let rows = valuesNode.sequence
                else {
                    error(
                        at: matrixNode, "correlations.matrix needs `names` (a list) and `values` (a list of rows)",
                        hint: "see docs/scenario-format.md")
                    return nil
                }
                var names: [String] = []
                var ok = true
                for n in nameItems.prefix(1024) {
                    guard let name = string(n, path: "correlations.matrix.names") else { ok = false; continue }
                    ok = checkName(name, at: n) && ok
                    names.append(name)
                }
                var matrix: [[Double]] = []
                for row in rows.prefix(1024) {
                    guard let cells = row.sequence else {
                        error(at: row, "each row of correlations.matrix.values must be a list", hint: "write `- [1, 0.3]`")
                        ok = false
                        continue
                    }
                    matrix.append(cells.prefix(1024).map { number($0, path: "correlations.matrix.values") ?? .nan })
                }
                guard ok else { return nil }
                return try CorrelationMatrix(names: names, matrix: matrix, repair: repair)
            } else {
                error(at: node, "correlations needs `pairs` or `matrix`", hint: "see docs/scenario-format.md")
                return nil
            }
        } catch let e as CorrelationMatrix.ValidationError {
            for issue in e.issues { error(at: node, "correlations: \(issue)", hint: "fix the correlations") }
            return nil
        } catch {
            self.error(at: node, "correlations: \(error)", hint: "fix the correlations")
            return nil
        }
    }

    /// `sensitivity_rates: [0.015, 0.07]`.
    mutating func rates(_ node: Node) -> [Double] {
        guard let items = node.sequence else {
            error(at: node, "budget.sensitivity_rates must be a list of rates", hint: "write for example `[0.015, 0.07]`")
            return []
        }
        var out: [Double] = []
        for item in items.prefix(20) {
            guard let x = number(item, path: "budget.sensitivity_rates") else { continue }
            if x < -0.05 || x > 0.5 {
                error(
                    at: item, "discount rate \(CSVTable.formatNumber(x)) is outside -0.05 to 0.5",
                    hint: "write rates as fractions, 0.035 for 3.5%")
            } else {
                out.append(x)
            }
        }
        if items.count > 20 { error(at: node, "at most 20 sensitivity rates", hint: "keep the rates you will report") }
        return out
    }

    /// Dotted-path overrides of parameters (for variants and organisations); `reserved` keys are skipped.
    mutating func overrides(
        _ m: Node.Mapping, context: String, specs: [String: ParameterSpec], reserved: [String]
    ) -> [String: Distribution] {
        var out: [String: Distribution] = [:]
        for (k, v) in m {
            guard budget(k), let key = k.scalar?.string else { continue }
            if reserved.contains(key) { continue }
            if key == "programme_risk.correlation" {
                error(
                    at: k, "\(context): programme_risk.correlation is applied once for the whole scenario and cannot be overridden here",
                    hint: "set it under programme_risk in the scenario, or give the pairs in `correlations:`")
                continue
            }
            if let spec = specs[key] {
                if let d = distribution(v, spec: spec) { out[key] = d }
            } else if ParameterCatalog.allPaths.contains(key) {
                error(
                    at: k, "\(context): `\(key)` is not in effect in this scenario (another adoption curve or spending mode is used)",
                    hint: "override a parameter of the curve the scenario uses")
            } else {
                let suggestion = Suggestion.closest(to: key, in: specs.keys.sorted() + reserved)
                error(
                    at: k, "\(context): unknown parameter `\(key)`",
                    hint: suggestion.map { "did you mean `\($0)`?" }
                        ?? "use a dotted path such as practices.data_as_product.target_adoption (see `govsim parameters`)")
            }
        }
        return out
    }

    /// The plan variants; an empty `variants:` (no value, `~`, `[]` or `{}`) means none.
    mutating func variants(_ node: Node, specs: [String: ParameterSpec], scenario: Scenario) -> [Variant] {
        if node.null != nil || (node.scalar.map { $0.string.isEmpty && $0.style == .plain } ?? false) || node.sequence?.isEmpty == true {
            return []
        }
        guard let m = mapping(node, path: "variants") else { return [] }
        var out: [Variant] = []
        for (k, v) in m {
            guard budget(k), let name = k.scalar?.string else { continue }
            guard checkNameCharacters(name, at: k, what: "variant name") else { continue }
            guard !name.isEmpty, name.count <= 100, !name.contains(","), !name.contains("/") else {
                error(
                    at: k, "variant name `\(name)` must be 1-100 characters without ',' or '/'",
                    hint: "use a short name such as fast-rollout")
                continue
            }
            if name == scenario.name {
                error(
                    at: k, "variant `\(name)` has the scenario's own name, which stands for the scenario without overrides",
                    hint: "rename the variant")
                continue
            }
            guard let body = mapping(v, path: "variants.\(name)") else { continue }
            var description = ""
            if let d = body["description"], let text = string(d, path: "variants.\(name).description") { description = text }
            let curveKeys = PracticeKind.allCases.map { "practices.\($0.rawValue).curve" }
            let o = overrides(body, context: "variant \(name)", specs: specs, reserved: ["description"] + curveKeys)
            let plans = variantPlans(body, variant: name, overrides: o, scenario: scenario)
            checkStarts(body, overrides: o, plans: scenario.plans.filter { plans[$0.key] == nil }, context: "variant \(name)")
            out.append(Variant(name: name, description: description, overrides: o, plans: plans, line: k.mark?.line ?? 0))
        }
        return out
    }

    /// A variant's milestone plans, `practices.<kind>.curve: {plan: {2026: 0.2, …}}`, each
    /// replacing the practice's curve (only a plan can be given: other curves have parameters a
    /// variant overrides by path). Refused, at the offending key or value: another curve, a
    /// `target_adoption` override beside the plan (its last milestone is the target), and a first
    /// milestone below the start adoption the variant runs with.
    mutating func variantPlans(
        _ body: Node.Mapping, variant name: String, overrides o: [String: Distribution],
        scenario: Scenario
    ) -> [PracticeKind: MilestonePlan] {
        var plans: [PracticeKind: MilestonePlan] = [:]
        for (k, v) in body {
            guard let key = k.scalar?.string,
                let kind = PracticeKind.allCases.first(where: { key == "practices.\($0.rawValue).curve" })
            else { continue }
            let path = "variants.\(name).practices.\(kind.rawValue).curve"
            let example = "practices.\(kind.rawValue).curve: {plan: {\(scenario.startYear + 1): 0.2, \(scenario.startYear + 3): 0.6}}"
            guard let m = v.mapping, m.count == 1, m.keys.first?.scalar?.string == AdoptionCurveKind.plan.rawValue,
                let planNode = m.first?.value
            else {
                error(
                    at: v, "\(path): a variant can replace a practice's curve only with a milestone plan",
                    hint: "write `\(example)`, or override the curve's parameters by path (e.g. practices.\(kind.rawValue).curve.bass.q)")
                continue
            }
            guard let plan = milestonePlan(planNode, kind: kind, scenario: scenario, path: path + ".plan") else { continue }
            let targetPath = "practices.\(kind.rawValue).target_adoption"
            if let targetKey = body.keys.first(where: { $0.scalar?.string == targetPath }) {
                error(
                    at: targetKey,
                    "variant \(name): \(targetPath) cannot be given with the variant's milestone plan: the target is the plan's last milestone (\(CSVTable.formatNumber(plan.target)) in \(plan.lastYear))",
                    hint: "remove \(targetPath) from the variant, or change the plan's last milestone")
                continue
            }
            let curvePrefix = "practices.\(kind.rawValue).curve."
            if let curveKey = body.keys.first(where: { $0.scalar?.string.hasPrefix(curvePrefix) ?? false }),
                let curvePath = curveKey.scalar?.string
            {
                error(
                    at: curveKey,
                    "variant \(name): \(curvePath) cannot be given with the variant's milestone plan, which replaces the curve",
                    hint: "remove \(curvePath) from the variant, or the plan")
                continue
            }
            let startPath = "practices.\(kind.rawValue).start_adoption"
            if let start = o[startPath] ?? scenario.parameters[startPath], start.support.lowerBound > plan.adoption[0] {
                error(
                    at: v,
                    "\(path).plan starts at \(CSVTable.formatNumber(plan.adoption[0])) in \(plan.years[0]), below the start adoption (\(CSVTable.formatNumber(start.support.lowerBound)) or more); planned adoption must not fall",
                    hint: "raise the first milestone to at least the start adoption, or lower start_adoption")
                continue
            }
            plans[kind] = plan
        }
        return plans
    }

    /// The portfolio; `plans` are the scenario's milestone plans (an organisation's start
    /// adoption must not lie above its practice's first milestone).
    /// A `start_adoption` override (of a variant or an organisation) above the first milestone of
    /// the practice's plan would make planned adoption fall: refused at the override's key.
    mutating func checkStarts(
        _ body: Node.Mapping, overrides o: [String: Distribution], plans: [PracticeKind: MilestonePlan], context: String
    ) {
        for (kind, plan) in plans.sorted(by: { $0.key < $1.key }) {
            let path = "practices.\(kind.rawValue).start_adoption"
            guard let start = o[path], start.support.lowerBound > plan.adoption[0],
                let key = body.keys.first(where: { $0.scalar?.string == path })
            else { continue }
            error(
                at: key,
                "\(context): \(path) (\(CSVTable.formatNumber(start.support.lowerBound)) or more) is above the first milestone of the practice's plan (\(CSVTable.formatNumber(plan.adoption[0])) in \(plan.years[0])); planned adoption must not fall",
                hint: "lower the start adoption to at most \(CSVTable.formatNumber(plan.adoption[0])), or raise the plan's first milestone")
        }
    }

    mutating func portfolio(_ node: Node, specs: [String: ParameterSpec], plans: [PracticeKind: MilestonePlan]) -> Portfolio? {
        guard let m = mapping(node, path: "portfolio") else { return nil }
        checkKeys(m, path: "portfolio", allowed: ["shock_correlation", "weight_by", "organisations"])
        var correlation = 0.5
        if let c = m["shock_correlation"], let x = number(c, path: "portfolio.shock_correlation") {
            if (0...1).contains(x) {
                correlation = x
            } else {
                error(
                    at: c, "portfolio.shock_correlation is \(CSVTable.formatNumber(x)), but it must be between 0 and 1",
                    hint: "1 means one shared economy, 0 independent organisations")
            }
        }
        var weighting = Portfolio.Weighting.spending
        if let w = m["weight_by"], let text = string(w, path: "portfolio.weight_by") {
            if let kind = Portfolio.Weighting(rawValue: text) {
                weighting = kind
            } else {
                error(
                    at: w, "portfolio.weight_by must be `spending` or `service_users`, found `\(text)`",
                    hint: "use spending or service_users")
            }
        }
        guard let orgNode = m["organisations"] else {
            error(at: node, "portfolio needs `organisations`", hint: "list each organisation with its overrides")
            return nil
        }
        guard let orgs = mapping(orgNode, path: "portfolio.organisations") else { return nil }
        var organisations: [Portfolio.Organisation] = []
        for (k, v) in orgs {
            guard budget(k), let name = k.scalar?.string else { continue }
            guard checkNameCharacters(name, at: k, what: "organisation name") else { continue }
            guard !name.isEmpty, name.count <= 100, !name.contains(","), !name.contains(":") else {
                error(at: k, "organisation name `\(name)` must be 1-100 characters without ',' or ':'", hint: "use a short name")
                continue
            }
            let body: Node.Mapping
            if v.null != nil || v.scalar?.string == "" {
                body = Node.Mapping([])
            } else {
                guard let b = mapping(v, path: "portfolio.organisations.\(name)") else { continue }
                body = b
            }
            var users = 1.0
            if let u = body["service_users"], let x = number(u, path: "\(name).service_users") {
                if x > 0 {
                    users = x
                } else {
                    error(at: u, "\(name).service_users must be positive", hint: "give the number of service users")
                }
            }
            if weighting == .serviceUsers, body["service_users"] == nil {
                error(
                    at: k, "organisation \(name) has no service_users, but the portfolio is weighted by service users",
                    hint: "add `service_users: <number>` or use `weight_by: spending`")
            }
            let o = overrides(body, context: "organisation \(name)", specs: specs, reserved: ["service_users"])
            checkStarts(body, overrides: o, plans: plans, context: "organisation \(name)")
            organisations.append(Portfolio.Organisation(name: name, serviceUsers: users, overrides: o, line: k.mark?.line ?? 0))
        }
        if organisations.isEmpty { error(at: orgNode, "portfolio.organisations is empty", hint: "list at least one organisation") }
        if organisations.count > 1000 { error(at: orgNode, "at most 1000 organisations", hint: "split the portfolio") }
        return Portfolio(organisations: organisations, shockCorrelation: correlation, weighting: weighting)
    }

    /// `{history: file.csv, column: name, year_column: year}`.
    mutating func history(_ m: Node.Mapping, node: Node, path: String) -> HistoryReference? {
        var file: String?, column: String?, yearColumn = "year"
        for (k, v) in m {
            guard budget(k), let key = k.scalar?.string else { continue }
            switch key {
            case "history": file = string(v, path: "\(path).history")
            case "column": column = string(v, path: "\(path).column")
            case "year_column": if let y = string(v, path: "\(path).year_column") { yearColumn = y }
            default:
                unknownKey(key, at: k, path: path, candidates: ["history", "column", "year_column"])
            }
        }
        guard let file, !file.isEmpty else {
            error(at: node, "\(path).history must name a CSV file", hint: "write `history: data/series.csv`")
            return nil
        }
        guard let column, !column.isEmpty else {
            error(at: node, "\(path) gives a history but no `column`", hint: "add `column: <name of the value column>`")
            return nil
        }
        let mark = node.mark
        return HistoryReference(
            parameter: path, file: file, column: column, yearColumn: yearColumn,
            line: mark?.line ?? 1, columnInFile: mark?.column ?? 1)
    }

    /// `{coefficients: fit/coefficients.csv, distribution: normal|t, unit: percent|share, df: 30}`.
    mutating func fitPrior(_ node: Node) -> FitPriorReference? {
        guard let m = mapping(node, path: "effects.from_fit") else { return nil }
        var file: String?, form = FitPriorReference.Form.normal, unit = FitPriorReference.Unit.percent, df: Double?
        for (k, v) in m {
            guard budget(k), let key = k.scalar?.string else { continue }
            switch key {
            case "coefficients": file = string(v, path: "effects.from_fit.coefficients")
            case "distribution":
                if let text = string(v, path: "effects.from_fit.distribution") {
                    if let f = FitPriorReference.Form(rawValue: text) {
                        form = f
                    } else {
                        error(
                            at: v, "effects.from_fit.distribution must be `normal` or `t`, found `\(text)`",
                            hint: "use `t` for small samples")
                    }
                }
            case "unit":
                if let text = string(v, path: "effects.from_fit.unit") {
                    if let u = FitPriorReference.Unit(rawValue: text) {
                        unit = u
                    } else {
                        error(
                            at: v, "effects.from_fit.unit must be `percent` or `share`, found `\(text)`",
                            hint: "use `percent` when the response is in percent")
                    }
                }
            case "df":
                if let x = number(v, path: "effects.from_fit.df") {
                    if x > 0 {
                        df = x
                    } else {
                        error(at: v, "effects.from_fit.df must be positive", hint: "use the fit's residual degrees of freedom")
                    }
                }
            default:
                unknownKey(key, at: k, path: "effects.from_fit", candidates: ["coefficients", "distribution", "unit", "df"])
            }
        }
        guard let file, !file.isEmpty else {
            error(at: node, "effects.from_fit needs `coefficients`", hint: "write `coefficients: <fit folder>/coefficients.csv`")
            return nil
        }
        let mark = node.mark
        return FitPriorReference(
            file: file, form: form, unit: unit, degreesOfFreedom: df, line: mark?.line ?? 1, columnInFile: mark?.column ?? 1)
    }
}
