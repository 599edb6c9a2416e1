import Foundation
import Yams

/// Reads a scenario from YAML text and validates it against the schema (version 1), reporting
/// every problem as a ``Diagnostic`` with line and column.
///
/// The YAML is composed into a node tree (never decoded blindly) and walked under the control of
/// the schema: only keys the schema knows are visited, each at most once, and the walk stops
/// after ``nodeBudget`` nodes, so alias "bombs" and deeply nested garbage cannot make it expand
/// anything large.
public struct ScenarioLoader {
    /// Name of the file shown in diagnostics.
    public let fileName: String
    /// Largest input accepted, in bytes (scenario files are a few kilobytes).
    public static let maximumBytes = 1 << 20
    /// Largest number of YAML nodes visited.
    public static let nodeBudget = 100_000

    var diagnostics: [Diagnostic] = []
    var visited = 0
    var text = ""

    public init(fileName: String) {
        self.fileName = fileName
    }

    /// Loads and validates a scenario from the bytes of a file.
    public static func load(data: Data, fileName: String) throws -> Scenario {
        var loader = ScenarioLoader(fileName: fileName)
        guard data.count <= maximumBytes else {
            throw ScenarioError([Diagnostic(file: fileName, line: 1, column: 1,
                message: "the file is \(data.count) bytes, larger than the \(maximumBytes)-byte limit for a scenario",
                hint: "check that this is a scenario file; a scenario is a few kilobytes of YAML")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = ScenarioLoader.firstInvalidUTF8(data)
            throw ScenarioError([Diagnostic(file: fileName, line: line, column: column,
                message: "the file is not valid UTF-8 text", hint: "save the scenario as UTF-8")])
        }
        return try loader.load(text: text)
    }

    /// Loads and validates a scenario from YAML text.
    public static func load(text: String, fileName: String) throws -> Scenario {
        var loader = ScenarioLoader(fileName: fileName)
        return try loader.load(text: text)
    }

    mutating func load(text: String) throws -> Scenario {
        self.text = text
        if text.utf8.contains(0) {
            let prefix = text.utf8.prefix { $0 != 0 }
            let line = prefix.filter { $0 == 10 }.count + 1
            throw ScenarioError([Diagnostic(file: fileName, line: line, column: 1,
                message: "the file contains a NUL byte; it looks like binary data, not YAML",
                hint: "check that this is a scenario file")])
        }
        if let problem = ScenarioInputGuard.check(text, fileName: fileName) { throw ScenarioError([problem]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ScenarioError([syntaxDiagnostic(error)])
        } catch {
            throw ScenarioError([Diagnostic(file: fileName, line: 1, column: 1, message: "cannot read YAML: \(error)")])
        }
        guard let root, root.mapping != nil else {
            let mark = root?.mark
            throw ScenarioError([Diagnostic(file: fileName, line: mark?.line ?? 1, column: mark?.column ?? 1,
                message: root == nil ? "the file is empty" : "the scenario must be a mapping of keys to values",
                hint: "start from `govsim init` or scenarios/reference.yaml")])
        }
        let scenario = decode(root)
        if let firstError = diagnostics.first(where: { $0.severity == .error }) {
            _ = firstError
            throw ScenarioError(diagnostics.filter { $0.severity == .error })
        }
        return scenario!
    }

    // MARK: - Walking the document

    static let settingKeys = ["version", "name", "description", "start_year", "horizon", "runs", "seed", "currency", "sampling"]
    static let sectionKeys = ["baseline", "practices", "effects", "spending", "programme_risk", "satisfaction", "budget", "calibration"]
    static let structureKeys = ["variants", "portfolio", "correlations"]

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
                    error(at: node, "name `\(s)` cannot be used as a folder name",
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
            if let kind = SamplingKind(rawValue: s) { scenario.sampling = kind }
            else { error(at: node, "sampling must be random, lhs or sobol, found `\(s)`", hint: "use lhs or sobol for lower Monte Carlo error") }
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
                    if let k = AdoptionCurveKind(rawValue: kindName) { scenario.curves[kind] = k }
                    else { unknownCurve(kindName, at: curveNode) }
                } else if let m = curveNode.mapping {
                    let names = m.keys.compactMap { $0.scalar?.string }
                    if names.count != 1 {
                        error(at: curveNode, "practices.\(kind.rawValue).curve must name exactly one curve, found \(names.count)",
                              hint: "write `curve: {bass: {p: 0.03, q: 0.38}}` or `curve: {logistic: {midpoint: 5, speed: 0.8}}`")
                    } else if let k = AdoptionCurveKind(rawValue: names[0]) {
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
        scenario.fillDefaults()
        if let node = top["variants"] { scenario.variants = variants(node, specs: specByPath, scenario: scenario) }
        if let node = top["portfolio"] { scenario.portfolio = portfolio(node, specs: specByPath) }
        if let node = top["correlations"] { scenario.correlation = correlations(node, scenario: scenario) }
        checkCalibration(scenario, top: top)
        return diagnostics.contains { $0.severity == .error } ? nil : scenario
    }

    mutating func walk(_ node: Node, path: String, specs: [String: ParameterSpec], prefixes: Set<String>, into scenario: inout Scenario) {
        if let spec = specs[path] {
            if HistoryReference.parameters.contains(path), let m = node.mapping, m["history"] != nil {
                if let reference = history(m, node: node, path: path) { scenario.histories.append(reference) }
                return
            }
            if let d = distribution(node, spec: spec) {
                scenario.parameters[path] = d
                scenario.explicitPaths.insert(path)
            }
            return
        }
        // `curve: bass` (a bare kind) has nothing more to read.
        if path.hasSuffix(".curve"), node.scalar != nil { return }
        guard prefixes.contains(path) else { return }
        // `curve: {bass: {}}` or `curve: {bass: }` with defaults only.
        if path.split(separator: ".").count == 4, path.contains(".curve."), node.scalar?.string == "" || node.null != nil { return }
        guard let m = mapping(node, path: path) else { return }
        let children = Set(specs.keys.compactMap { child(of: path, in: $0) } + prefixes.compactMap { child(of: path, in: $0) }
                           + (path == "effects" ? ["from_fit"] : []) + (path == "budget" ? ["sensitivity_rates"] : []))
        var seen: [String: Node] = [:]
        for (keyNode, valueNode) in m {
            guard budget(keyNode) else { return }
            guard let key = keyNode.scalar?.string else {
                error(at: keyNode, "keys must be plain names", hint: "write `name: value`")
                continue
            }
            if let first = seen[key] {
                error(at: keyNode, "duplicate key `\(key)` in \(path) (first given on line \(first.mark?.line ?? 0))",
                      hint: "keep one of the two")
                continue
            }
            seen[key] = keyNode
            let full = "\(path).\(key)"
            if full == "effects.from_fit" {
                scenario.fitPrior = fitPrior(valueNode)
            } else if full == "budget.sensitivity_rates" {
                scenario.sensitivityDiscountRates = rates(valueNode)
            } else if children.contains(key) {
                walk(valueNode, path: full, specs: specs, prefixes: prefixes, into: &scenario)
            } else if path.hasSuffix(".curve"), AdoptionCurveKind(rawValue: key) != nil {
                continue // a curve kind other than the one in effect was already reported
            } else {
                unknownKey(key, at: keyNode, path: path, candidates: children.sorted())
            }
        }
    }

    /// `correlations: {pairs: [[a, b, 0.5], …] | matrix: {names: […], values: [[…], …]}, repair: nearest}`.
    mutating func correlations(_ node: Node, scenario: Scenario) -> CorrelationMatrix? {
        guard let m = mapping(node, path: "correlations") else { return nil }
        checkKeys(m, path: "correlations", allowed: ["pairs", "matrix", "repair"])
        var repair = CorrelationMatrix.Repair.none
        if let r = m["repair"], let text = string(r, path: "correlations.repair") {
            if text == "nearest" { repair = .nearest }
            else if text != "none" { error(at: r, "correlations.repair must be `nearest` or `none`, found `\(text)`", hint: "write `repair: nearest` to use the nearest valid matrix") }
        }
        let uncertain = InputSampler(scenario: scenario).dimensions.map(\.path)
        func checkName(_ name: String, at n: Node) -> Bool {
            if uncertain.contains(name) { return true }
            let known = ParameterCatalog.specs(curves: scenario.curves, spendingTrend: scenario.spendingTrend).map(\.path).contains(name)
            let suggestion = Suggestion.closest(to: name, in: uncertain).map { "did you mean `\($0)`? " } ?? ""
            error(at: n, known ? "correlations: `\(name)` is a fixed number in this scenario, so it cannot be correlated"
                               : "correlations: unknown uncertain input `\(name)`",
                  hint: known ? "give it a distribution, or remove the correlation" : "\(suggestion)correlate uncertain inputs (the columns of runs.csv)")
            return false
        }
        do {
            if let pairsNode = m["pairs"] {
                guard let items = pairsNode.sequence else {
                    error(at: pairsNode, "correlations.pairs must be a list of [input, input, correlation]", hint: "write `- [baseline.inflation, spending.cost_overrun, 0.3]`")
                    return nil
                }
                var pairs: [(String, String, Double)] = []
                var names: [String] = []
                var ok = true
                for item in items.prefix(10_000) {
                    guard budget(item) else { return nil }
                    guard let triple = item.sequence, triple.count == 3, let a = triple[0].scalar?.string, let b = triple[1].scalar?.string else {
                        error(at: item, "each correlation pair must be [input, input, correlation]", hint: "write `- [baseline.inflation, spending.cost_overrun, 0.3]`")
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
                guard let namesNode = mm["names"], let nameItems = namesNode.sequence, let valuesNode = mm["values"], let rows = valuesNode.sequence else {
                    error(at: matrixNode, "correlations.matrix needs `names` (a list) and `values` (a list of rows)", hint: "see docs/scenario-format.md")
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
            if x < -0.05 || x > 0.5 { error(at: item, "discount rate \(CSVTable.formatNumber(x)) is outside -0.05 to 0.5", hint: "write rates as fractions, 0.035 for 3.5%") }
            else { out.append(x) }
        }
        if items.count > 20 { error(at: node, "at most 20 sensitivity rates", hint: "keep the rates you will report") }
        return out
    }

    /// Dotted-path overrides of parameters (for variants and organisations); `reserved` keys are skipped.
    mutating func overrides(_ m: Node.Mapping, context: String, specs: [String: ParameterSpec], reserved: [String]) -> [String: Distribution] {
        var out: [String: Distribution] = [:]
        for (k, v) in m {
            guard budget(k), let key = k.scalar?.string else { continue }
            if reserved.contains(key) { continue }
            if let spec = specs[key] {
                if let d = distribution(v, spec: spec) { out[key] = d }
            } else if ParameterCatalog.allPaths.contains(key) {
                error(at: k, "\(context): `\(key)` is not in effect in this scenario (another adoption curve or spending mode is used)",
                      hint: "override a parameter of the curve the scenario uses")
            } else {
                let suggestion = Suggestion.closest(to: key, in: specs.keys.sorted() + reserved)
                error(at: k, "\(context): unknown parameter `\(key)`",
                      hint: suggestion.map { "did you mean `\($0)`?" } ?? "use a dotted path such as practices.data_as_product.target_adoption (see `govsim parameters`)")
            }
        }
        return out
    }

    mutating func variants(_ node: Node, specs: [String: ParameterSpec], scenario: Scenario) -> [Variant] {
        guard let m = mapping(node, path: "variants") else { return [] }
        var out: [Variant] = []
        for (k, v) in m {
            guard budget(k), let name = k.scalar?.string else { continue }
            guard checkNameCharacters(name, at: k, what: "variant name") else { continue }
            guard !name.isEmpty, name.count <= 100, !name.contains(","), !name.contains("/") else {
                error(at: k, "variant name `\(name)` must be 1-100 characters without ',' or '/'", hint: "use a short name such as fast-rollout")
                continue
            }
            if name == scenario.name {
                error(at: k, "variant `\(name)` has the scenario's own name, which stands for the scenario without overrides",
                      hint: "rename the variant")
                continue
            }
            guard let body = mapping(v, path: "variants.\(name)") else { continue }
            var description = ""
            if let d = body["description"], let text = string(d, path: "variants.\(name).description") { description = text }
            let o = overrides(body, context: "variant \(name)", specs: specs, reserved: ["description"])
            out.append(Variant(name: name, description: description, overrides: o, line: k.mark?.line ?? 0))
        }
        return out
    }

    mutating func portfolio(_ node: Node, specs: [String: ParameterSpec]) -> Portfolio? {
        guard let m = mapping(node, path: "portfolio") else { return nil }
        checkKeys(m, path: "portfolio", allowed: ["shock_correlation", "weight_by", "organisations"])
        var correlation = 0.5
        if let c = m["shock_correlation"], let x = number(c, path: "portfolio.shock_correlation") {
            if (0...1).contains(x) { correlation = x }
            else { error(at: c, "portfolio.shock_correlation is \(CSVTable.formatNumber(x)), but it must be between 0 and 1", hint: "1 means one shared economy, 0 independent organisations") }
        }
        var weighting = Portfolio.Weighting.spending
        if let w = m["weight_by"], let text = string(w, path: "portfolio.weight_by") {
            if let kind = Portfolio.Weighting(rawValue: text) { weighting = kind }
            else { error(at: w, "portfolio.weight_by must be `spending` or `service_users`, found `\(text)`", hint: "use spending or service_users") }
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
            if v.null != nil || v.scalar?.string == "" { body = Node.Mapping([]) } else {
                guard let b = mapping(v, path: "portfolio.organisations.\(name)") else { continue }
                body = b
            }
            var users = 1.0
            if let u = body["service_users"], let x = number(u, path: "\(name).service_users") {
                if x > 0 { users = x } else { error(at: u, "\(name).service_users must be positive", hint: "give the number of service users") }
            }
            if weighting == .serviceUsers, body["service_users"] == nil {
                error(at: k, "organisation \(name) has no service_users, but the portfolio is weighted by service users",
                      hint: "add `service_users: <number>` or use `weight_by: spending`")
            }
            let o = overrides(body, context: "organisation \(name)", specs: specs, reserved: ["service_users"])
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
        return HistoryReference(parameter: path, file: file, column: column, yearColumn: yearColumn,
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
                    if let f = FitPriorReference.Form(rawValue: text) { form = f }
                    else { error(at: v, "effects.from_fit.distribution must be `normal` or `t`, found `\(text)`", hint: "use `t` for small samples") }
                }
            case "unit":
                if let text = string(v, path: "effects.from_fit.unit") {
                    if let u = FitPriorReference.Unit(rawValue: text) { unit = u }
                    else { error(at: v, "effects.from_fit.unit must be `percent` or `share`, found `\(text)`", hint: "use `percent` when the response is in percent") }
                }
            case "df":
                if let x = number(v, path: "effects.from_fit.df") {
                    if x > 0 { df = x } else { error(at: v, "effects.from_fit.df must be positive", hint: "use the fit's residual degrees of freedom") }
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
        return FitPriorReference(file: file, form: form, unit: unit, degreesOfFreedom: df, line: mark?.line ?? 1, columnInFile: mark?.column ?? 1)
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
                error(at: keyNode, "duplicate key `\(key)`\(path.isEmpty ? "" : " in \(path)") (first given on line \(first.mark?.line ?? 0))",
                      hint: "keep one of the two")
            }
            seen[key] = keyNode
            if !allowed.contains(key) { unknownKey(key, at: keyNode, path: path, candidates: allowed) }
        }
    }

    mutating func checkCalibration(_ s: Scenario, top: Node.Mapping) {
        guard let low = s.parameters["calibration.target_low"]?.mean, let high = s.parameters["calibration.target_high"]?.mean else { return }
        if !(low < high) {
            let node = top["calibration"] ?? Node("")
            error(at: node, "calibration.target_low (\(CSVTable.formatNumber(low))) must be below calibration.target_high (\(CSVTable.formatNumber(high)))",
                  hint: "swap the two values")
        }
    }

    // MARK: - Values

    mutating func distribution(_ node: Node, spec: ParameterSpec) -> Distribution? {
        guard budget(node) else { return nil }
        if node.scalar != nil {
            guard let x = number(node, path: spec.path) else { return nil }
            guard spec.allows(x) else {
                error(at: node, "\(spec.path) is \(CSVTable.formatNumber(x)), but it must be \(spec.rangeDescription) (\(spec.unit))",
                      hint: "change it to a value in that range")
                return nil
            }
            return .fixed(x)
        }
        guard let m = node.mapping else {
            error(at: node, "\(spec.path) must be a number or a distribution such as `{uniform: {min: 0.5, max: 0.9}}`",
                  hint: "replace the list with a number")
            return nil
        }
        let names = DistributionSyntax.names
        guard m.count == 1, let (kindNode, paramsNode) = m.first.map({ ($0.key, $0.value) }), let kind = kindNode.scalar?.string else {
            error(at: node, "\(spec.path) must name exactly one distribution (\(names.joined(separator: ", ")))",
                  hint: "write for example `\(spec.path.split(separator: ".").last!): {triangular: {min: 1, mode: 2, max: 4}}`")
            return nil
        }
        guard names.contains(kind) else {
            let suggestion = Suggestion.closest(to: kind, in: names).map { "did you mean `\($0)`? " } ?? ""
            error(at: kindNode, "unknown distribution `\(kind)` for \(spec.path)",
                  hint: "\(suggestion)use one of \(names.joined(separator: ", "))")
            return nil
        }
        if kind != "fixed" && !spec.allowsUncertainty {
            error(at: kindNode, "\(spec.path) must be a plain number, not a distribution", hint: "write a single value")
            return nil
        }
        var syntax = DistributionSyntax(kind: kind, path: spec.path)
        if kind == "fixed" {
            guard let x = number(paramsNode, path: spec.path) else { return nil }
            syntax.values["value"] = x
        } else {
            guard let params = mapping(paramsNode, path: "\(spec.path).\(kind)") else { return nil }
            var seen = Set<String>()
            for (k, v) in params {
                guard budget(k) else { return nil }
                guard let key = k.scalar?.string else { error(at: k, "keys must be plain names", hint: "write `name: value`"); continue }
                if seen.contains(key) { error(at: k, "duplicate key `\(key)` in \(spec.path).\(kind)", hint: "keep one of the two"); continue }
                seen.insert(key)
                guard syntax.accepts(key) else {
                    let allowed = syntax.allowedKeys
                    let suggestion = Suggestion.closest(to: key, in: allowed).map { "did you mean `\($0)`? " } ?? ""
                    error(at: k, "`\(key)` is not a parameter of the \(kind) distribution",
                          hint: "\(suggestion)its parameters are \(allowed.joined(separator: ", "))")
                    continue
                }
                if let x = number(v, path: "\(spec.path).\(kind).\(key)") { syntax.values[key] = x }
            }
        }
        switch syntax.build(spec: spec) {
        case .success(let d): return d
        case .failure(let problem):
            error(at: node, problem.message, hint: problem.hint)
            return nil
        }
    }

    func isNumberTag(_ node: Node) -> Bool {
        guard let s = node.scalar, s.style == .plain else { return false }
        let tag = Resolver.default.resolveTag(of: node)
        return tag == .int || tag == .float
    }

    mutating func number(_ node: Node, path: String) -> Double? {
        guard budget(node) else { return nil }
        guard let s = node.scalar else {
            error(at: node, "\(path) must be a number, not a \(node.mapping != nil ? "mapping" : "list")", hint: "write a single number")
            return nil
        }
        guard isNumberTag(node), let x = Double.construct(from: s) else {
            let quoted = s.style != .plain
            error(at: node, "\(path) must be a number, found \(quoted ? "the quoted text" : "the text") \"\(s.string.prefix(40))\"",
                  hint: quoted ? "remove the quotes" : "write a number such as 0.5 or 1e-3")
            return nil
        }
        guard x.isFinite else {
            error(at: node, "\(path) must be a finite number, found \(s.string)", hint: "write an ordinary number")
            return nil
        }
        return x
    }

    mutating func integer(_ node: Node, path: String, range: ClosedRange<Int>) -> Int? {
        guard let x = number(node, path: path) else { return nil }
        guard x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            error(at: node, "\(path) must be a whole number between \(range.lowerBound) and \(range.upperBound), found \(CSVTable.formatNumber(x))",
                  hint: "change it to a whole number in that range")
            return nil
        }
        return Int(x)
    }

    mutating func string(_ node: Node, path: String) -> String? {
        guard budget(node) else { return nil }
        guard let s = node.scalar else {
            error(at: node, "\(path) must be text", hint: "write it on one line, quoted if it contains ':'")
            return nil
        }
        return s.string
    }

    mutating func mapping(_ node: Node, path: String) -> Node.Mapping? {
        guard budget(node) else { return nil }
        guard let m = node.mapping else {
            let found = node.sequence != nil ? "a list" : "the value \"\(node.scalar?.string.prefix(40) ?? "")\""
            error(at: node, "\(path.isEmpty ? "the scenario" : path) must be a mapping of keys to values, found \(found)",
                  hint: "indent its keys under `\(path.split(separator: ".").last ?? "")`:")
            return nil
        }
        return m
    }

    // MARK: - Diagnostics

    mutating func budget(_ node: Node) -> Bool {
        visited += 1
        if visited == ScenarioLoader.nodeBudget {
            error(at: node, "the scenario has more than \(ScenarioLoader.nodeBudget) YAML nodes (are aliases expanding it?)",
                  hint: "write the scenario without anchors and aliases")
        }
        return visited < ScenarioLoader.nodeBudget && withinDiagnosticLimit(node)
    }

    mutating func error(at node: Node, _ message: String, hint: String? = nil) {
        let mark = node.mark
        diagnostics.append(Diagnostic(file: fileName, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message, hint: hint))
    }

    mutating func unknownKey(_ key: String, at node: Node, path: String, candidates: [String]) {
        let suggestion = Suggestion.closest(to: key, in: candidates)
        let place = path.isEmpty ? "at the top level" : "in \(path)"
        error(at: node, "unknown key `\(key)` \(place)",
              hint: suggestion.map { "did you mean `\($0)`?" } ?? "allowed keys are \(candidates.joined(separator: ", "))")
    }

    mutating func unknownCurve(_ name: String, at node: Node) {
        let kinds = [AdoptionCurveKind.logistic.rawValue, AdoptionCurveKind.bass.rawValue]
        let suggestion = Suggestion.closest(to: name, in: kinds).map { "did you mean `\($0)`? " } ?? ""
        error(at: node, "unknown adoption curve `\(name)`", hint: "\(suggestion)use `bass` or `logistic`")
    }

    func syntaxDiagnostic(_ error: YamlError) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " \(context.text) (line \(context.mark.line))" }
            let hint = problem.contains("tab") ? "indent with spaces, not tabs"
                : "check the indentation and quoting on this line and the one before"
            return Diagnostic(file: fileName, line: mark.line, column: mark.column, message: message, hint: hint)
        case let .reader(problem, offset, _, yaml):
            let (line, column) = ScenarioLoader.lineColumn(ofUTF8Offset: offset ?? 0, in: yaml)
            return Diagnostic(file: fileName, line: line, column: column, message: "cannot read the file: \(problem)",
                              hint: "save the scenario as UTF-8 text without control characters")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.sorted().first ?? ""
            let (line, column, firstLine) = ScenarioLoader.locateDuplicate(key: key, from: context.mark, in: text)
            return Diagnostic(file: fileName, line: line, column: column,
                              message: "duplicate key `\(key)`\(firstLine.map { " (first given on line \($0))" } ?? "")",
                              hint: "keep one of the two")
        default:
            return Diagnostic(file: fileName, line: 1, column: 1, message: "YAML error: \(error)".replacingNewlines())
        }
    }

    /// Finds the second `key:` at the indentation of the mapping that starts at `mark`.
    static func locateDuplicate(key: String, from mark: Mark, in text: String) -> (Int, Int, Int?) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [Int] = []
        var index = mark.line - 1
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if !rest.isEmpty, !rest.hasPrefix("#"), indent < mark.column - 1 { break }
            if indent == mark.column - 1 {
                for candidate in [key + ":", "\"\(key)\":", "'\(key)':"] where rest.hasPrefix(candidate) { found.append(index + 1) }
            }
            index += 1
        }
        if found.count >= 2 { return (found[1], mark.column, found[0]) }
        return (mark.line, mark.column, nil)
    }

    static func lineColumn(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for (i, byte) in text.utf8.enumerated() {
            if i >= offset { break }
            if byte == 10 { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    static func firstInvalidUTF8(_ data: Data) -> (Int, Int) {
        var line = 1, lineStart = 0
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, i - lineStart + 1)
            }
            if i + length > bytes.count { return (line, i - lineStart + 1) }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return (line, i - lineStart + 1) }
            if b == 10 { line += 1; lineStart = i + 1 }
            i += length
        }
        return (line, 1)
    }
}
