import Foundation
import Yams

/// Warnings about values that are legal but probably not what the author meant, for
/// `govsim validate`. A separate pass over a scenario that loaded without errors: it composes the
/// YAML again only to find the line and column of the key each warning is about.
///
/// - A practice whose target adoption is below its start adoption (at the medians, or in more
///   than 5% of runs).
/// - An uncertain positive quantity whose p95 is more than 10 times its p5 (a range over an
///   order of magnitude often means a unit slip such as 10 for 0.1), unless it is the
///   documented default.
/// - A horizon shorter than the typical realisation lag (its mode, or its mean), so that most
///   benefits would fall after the end of the simulation.
package enum ScenarioLinter {
    /// Largest p95/p5 ratio of an uncertain positive quantity without a warning.
    package static let maximumSpreadRatio = 10.0

    /// The warnings for `scenario`, loaded from `text`; diagnostics name `fileName`.
    package static func warnings(for scenario: Scenario, text: String, fileName: String) -> [Diagnostic] {
        let locator = KeyLocator(text: text)
        var warnings: [Diagnostic] = []
        func warn(_ paths: [String], _ message: String, hint: String) {
            let (line, column) = locator.position(ofFirst: paths)
            warnings.append(Diagnostic(file: fileName, line: line, column: column, severity: .warning, message: message, hint: hint))
        }
        let f = { (x: Double) in Distribution.number(x) }

        for kind in PracticeKind.allCases {
            let prefix = "practices.\(kind.rawValue)"
            let start = scenario["\(prefix).start_adoption"], target = scenario["\(prefix).target_adoption"]
            let startMedian = start.quantile(0.5), targetMedian = target.quantile(0.5)
            let paths = ["\(prefix).target_adoption", "\(prefix).start_adoption", prefix]
            if targetMedian < startMedian {
                warn(
                    paths,
                    "\(prefix).target_adoption (\(target.isFixed ? "" : "median ")\(f(targetMedian))) is below start_adoption (\(start.isFixed ? "" : "median ")\(f(startMedian))): the programme would lower adoption",
                    hint: "raise the target or lower the start adoption")
            } else if target.quantile(0.05) < startMedian {
                warn(
                    paths,
                    "\(prefix).target_adoption is below start_adoption (\(f(startMedian))) in more than 5% of runs (its p5 is \(f(target.quantile(0.05))))",
                    hint: "raise the target's lower end above the start adoption")
            }
        }

        for spec in scenario.specs where locator.contains(spec.path) {
            let d = scenario[spec.path]
            guard !d.isFixed, d.approximatelyEquals(spec.defaultValue) == false else { continue }
            let positive: Bool
            if case .lognormal = d { positive = true } else { positive = d.support.lowerBound > 0 }
            let p5 = d.quantile(0.05), p95 = d.quantile(0.95)
            if positive, p5 > 0, p95 > maximumSpreadRatio * p5 {
                warn(
                    [spec.path],
                    "\(spec.path) spans more than an order of magnitude: its p95 (\(f(p95))) is \(f((p95 / p5 * 10).rounded() / 10)) times its p5 (\(f(p5))) (\(spec.unit))",
                    hint:
                        "check the unit (for example 0.1, not 10, for 10%) or narrow the distribution; ignore this if the spread is intended"
                )
            }
        }

        let lag = scenario["effects.realisation_lag"]
        let typical: Double, what: String
        switch lag {
        case .triangular(_, let mode, _), .pert(_, let mode, _, _): (typical, what) = (mode, "mode")
        case .fixed(let v): (typical, what) = (v, "value")
        default: (typical, what) = (lag.mean, "mean")
        }
        if Double(scenario.horizon) < typical {
            warn(
                ["horizon", "effects.realisation_lag"],
                "horizon is \(scenario.horizon) years, shorter than the realisation lag (\(what) \(f(typical)) years): most benefits would fall after the last simulated year",
                hint: "set horizon to at least \(Int(typical.rounded(.up))), or shorten effects.realisation_lag if benefits come faster")
        }
        return warnings.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}

/// Finds the line and column of a dotted key path in YAML text.
struct KeyLocator {
    let root: Node?

    init(text: String) {
        root = try? Yams.compose(yaml: text)
    }

    /// The key node at `path` (e.g. `practices.customer_focus.target_adoption`), if written.
    func keyNode(_ path: String) -> Node? {
        guard var node = root else { return nil }
        var key: Node? = nil
        for component in path.split(separator: ".") {
            guard let mapping = node.mapping,
                let pair = mapping.first(where: { $0.key.scalar?.string == String(component) })
            else { return nil }
            key = pair.key
            node = pair.value
        }
        return key
    }

    func contains(_ path: String) -> Bool { keyNode(path) != nil }

    /// Line and column of the first of `paths` that is written, else of the top-level mapping.
    func position(ofFirst paths: [String]) -> (Int, Int) {
        for path in paths {
            if let mark = keyNode(path)?.mark { return (mark.line, mark.column) }
        }
        return (root?.mark?.line ?? 1, root?.mark?.column ?? 1)
    }
}
