import GovSimTestSupport
import XCTest

@testable import GovSimEngine

/// Plan variants that replace a practice's milestone plan (`practices.<kind>.curve: {plan: …}` in
/// a variant): loaded, applied by `govsim compare`, and refused with located errors when they
/// contradict themselves.
final class VariantTests: XCTestCase {
    /// Everything fixed (full delivery, no delay), so adoption is the plan itself.
    static let header =
        TestSupport.header + """
            start_year: 2025
            horizon: 6
            runs: 8
            programme_risk:
              full_delivery_probability: 1
              delay: 0
            practices:
              customer_focus:
                start_adoption: 0.1
                curve: {plan: {2026: 0.2, 2028: 0.6}}
              data_as_product:
                start_adoption: 0.05
                curve: {bass: {p: 0.03, q: 0.38}}
                target_adoption: 0.7

            """

    func testAVariantReplacesAPlanAndGivesABassPracticeOne() throws {
        let s = try TestSupport.load(
            Self.header + """
                variants:
                  late:
                    description: a slower customer-focus plan and a plan for data
                    practices.customer_focus.curve: {plan: {2027: 0.15, 2031: 0.9}}
                    practices.data_as_product.curve: {plan: {2026: 0.3}}
                    practices.customer_focus.investment: 30

                """)
        let variant = try XCTUnwrap(s.variants.first)
        XCTAssertEqual(
            variant.plans[.customerFocus], MilestonePlan(years: [2027, 2031], adoption: [0.15, 0.9]), "a plan may run past the horizon")
        XCTAssertEqual(variant.plans[.dataAsProduct], MilestonePlan(years: [2026], adoption: [0.3]))
        XCTAssertEqual(variant.overrides, ["practices.customer_focus.investment": .fixed(30)])

        let (chosen, _) = try ComparisonPlan.variants(of: s, names: ["late"], baseline: nil)
        let late = try XCTUnwrap(chosen.first { $0.name == "late" }?.scenario)
        XCTAssertEqual(late.curves[.dataAsProduct], .plan)
        XCTAssertEqual(late["practices.customer_focus.target_adoption"], .fixed(0.9), "the target is the new plan's last milestone")
        XCTAssertEqual(late["practices.data_as_product.target_adoption"], .fixed(0.3))
        XCTAssertFalse(late.specs.contains { $0.path.hasPrefix("practices.data_as_product.curve.") }, "no Bass coefficients left")
        XCTAssertNil(late.parameters["practices.data_as_product.curve.bass.p"])
        XCTAssertEqual(late.effectiveProgrammeDuration, 6, "the variant's plan sets the programme's duration (2031 − 2025)")
        XCTAssertEqual(s.curves[.dataAsProduct], .bass, "the scenario itself keeps its curve")

        // Adoption follows the variant's plan: linear from 0.1 in 2025 to 0.15 in 2027, then to 0.9 in 2031.
        let own = SimulationEngine(scenario: late, threads: 1).run().summary
        let base = SimulationEngine(scenario: s, threads: 1).run().summary
        let cf = Metric.adoption(.customerFocus), data = Metric.adoption(.dataAsProduct)
        for (t, a) in [(1, 0.125), (2, 0.15), (3, 0.3375), (4, 0.525), (5, 0.7125), (6, 0.9)] {
            XCTAssertEqual(own[cf]![t].p50, a, accuracy: 1e-12, "variant, year \(t)")
        }
        for (t, a) in [(1, 0.2), (2, 0.4), (3, 0.6), (6, 0.6)] {
            XCTAssertEqual(base[cf]![t].p50, a, accuracy: 1e-12, "scenario, year \(t)")
        }
        XCTAssertEqual(own[data]![1].p50, 0.3, accuracy: 1e-12)
        XCTAssertEqual(own[data]![6].p50, 0.3, accuracy: 1e-12)
    }

