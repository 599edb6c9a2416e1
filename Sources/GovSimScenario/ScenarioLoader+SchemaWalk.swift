import Yams

/// Walking the document under the control of the schema: the top-level keys, the parameter
/// sections (every key checked against ``ParameterCatalog``), and cross-field checks.
extension ScenarioLoader {
    static let settingKeys = ["version", "name", "description", "start_year", "horizon", "runs", "seed", "currency", "sampling"]
    static let sectionKeys = [
        "baseline", "practices", "effects", "spending", "investment", "programme_risk", "satisfaction", "budget", "appraisal",
        "calibration",
    ]
    static let structureKeys = ["variants", "portfolio", "correlations", "benefits"]

    mutating func decode(_ root: Node) -> Scenario? {
        guard let top = mapping(root, path: "") else { return nil }
        var scenario = Scenario(name: "scenario")
        scenario.parameters = [:]

        if let node = top["version"] {
            if let v = integer(node, path: "version", range: 1...1) { scenario.version = v }
        } else {
            error(at: root, "the scenario has no `version`", hint: "add `version: 1` as the first line")
        }
        if let node = top["name"] {
            if let s = string(node, path: "name"), checkNameCharacters(s, at: node, what: "the scenario name") {
                if s.isEmpty || s.contains("/") || s.hasPrefix(".") || s.count > 100 {
                    error(
                        at: node, "name `\(s)` cannot be used as a folder name",
                        hint: "use letters, digits, '-' or '_', at most 100 characters, no '/'")
                } else {
                    scenario.name = s
                }
            }
        } else {
            error(at: root, "the scenario has no `name`", hint: "add a line such as `name: my-agency`")
        }
        if let node = top["description"], let s = string(node, path: "description") { scenario.description = s }
        if let node = top["currency"], let s = string(node, path: "currency") { scenario.currency = s }
        if let node = top["sampling"], let s = string(node, path: "sampling") {
            if let kind = SamplingKind(rawValue: s) {
                scenario.sampling = kind
            } else {
                error(at: node, "sampling must be random, lhs or sobol, found `\(s)`", hint: "use lhs or sobol for lower Monte Carlo error")
            }
        }
        if let node = top["start_year"], let v = integer(node, path: "start_year", range: 1900...2500) { scenario.startYear = v }
        if let node = top["horizon"], let v = integer(node, path: "horizon", range: 1...200) { scenario.horizon = v }
        if let node = top["runs"], let v = integer(node, path: "runs", range: 1...100_000_000) { scenario.runs = v }
        if let node = top["seed"] {
            if let s = node.scalar, isNumberTag(node), let v = UInt64(s.string) {
                scenario.seed = v
            } else {
                error(at: node, "seed must be a whole number between 0 and 18446744073709551615", hint: "write for example `seed: 42`")
            }
        }

        // Curve kinds come first: they decide which parameters exist.
        if let practicesNode = top["practices"], let practices = practicesNode.mapping {
            for kind in PracticeKind.allCases {
                guard let p = practices[kind.rawValue]?.mapping, let curveNode = p["curve"] else { continue }
                if let kindName = curveNode.scalar?.string, curveNode.mapping == nil {
                    if kindName == AdoptionCurveKind.plan.rawValue {
                        error(
                            at: curveNode, "practices.\(kind.rawValue).curve: a plan needs its milestones",
                            hint:
                                "write `curve: {plan: {\(scenario.startYear + 1): 0.2, \(scenario.startYear + 3): 0.6}}` (planned adoption by year)"
                        )
                    } else if let k = AdoptionCurveKind(rawValue: kindName), k != .step {
                        scenario.curves[kind] = k
                    } else {
                        unknownCurve(kindName, at: curveNode)
                    }
                } else if let m = curveNode.mapping {
                    let names = m.keys.compactMap { $0.scalar?.string }
                    if names.count != 1 {
                        error(
                            at: curveNode, "practices.\(kind.rawValue).curve must name exactly one curve, found \(names.count)",
                            hint: "write `curve: {bass: {p: 0.03, q: 0.38}}` or `curve: {logistic: {midpoint: 5, speed: 0.8}}`")
                    } else if names[0] == AdoptionCurveKind.plan.rawValue, let plansNode = m.first?.value {
                        scenario.curves[kind] = .plan
                        if let plan = milestonePlan(plansNode, kind: kind, scenario: scenario) { scenario.plans[kind] = plan }
                    } else if let k = AdoptionCurveKind(rawValue: names[0]), k != .step {
                        scenario.curves[kind] = k
                    } else {
                        unknownCurve(names[0], at: m.keys.first!)
                    }
                }
            }
        }

        // Spending follows a trend when the file gives `baseline.spending_trend` or a spending history.
        if let baseline = top["baseline"]?.mapping {
            scenario.spendingTrend = baseline["spending_trend"] != nil || baseline["spending"]?.mapping?["history"] != nil
        }
        let specs = ParameterCatalog.specs(curves: scenario.curves, spendingTrend: scenario.spendingTrend)
        let specByPath = Dictionary(uniqueKeysWithValues: specs.map { ($0.path, $0) })
        var prefixes = Set<String>()
        for spec in specs {
            var parts = spec.path.split(separator: ".").map(String.init)
            parts.removeLast()
            while !parts.isEmpty { prefixes.insert(parts.joined(separator: ".")); parts.removeLast() }
        }

        checkKeys(top, path: "", allowed: ScenarioLoader.settingKeys + ScenarioLoader.sectionKeys + ScenarioLoader.structureKeys)
        for section in ScenarioLoader.sectionKeys {
            guard let node = top[section] else { continue }
            walk(node, path: section, specs: specByPath, prefixes: prefixes, into: &scenario)
        }
        if let node = top["benefits"] { benefitLines(node, into: &scenario) }
        checkPlanTargets(scenario, top: top)
        scenario.fillDefaults()
        var variantSpecs = specByPath
        for spec in scenario.benefitLines.flatMap(\.specs) { variantSpecs[spec.path] = spec }
        if let node = top["variants"] { scenario.variants = variants(node, specs: variantSpecs, scenario: scenario) }
        if let node = top["portfolio"] {
            scenario.portfolio = portfolio(node, specs: specByPath, plans: scenario.plans)
            if !scenario.benefitLines.isEmpty, let first = top.keys.first(where: { $0.scalar?.string == "benefits" }) {
                error(
                    at: first, "benefit lines cannot be combined with a portfolio yet",
                    hint: "appraise the organisations one at a time, or remove `benefits:`")
            }
        }
        if let node = top["correlations"] { scenario.correlation = correlations(node, scenario: scenario) }
        addProgrammeRiskCorrelation(&scenario, top: top)
        checkProgrammeDuration(scenario, top: top)
        checkCalibration(scenario, top: top)
        return diagnostics.contains { $0.severity == .error } ? nil : scenario
    }

