import Yams

/// Decoding of values: distributions, numbers, integers, strings and mappings, each checked
/// against its ``ParameterSpec`` or allowed range, with a diagnostic at the node on failure.
extension ScenarioLoader {
    mutating func distribution(_ node: Node, spec: ParameterSpec) -> Distribution? {
        writtenDistribution(node, spec: spec)?.value
    }

    /// The value at `node` as written (``WrittenDistribution``) and as read, or nil after a
    /// diagnostic.
    mutating func writtenDistribution(_ node: Node, spec: ParameterSpec) -> WrittenDistribution? {
        guard budget(node) else { return nil }
        if let scalar = node.scalar {
            guard let x = number(node, path: spec.path) else { return nil }
            guard spec.allows(x) else {
                error(
                    at: node, "\(spec.path) is \(CSVTable.formatNumber(x)), but it must be \(spec.rangeDescription) (\(spec.unit))",
                    hint: "change it to a value in that range")
                return nil
            }
            return WrittenDistribution(
                kind: nil, parameters: [.init(key: "value", text: WrittenDistribution.numberText(scalar.string, x))], value: .fixed(x))
        }
        guard let m = node.mapping else {
            error(
                at: node, "\(spec.path) must be a number or a distribution such as `{uniform: {min: 0.5, max: 0.9}}`",
                hint: "replace the list with a number")
            return nil
        }
        let names = DistributionSyntax.names
        guard m.count == 1, let (kindNode, paramsNode) = m.first.map({ ($0.key, $0.value) }), let kind = kindNode.scalar?.string else {
            error(
                at: node, "\(spec.path) must name exactly one distribution (\(names.joined(separator: ", ")))",
                hint: "write for example `\(spec.path.split(separator: ".").last!): {triangular: {min: 1, mode: 2, max: 4}}`")
            return nil
        }
        guard names.contains(kind) else {
            let suggestion = Suggestion.closest(to: kind, in: names).map { "did you mean `\($0)`? " } ?? ""
            error(
                at: kindNode, "unknown distribution `\(kind)` for \(spec.path)",
                hint: "\(suggestion)use one of \(names.joined(separator: ", "))")
            return nil
        }
        if kind != "fixed" && !spec.allowsUncertainty {
            error(at: kindNode, "\(spec.path) must be a plain number, not a distribution", hint: "write a single value")
            return nil
        }
        var syntax = DistributionSyntax(kind: kind, path: spec.path)
        var written: [WrittenDistribution.Parameter] = []
        if kind == "fixed" {
            guard let x = number(paramsNode, path: spec.path) else { return nil }
            syntax.values["value"] = x
            written.append(.init(key: "value", text: WrittenDistribution.numberText(paramsNode.scalar?.string ?? "", x)))
        } else {
            guard let params = mapping(paramsNode, path: "\(spec.path).\(kind)") else { return nil }
            var seen = Set<String>()
            for (k, v) in params {
                guard budget(k) else { return nil }
                guard let key = k.scalar?.string else { error(at: k, "keys must be plain names", hint: "write `name: value`"); continue }
                if seen.contains(key) {
                    error(at: k, "duplicate key `\(key)` in \(spec.path).\(kind)", hint: "keep one of the two"); continue
                }
                seen.insert(key)
                guard syntax.accepts(key) else {
                    let allowed = syntax.allowedKeys
                    let suggestion = Suggestion.closest(to: key, in: allowed).map { "did you mean `\($0)`? " } ?? ""
                    error(
                        at: k, "`\(key)` is not a parameter of the \(kind) distribution",
                        hint: "\(suggestion)its parameters are \(allowed.joined(separator: ", "))")
                    continue
                }
                if let x = number(v, path: "\(spec.path).\(kind).\(key)") {
                    syntax.values[key] = x
                    written.append(.init(key: key, text: WrittenDistribution.numberText(v.scalar?.string ?? "", x)))
                }
            }
        }
        switch syntax.build(spec: spec) {
        case .success(let d): return WrittenDistribution(kind: kind, parameters: written, value: d)
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
            error(
                at: node, "\(path) must be a number, found \(quoted ? "the quoted text" : "the text") \"\(s.string.prefix(40))\"",
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
            error(
                at: node,
                "\(path) must be a whole number between \(range.lowerBound) and \(range.upperBound), found \(CSVTable.formatNumber(x))",
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
            error(
                at: node, "\(path.isEmpty ? "the scenario" : path) must be a mapping of keys to values, found \(found)",
                hint: "indent its keys under `\(path.split(separator: ".").last ?? "")`:")
            return nil
        }
        return m
    }
}