    func testVariantPlanErrorsAreLocated() {
        let h = Self.header + "variants:\n  late:\n"
        // Line 19 is the variant's first override.
        assertScenarioError(
            h + "    practices.customer_focus.curve: {plan: {2024: 0.2}}\n", line: 19, column: 45,
            contains: ["variants.late.practices.customer_focus.curve.plan: year 2024 is not after start_year 2025"])
        assertScenarioError(
            h + "    practices.customer_focus.curve: {plan: {2027: 0.6, 2028: 0.4}}\n", line: 19, column: 62,
            contains: ["variants.late.practices.customer_focus.curve.plan.2028 is 0.4, below 0.6", "must not fall"])
        assertScenarioError(
            h + "    practices.customer_focus.curve: {bass: {p: 0.03, q: 0.4}}\n", line: 19, column: 37,
            contains: ["a variant can replace a practice's curve only with a milestone plan", "curve.bass.q"])
        assertScenarioError(
            h + "    practices.customer_focus.curve: {plan: {2027: 0.6}}\n    practices.customer_focus.target_adoption: 0.9\n",
            line: 20, column: 5,
            contains: [
                "variant late: practices.customer_focus.target_adoption cannot be given with the variant's milestone plan", "0.6 in 2027",
            ])
        assertScenarioError(
            h + "    practices.data_as_product.curve: {plan: {2027: 0.6}}\n    practices.data_as_product.curve.bass.q: 0.5\n",
            line: 20, column: 5, contains: ["practices.data_as_product.curve.bass.q cannot be given with the variant's milestone plan"])
        assertScenarioError(
            h + "    practices.customer_focus.start_adoption: 0.4\n    practices.customer_focus.curve: {plan: {2027: 0.3}}\n",
            line: 20, column: 37, contains: ["curve.plan starts at 0.3 in 2027, below the start adoption (0.4"])
        assertScenarioError(
            h + "    practices.customer_focus.curv: {plan: {2027: 0.3}}\n", line: 19, column: 5,
            contains: ["unknown parameter `practices.customer_focus.curv`", "did you mean `practices.customer_focus.curve`?"])
    }

    /// A variant or an organisation that starts a practice above its plan's first milestone would
    /// make planned adoption fall (the plan is followed from the start adoption): refused.
    func testStartOverridesAboveAPlanAreRefused() throws {
        assertScenarioError(
            Self.header + "variants:\n  ahead:\n    practices.customer_focus.start_adoption: 0.3\n", line: 19, column: 5,
            contains: [
                "variant ahead: practices.customer_focus.start_adoption (0.3 or more) is above the first milestone of the practice's plan (0.2 in 2026)"
            ])
        let portfolio =
            Self.header
            + "portfolio:\n  organisations:\n    a:\n      baseline.spending: 100\n    b:\n      practices.customer_focus.start_adoption: {uniform: {min: 0.25, max: 0.4}}\n"
        assertScenarioError(
            portfolio, line: 22, column: 7,
            contains: [
                "organisation b: practices.customer_focus.start_adoption (0.25 or more) is above the first milestone", "must not fall",
            ])
        // At the first milestone is fine: the practice holds its level until then.
        XCTAssertNoThrow(try TestSupport.load(Self.header + "variants:\n  ahead:\n    practices.customer_focus.start_adoption: 0.2\n"))
        XCTAssertNoThrow(
            try TestSupport.load(
                Self.header + "variants:\n  ahead:\n    practices.customer_focus.start_adoption: 0.3\n"
                    + "    practices.customer_focus.curve: {plan: {2027: 0.3}}\n"), "a new plan from the new start")
    }

    /// The built-in no-programme variant of a portfolio is business as usual in every
    /// organisation, even one whose own overrides raise a target or a budget (ministry-portfolio's
    /// benefits agency overrides its customer-focus target and investments): no adoption change,
    /// no investment, no run cost in any organisation.
    func testNoProgrammeSwitchesOffEveryOrganisation() throws {
        var s = try ScenarioLoader.load(text: try TestSupport.scenarioText("ministry-portfolio.yaml"), fileName: "m.yaml")
        s.runs = 40
        s.horizon = 8
        let (chosen, _) = try ComparisonPlan.variants(of: s, names: ["no-programme"], baseline: nil)
        let none = try XCTUnwrap(chosen.first { $0.name == Variant.noProgrammeName }?.scenario)
        for o in try XCTUnwrap(none.portfolio).organisations {
            let own = none.applying(o.overrides)
            for kind in PracticeKind.allCases {
                XCTAssertEqual(
                    own["practices.\(kind.rawValue).target_adoption"], own["practices.\(kind.rawValue).start_adoption"], "\(o.name) \(kind)"
                )
            }
        }
        let result = SimulationEngine(scenario: none, threads: 1).run()
        let summaries = [("total", result.summary)] + result.organisationSummaries.map { ($0.0, $0.1) }
        for (name, summary) in summaries {
            for t in 0...s.horizon {
                XCTAssertEqual(summary[.investment]![t].p95, 0, "\(name) year \(t)")
                XCTAssertEqual(summary[.runCost]![t].p95, 0, "\(name) year \(t)")
                for kind in PracticeKind.allCases {
                    let a = summary[Metric.adoption(kind)]!
                    XCTAssertEqual(a[t].p95, a[0].p50, accuracy: 1e-12, "\(name) \(kind) year \(t)")
                    XCTAssertEqual(a[t].p5, a[0].p50, accuracy: 1e-12, "\(name) \(kind) year \(t)")
                }
            }
        }
    }
}