    mutating func walk(_ node: Node, path: String, specs: [String: ParameterSpec], prefixes: Set<String>, into scenario: inout Scenario) {
        if let spec = specs[path] {
            if HistoryReference.parameters.contains(path), let m = node.mapping, m["history"] != nil {
                if let reference = history(m, node: node, path: path) { scenario.histories.append(reference) }
                return
            }
            if let w = writtenDistribution(node, spec: spec) {
                scenario.parameters[path] = w.value
                scenario.writtenForms[path] = w
                scenario.explicitPaths.insert(path)
            }
            return
        }
        // `curve: bass` (a bare kind) has nothing more to read; a plan was read with the curve kinds.
        if path.hasSuffix(".curve"), node.scalar != nil || scenario.plans.keys.contains(where: { path == "practices.\($0.rawValue).curve" })
        {
            return
        }
        guard prefixes.contains(path) else { return }
        // `curve: {bass: {}}` or `curve: {bass: }` with defaults only.
        if path.split(separator: ".").count == 4, path.contains(".curve."), node.scalar?.string == "" || node.null != nil { return }
        guard let m = mapping(node, path: path) else { return }
        let children = Set(
            specs.keys.compactMap { child(of: path, in: $0) } + prefixes.compactMap { child(of: path, in: $0) }
                + (path.hasPrefix("practices.") && path.split(separator: ".").count == 2 ? ["curve"] : [])
                + (path == "effects" ? ["from_fit"] : []) + (path == "investment" ? ["profile", "duration"] : [])
                + (path == "budget" ? ["sensitivity_rates"] : []) + (path == "appraisal" ? ["discounting"] : []))
        var seen: [String: Node] = [:]
        for (keyNode, valueNode) in m {
            guard budget(keyNode) else { return }
            guard let key = keyNode.scalar?.string else {
                error(at: keyNode, "keys must be plain names", hint: "write `name: value`")
                continue
            }
            if let first = seen[key] {
                error(
                    at: keyNode, "duplicate key `\(key)` in \(path) (first given on line \(first.mark?.line ?? 0))",
                    hint: "keep one of the two")
                continue
            }
            seen[key] = keyNode
            let full = "\(path).\(key)"
            if full == "effects.from_fit" {
                scenario.fitPrior = fitPrior(valueNode)
            } else if full == "appraisal.discounting" {
                if let text = string(valueNode, path: full) {
                    if let kind = DiscountSchedule.Kind(rawValue: text) {
                        scenario.discounting = kind
                    } else {
                        error(
                            at: valueNode, "appraisal.discounting must be green_book or flat, found `\(text)`",
                            hint:
                                "write `discounting: green_book` (declining STPR) or `discounting: flat` (budget.discount_rate every year)")
                    }
                }
            } else if full == "investment.profile" {
                if let points = yearMapping(
                    valueNode, path: full, startYear: scenario.startYear, horizon: scenario.horizon,
                    values: 0...Double.infinity, unit: "currency, base-year prices", nonDecreasing: false,
                    example: "profile: {\(scenario.startYear + 1): 3.0, \(scenario.startYear + 2): 2.0}")
                {
                    scenario.buildProfile = Dictionary(uniqueKeysWithValues: points.map { ($0.year, $0.value) })
                }
            } else if full == "investment.duration" {
                if let years = integer(valueNode, path: full, range: 1...500) { scenario.programmeDuration = years }
            } else if full == "budget.sensitivity_rates" {
                scenario.sensitivityDiscountRates = rates(valueNode)
            } else if children.contains(key) {
                walk(valueNode, path: full, specs: specs, prefixes: prefixes, into: &scenario)
            } else if path.hasSuffix(".curve"), AdoptionCurveKind(rawValue: key) != nil {
                continue  // a curve kind other than the one in effect was already reported
            } else {
                unknownKey(key, at: keyNode, path: path, candidates: children.sorted())
            }
        }
    }

