import GovSimTestSupport
import XCTest

@testable import GovSimEngine
@testable import GovSimScenario

final class StarterScenarioTests: XCTestCase {
    func testLoadsRunsAndUsesTheCatalogDefaults() throws {
        let text = StarterScenario.text(name: "my-agency")
        let s = try TestSupport.load(text)
        XCTAssertEqual(s.name, "my-agency")
        let defaults = Scenario(name: "my-agency")
        let defaultPaths = Set(defaults.specs.map(\.path))
        for spec in s.specs {
            XCTAssertTrue(defaultPaths.contains(spec.path), "\(spec.path) is not a parameter of the default scenario")
            guard let kind = PracticeKind.allCases.first(where: { spec.path == "practices.\($0.rawValue).target_adoption" }) else {
                XCTAssertTrue(s[spec.path].approximatelyEquals(defaults[spec.path], tolerance: 1e-8), spec.path)
                continue
            }
            // With a milestone plan the target is the plan's last milestone: the default target's mode.
            guard case .pert(_, let mode, _, _) = defaults[spec.path] else { return XCTFail("\(spec.path): expected a PERT default") }
            XCTAssertEqual(s[spec.path], .fixed(mode), spec.path)
            XCTAssertEqual(s.plans[kind]?.target, mode, kind.rawValue)
        }
        // Every practice has the starter's milestone plan (and no Bass or logistic parameters).
        for kind in PracticeKind.allCases {
            XCTAssertEqual(s.curves[kind], .plan, kind.rawValue)
            let start = defaults["practices.\(kind.rawValue).start_adoption"].mean
            let plan = try XCTUnwrap(s.plans[kind], kind.rawValue)
            XCTAssertEqual(plan.years, [defaults.startYear + 1, defaults.startYear + 3, defaults.startYear + 5], kind.rawValue)
            // Pilot 15%, scale-up 70%, complete 100% of the planned increase, to 0.01.
            for (value, share) in zip(plan.adoption, [0.15, 0.7, 1]) {
                XCTAssertEqual(value, start + share * (plan.target - start), accuracy: 0.005 + 1e-12, kind.rawValue)
            }
        }
        XCTAssertEqual(s.horizon, defaults.horizon)
        XCTAssertEqual(s.currency, defaults.currency)
        var small = s
        small.runs = 50
        XCTAssertEqual(SimulationEngine(scenario: small, threads: 1).run().records.count, 50)
    }

    func testEveryFieldItWritesExists() {
        let paths = Set(ParameterCatalog.specs(curves: ParameterCatalog.defaultCurves).map(\.path))
        for section in StarterScenario.sections {
            for field in section.fields { XCTAssertTrue(paths.contains("\(section.key).\(field)"), "\(section.key).\(field)") }
        }
        for field in StarterScenario.practiceFields { XCTAssertTrue(paths.contains("practices.customer_focus.\(field)"), field) }
    }

    func testIsCommentedAndShort() {
        let lines = StarterScenario.text(name: "x").split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertLessThan(lines.count, 120)
        XCTAssertGreaterThan(lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.count, 20)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 130 })
    }

    func testNames() {
        for good in ["city-council_2.v1", "Région Île-de-France", "a/b", "é"] {
            XCTAssertNil(StarterScenario.problem(withName: good), good)
        }
        for bad in ["", "   ", "a\u{7}b", String(repeating: "x", count: 101)] {
            XCTAssertNotNil(StarterScenario.problem(withName: bad), bad)
        }
    }

    func testAnyNameLoadsAsWritten() throws {
        for name in ["Région Île-de-France", "a: b # c", "\"quoted\" \\ name", "true", "2026", "city-council"] {
            let s = try ScenarioLoader.load(text: StarterScenario.text(name: name), fileName: "x.yaml")
            XCTAssertEqual(s.name, name)
        }
    }

    func testScenarioNotationRoundTrips() throws {
        // Each distribution on a parameter whose allowed range holds it.
        let trend = "baseline.productivity_trend", share = "effects.complementarity", overrun = "spending.cost_overrun"
        let cases: [(String, Distribution)] = [
            (share, .fixed(0.45)), (share, .uniform(min: 0.5, max: 0.9)), (trend, .triangular(min: -0.001, mode: 0.002, max: 0.007)),
            (share, .pert(min: 0.5, mode: 0.8, max: 0.95, lambda: 4)), (share, .pert(min: 0.5, mode: 0.8, max: 0.95, lambda: 6)),
            (trend, .normal(mean: 0.01, sd: 0.005)), (share, .truncatedNormal(mean: 0.5, sd: 0.2, lower: 0.1, upper: 0.9)),
            (overrun, ParameterCatalog.defaultUplift), (overrun, .lognormal(mean: 1.45, sd: 1.2)),
            (share, .beta(alpha: 2, beta: 2, lower: 0, upper: 1)), (share, .beta(alpha: 2, beta: 5, lower: 0.1, upper: 0.6)),
        ]
        for (path, d) in cases {
            let parts = path.split(separator: ".")
            let yaml = TestSupport.header + "\(parts[0]):\n  \(parts[1]): \(d.scenarioNotation)\n"
            let s = try TestSupport.load(yaml)
            XCTAssertTrue(s[path].approximatelyEquals(d, tolerance: 1e-8), d.scenarioNotation)
        }
        XCTAssertEqual(
            Distribution.lognormal(quantile: 0.07, at: 0.05, quantile: 0.15, at: 0.95).scenarioNotation,
            "{lognormal: {p5: 0.07, p95: 0.15}}")
        XCTAssertEqual(Distribution.lognormal(mean: 1.45, sd: 1.2).scenarioNotation, "{lognormal: {mean: 1.45, sd: 1.2}}")
    }
}
