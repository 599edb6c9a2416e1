import Yams

/// Placing diagnostics: the node budget, errors at a node's line and column, unknown keys and
/// curves with suggestions, and YAML syntax errors (including duplicate keys) mapped back to the
/// text.
extension ScenarioLoader {
    mutating func budget(_ node: Node) -> Bool {
        visited += 1
        if visited == ScenarioLoader.nodeBudget {
            error(
                at: node, "the scenario has more than \(ScenarioLoader.nodeBudget) YAML nodes (are aliases expanding it?)",
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
        error(
            at: node, "unknown key `\(key)` \(place)",
            hint: suggestion.map { "did you mean `\($0)`?" } ?? "allowed keys are \(candidates.joined(separator: ", "))")
    }

    mutating func unknownCurve(_ name: String, at node: Node) {
        let kinds = [AdoptionCurveKind.logistic.rawValue, AdoptionCurveKind.bass.rawValue, AdoptionCurveKind.plan.rawValue]
        let suggestion = Suggestion.closest(to: name, in: kinds).map { "did you mean `\($0)`? " } ?? ""
        error(at: node, "unknown adoption curve `\(name)`", hint: "\(suggestion)use `plan`, `bass` or `logistic`")
    }

    func syntaxDiagnostic(_ error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " \(context.text) (line \(context.mark.line))" }
            let hint =
                problem.contains("tab")
                ? "indent with spaces, not tabs"
                : "check the indentation and quoting on this line and the one before"
            return Diagnostic(file: fileName, line: mark.line, column: mark.column, message: message, hint: hint)
        case .reader(let problem, let offset, _, let yaml):
            let (line, column) = ScenarioLoader.lineColumn(ofUTF8Offset: offset ?? 0, in: yaml)
            return Diagnostic(
                file: fileName, line: line, column: column, message: "cannot read the file: \(problem)",
                hint: "save the scenario as UTF-8 text without control characters")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.sorted().first ?? ""
            let (line, column, firstLine) = ScenarioLoader.locateDuplicate(key: key, from: context.mark, in: text)
            return Diagnostic(
                file: fileName, line: line, column: column,
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
}