    func child(of prefix: String, in path: String) -> String? {
        guard path.hasPrefix(prefix + ".") else { return nil }
        return path.dropFirst(prefix.count + 1).split(separator: ".").first.map(String.init)
    }

    mutating func checkKeys(_ m: Node.Mapping, path: String, allowed: [String]) {
        var seen: [String: Node] = [:]
        for keyNode in m.keys {
            guard budget(keyNode) else { return }
            guard let key = keyNode.scalar?.string else {
                error(at: keyNode, "keys must be plain names", hint: "write `name: value`")
                continue
            }
            if let first = seen[key] {
                error(
                    at: keyNode,
                    "duplicate key `\(key)`\(path.isEmpty ? "" : " in \(path)") (first given on line \(first.mark?.line ?? 0))",
                    hint: "keep one of the two")
            }
            seen[key] = keyNode
            if !allowed.contains(key) { unknownKey(key, at: keyNode, path: path, candidates: allowed) }
        }
    }

    /// With a milestone plan the target adoption is the last milestone: a `target_adoption` beside
    /// it would contradict the plan.
    mutating func checkPlanTargets(_ s: Scenario, top: Node.Mapping) {
        for (kind, plan) in s.plans.sorted(by: { $0.key < $1.key }) {
            let start =
                s.parameters["practices.\(kind.rawValue).start_adoption"]
                ?? ParameterCatalog.practice(kind, curve: .plan).first { $0.path.hasSuffix(".start_adoption") }?.defaultValue
            if let start, start.support.lowerBound > plan.adoption[0],
                let node = top["practices"]?.mapping?[kind.rawValue]?.mapping?["curve"]
            {
                error(
                    at: node,
                    "practices.\(kind.rawValue).curve.plan starts at \(CSVTable.formatNumber(plan.adoption[0])) in \(plan.years[0]), below the start adoption (\(CSVTable.formatNumber(start.support.lowerBound)) or more); planned adoption must not fall",
                    hint: "raise the first milestone to at least the start adoption, or lower start_adoption")
            }
            guard
                let node = top["practices"]?.mapping?[kind.rawValue]?.mapping?.first(where: { $0.key.scalar?.string == "target_adoption" })?
                    .key
            else { continue }
            error(
                at: node,
                "practices.\(kind.rawValue).target_adoption cannot be given with a milestone plan: the target is the plan's last milestone (\(CSVTable.formatNumber(plan.target)) in \(plan.lastYear))",
                hint: "remove target_adoption, or change the plan's last milestone")
        }
    }

    mutating func checkCalibration(_ s: Scenario, top: Node.Mapping) {
        guard let low = s.parameters["calibration.target_low"]?.mean, let high = s.parameters["calibration.target_high"]?.mean else {
            return
        }
        if !(low < high) {
            let node = top["calibration"] ?? Node("")
            error(
                at: node,
                "calibration.target_low (\(CSVTable.formatNumber(low))) must be below calibration.target_high (\(CSVTable.formatNumber(high)))",
                hint: "swap the two values")
        }
        // The uplift's default needs leader > peer and a gap below (leader − peer)/peer (ParameterCatalog.uplift(forGap:)).
        let leader = s.parameters["effects.leader_adoption"]?.mean ?? ParameterCatalog.defaultLeaderAdoption
        let peer = s.parameters["effects.peer_adoption"]?.mean ?? ParameterCatalog.defaultPeerAdoption
        let node = top["effects"] ?? top["calibration"] ?? Node("")
        if !(leader > peer) {
            error(
                at: node,
                "effects.leader_adoption (\(CSVTable.formatNumber(leader))) must be above effects.peer_adoption (\(CSVTable.formatNumber(peer)))",
                hint: "the calibration finding compares leaders with their peers; give the leader the higher adoption")
        } else if low < high, ParameterCatalog.uplift(forGap: high, leader: leader, peer: peer) == nil {
            error(
                at: node,
                "no full-adoption uplift gives a leader-versus-peer gap of \(CSVTable.formatNumber(high)) at adoption \(CSVTable.formatNumber(leader)) vs \(CSVTable.formatNumber(peer)) (the gap must stay below (leader − peer)/peer)",
                hint: "lower effects.peer_adoption, raise effects.leader_adoption or lower calibration.target_high")
        }
    }
}
