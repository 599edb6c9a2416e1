extension Scenario {
    /// The scenario as simulated, for the manifest's `resolved_scenario`: every setting, the
    /// adoption-curve kind of each practice, and every parameter in effect (defaults filled in)
    /// as a distribution in the scenario notation of `govsim parameters`
    /// (``ParameterCatalog/describe(_:)``, rounded to 6 decimals for reading; the exact input
    /// is the scenario text recorded beside it), and, when the scenario declares benefit lines,
    /// `benefit_lines`: each line's name, category and driver in file order (their factors are
    /// among the parameters).
    package var resolvedJSON: JSONValue {
        var curves: [String: JSONValue] = [:]
        for kind in PracticeKind.allCases { curves[kind.rawValue] = .string((self.curves[kind] ?? .bass).rawValue) }
        var parameters: [String: JSONValue] = [:]
        for (path, distribution) in self.parameters { parameters[path] = .string(ParameterCatalog.describe(distribution)) }
        var extra: [String: JSONValue] = [:]
        if !benefitLines.isEmpty {
            extra["benefit_lines"] = .array(
                benefitLines.map { (l: BenefitLine) -> JSONValue in
                    var line: [String: JSONValue] = [
                        "name": .string(l.name), "category": .string(l.category.rawValue), "driver": .string(l.driver.rawValue),
                    ]
                    if l.drivers.count > 1 { line["drivers"] = .array(l.drivers.map { .string($0.rawValue) }) }
                    if l.cashReleasing { line["cash_releasing"] = .bool(true) }
                    return .object(line)
                })
        }
        return .object(
            extra.merging([
                "version": .integer(version),
                "name": .string(name),
                "description": .string(description),
                "start_year": .integer(startYear),
                "horizon": .integer(horizon),
                "runs": .integer(runs),
                "seed": .string(String(seed)),
                "currency": .string(currency),
                "curves": .object(curves),
                "parameters": .object(parameters),
            ]) { a, _ in a })
    }
}
