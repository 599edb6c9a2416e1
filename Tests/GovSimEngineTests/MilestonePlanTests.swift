import GovSimTestSupport
import XCTest

@testable import GovSimEngine
@testable import GovSimModel

/// Milestone plans (`curve: {plan: {...}}`): the interpolation contract of ``MilestonePlan`` and
/// the loader's located errors.
final class MilestonePlanTests: XCTestCase {
    /// Linear from the start adoption in the base year, linear between milestones, flat after the
    /// last; progress is the share of the planned increase; 0 before a (delayed) start.
    func testInterpolation() {
        let plan = MilestonePlan(years: [2026, 2027, 2029], adoption: [0.2, 0.5, 0.8])
        XCTAssertEqual(plan.target, 0.8)
        let curve = AdoptionCurve.plan(plan.curve(start: 0.1, startYear: 2025))
        let adoption = { (tau: Double) in 0.1 + 0.7 * curve.progress(tau) }
        XCTAssertEqual(adoption(-1), 0.1, accuracy: 1e-15)
        XCTAssertEqual(adoption(0), 0.1, accuracy: 1e-15)
        XCTAssertEqual(adoption(0.5), 0.15, accuracy: 1e-15, "halfway from the start to the first milestone")
        XCTAssertEqual(adoption(1), 0.2, accuracy: 1e-15)
        XCTAssertEqual(adoption(2), 0.5, accuracy: 1e-15)
        XCTAssertEqual(adoption(3), 0.65, accuracy: 1e-15, "between 2027 and 2029")
        XCTAssertEqual(adoption(4), 0.8, accuracy: 1e-15)
        XCTAssertEqual(adoption(9), 0.8, accuracy: 1e-15, "flat after the last milestone")
        XCTAssertEqual(curve.progress(4), 1)
        // A plan that adds nothing has no progress.
        XCTAssertEqual(AdoptionCurve.plan(MilestonePlan(years: [2026], adoption: [0.3]).curve(start: 0.3, startYear: 2025)).progress(2), 0)
    }

    /// The loader reads the plan, its target is the last milestone, and delivery scales it.
    func testLoadedPlanSetsTheTarget() throws {
        let s = try TestSupport.load(
            TestSupport.header + "practices:\n  customer_focus:\n    curve: {plan: {2026: 0.2, 2027: 0.5, 2029: 0.8}}\n")
        XCTAssertEqual(s.curves[.customerFocus], .plan)
        XCTAssertEqual(s.plans[.customerFocus], MilestonePlan(years: [2026, 2027, 2029], adoption: [0.2, 0.5, 0.8]))
        XCTAssertEqual(s["practices.customer_focus.target_adoption"], .fixed(0.8))
        XCTAssertNil(s.parameters["practices.customer_focus.curve.bass.p"], "no Bass coefficients with a plan")
        XCTAssertEqual(s.effectiveProgrammeDuration, 4)
        var fixed = s
        fixed["programme_risk.full_delivery_probability"] = .fixed(0)
        fixed["programme_risk.shortfall_delivery"] = .fixed(0.5)
        fixed["programme_risk.delay"] = .fixed(1)
        let sampler = InputSampler(scenario: fixed)
        let m = ModelParameters(layout: sampler.layout, values: sampler.values(run: 0))
        let (adoption, _) = RunModel.adoptionPaths(m, years: 6)
        let i = PracticeKind.customerFocus.position
        XCTAssertEqual(adoption[i][1], 0.1, accuracy: 1e-15, "delayed: still at the start")
        XCTAssertEqual(adoption[i][2], 0.1 + 0.5 * (0.2 - 0.1), accuracy: 1e-15, "half of the first milestone's increase, a year late")
        XCTAssertEqual(adoption[i][5], 0.1 + 0.5 * (0.8 - 0.1), accuracy: 1e-15)
    }

    func testPlanErrorsAreLocated() {
        let h = TestSupport.header + "start_year: 2025\nhorizon: 10\npractices:\n  customer_focus:\n"
        assertScenarioError(
            h + "    curve: {plan: {2024: 0.2}}\n", line: 7, column: 20, contains: ["year 2024 is not after start_year 2025"])
        // A plan may run past the horizon: a shorter run simulates its first years.
        XCTAssertNoThrow(try TestSupport.load(h + "    curve: {plan: {2027: 0.2, 2040: 0.6}}\n"))
        assertScenarioError(
            h + "    curve: {plan: {2028: 0.2, 2027: 0.5}}\n", line: 7, column: 31, contains: ["year 2027 comes after 2028", "increase"])
        assertScenarioError(
            h + "    curve: {plan: {2027: 1.2}}\n", line: 7, column: 26, contains: ["curve.plan.2027 is 1.2", "between 0 and 1"])
        assertScenarioError(
            h + "    curve: {plan: {2027: 0.6, 2028: 0.4}}\n", line: 7, column: 37, contains: ["below 0.6", "must not fall"])
        assertScenarioError(h + "    curve: {plan: {2027: \"0.6\"}}\n", line: 7, contains: ["remove the quotes"])
        assertScenarioError(
            h + "    curve: {plna: {2027: 0.6}}\n", line: 7, contains: ["unknown adoption curve `plna`", "did you mean `plan`?"])
        assertScenarioError(h + "    curve: plan\n", line: 7, column: 12, contains: ["a plan needs its milestones"])
        assertScenarioError(h + "    curve: {plan: {}}\n", line: 7, contains: ["plan is empty"])
        assertScenarioError(
            h + "    start_adoption: 0.3\n    curve: {plan: {2027: 0.2}}\n", line: 8, column: 12,
            contains: ["plan starts at 0.2 in 2027, below the start adoption (0.3"])
        assertScenarioError(
            h + "    target_adoption: 0.9\n    curve: {plan: {2027: 0.6}}\n", line: 7, column: 5,
            contains: ["target_adoption cannot be given with a milestone plan", "0.6 in 2027"])
    }
}
