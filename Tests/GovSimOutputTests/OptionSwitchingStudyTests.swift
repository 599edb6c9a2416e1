import GovSimTestSupport
import XCTest

@testable import GovSimEngine
@testable import GovSimOutput

final class OptionSwitchingStudyTests: XCTestCase {
    private func reference(runs: Int, horizon: Int? = nil) -> Scenario {
        var s = TestSupport.reference
        s.runs = runs
        if let horizon { s.horizon = horizon }
        return s
    }

    /// The investment scale with a sweep wide enough to contain the switching value.
    private func wideInvestmentScale(_ s: Scenario) -> AppraisalInput {
        let i = AppraisalInput.standard(for: s)[0]
        XCTAssertEqual(i.name, "investment_scale")
        return AppraisalInput(
            name: i.name, unit: i.unit, central: i.central, lower: i.lower, upper: i.upper,
            low: 0.01, high: 20, wholeNumber: false, apply: i.apply)
    }

    /// Against business as usual (NPSV 0 at every value), the switching value between the two
    /// options is the scenario's own NPSV switching value.
    func testAgainstBusinessAsUsualIsTheNPSVSwitchingValue() throws {
        let s = reference(runs: 300)
        let result = ComparisonEngine(variants: [("reference", s)], baselineIndex: 0, threads: 2).run()
        let options = OptionsAppraisal(result)
        let input = wideInvestmentScale(s)
        let study = try XCTUnwrap(OptionSwitchingStudy(result, options: options, inputs: [input], threads: 2))
        XCTAssertEqual(Set([study.preferred, study.runnerUp]), ["reference", Variant.noProgrammeName])
        let own = SwitchingValueStudy(scenario: s, inputs: [input], threads: 2)
        let x = try XCTUnwrap(study.rows[0].switchingValue)
        XCTAssertEqual(x, try XCTUnwrap(own.rows[0].economicSwitch), accuracy: 1e-6)
        // The sweep: mean NPSV of the baseline at low and high, the tornado's bars.
        XCTAssertEqual(study.rows[0].baselineAtLow, own.rows[0].economicAtLow, accuracy: 1e-9 * max(1, abs(own.rows[0].economicAtLow)))
        XCTAssertEqual(study.rows[0].baselineAtHigh, own.rows[0].economicAtHigh, accuracy: 1e-9 * max(1, abs(own.rows[0].economicAtHigh)))
        XCTAssertEqual(study.baselineMean, own.base.economic.mean, accuracy: 1e-9 * max(1, abs(own.base.economic.mean)))
    }

    /// Between two simulated options, re-running both with the input at the reported switching
    /// value gives them equal mean NPSV; an input whose sweep keeps the lead's sign has none.
    func testRerunAtSwitchingValueEqualisesTheTwoOptions() throws {
        let s = reference(runs: 300)
        let plan = try ComparisonPlan.variants(of: s, names: ["fast-rollout", Variant.noProgrammeName], baseline: nil)
        let result = ComparisonEngine(variants: plan.variants, baselineIndex: 0, threads: 2).run()
        let options = OptionsAppraisal(result)
        let narrow = AppraisalInput.standard(for: s)[0]
        let fixed = AppraisalInput(name: "flat", unit: "none", central: 1, lower: 0, upper: 2, low: 0.5, high: 1.5, wholeNumber: false) {
            s, _ in s
        }
        let study = try XCTUnwrap(
            OptionSwitchingStudy(result, options: options, inputs: [wideInvestmentScale(s), fixed, narrow], threads: 2))
        XCTAssertNil(study.rows[1].switchingValue, "an input that changes nothing switches nothing")
        XCTAssertEqual(study.rows[1].differenceAtLow, study.difference, accuracy: 1e-9 * max(1, abs(study.difference)))
        XCTAssertEqual(study.rows[1].baselineAtHigh, study.baselineMean, accuracy: 1e-9 * max(1, abs(study.baselineMean)))
        let p = try XCTUnwrap(plan.variants.first { $0.name == study.preferred }?.scenario)
        let r = try XCTUnwrap(plan.variants.first { $0.name == study.runnerUp }?.scenario)
        let x = try XCTUnwrap(study.rows[0].switchingValue, "the NPSVs differ in investment, so a wide sweep crosses")
        let evaluator = AppraisalEvaluator(threads: 2)
        let gap =
            evaluator.evaluate(wideInvestmentScale(s).applying(x, to: p)).economic.mean
            - evaluator.evaluate(wideInvestmentScale(s).applying(x, to: r)).economic.mean
        XCTAssertEqual(gap, 0, accuracy: 1e-6 * max(1, abs(study.difference)))
        XCTAssertNotEqual((study.rows[0].differenceAtLow < 0), (study.rows[0].differenceAtHigh < 0))
        if let y = study.rows[2].switchingValue {
            XCTAssertTrue((0.75...1.25).contains(y), "searched within the sweep only: \(y)")
        } else {
            XCTAssertEqual(study.rows[2].differenceAtLow < 0, study.rows[2].differenceAtHigh < 0)
        }
    }

    /// A comparison larger than the sweeps' cap sweeps the scenario at the cap's size: every
    /// re-run (the bars, the leads, the root) and the central means are those of the same
    /// options run at that size, and the report says so; at or below the cap nothing changes.
    func testSweepsOfALargeComparisonUseAtMostTheCapsRuns() throws {
        let s = reference(runs: 300, horizon: 3)
        let plan = try ComparisonPlan.variants(of: s, names: ["fast-rollout", Variant.noProgrammeName], baseline: nil)
        let result = ComparisonEngine(variants: plan.variants, baselineIndex: 0, threads: 2).run()
        // The standard investment scale (0.75 to 1.25): few re-runs, so the test stays quick.
        let inputs = [AppraisalInput.standard(for: s)[0]]
        let capped = try XCTUnwrap(
            OptionSwitchingStudy(result, options: OptionsAppraisal(result), inputs: inputs, threads: 2, maximumRuns: 150))
        XCTAssertEqual(capped.runs, 150)
        let whole = try XCTUnwrap(
            OptionSwitchingStudy(result, options: OptionsAppraisal(result), inputs: inputs, threads: 2, maximumRuns: 300))
        XCTAssertEqual(whole.runs, 300)
        XCTAssertEqual(OptionSwitchingStudy(result, options: OptionsAppraisal(result), inputs: inputs, threads: 2)?.runs, 300)
        // The same study of the options re-run at 150 runs (same seed): the same re-runs, bit for bit.
        var small = plan.variants
        for i in small.indices { small[i].scenario.runs = 150 }
        let evaluator = AppraisalEvaluator(threads: 2)
        let at150 = small.map { evaluator.evaluate($0.scenario).economic.mean }
        let base = try XCTUnwrap(small.firstIndex { $0.name == capped.baseline })
        XCTAssertEqual(capped.baselineMean, at150[base])
        let p = small.firstIndex { $0.name == capped.preferred }.map { at150[$0] } ?? 0
        let r = small.firstIndex { $0.name == capped.runnerUp }.map { at150[$0] } ?? 0
        XCTAssertEqual(capped.difference, p - r)
        let low = small.map { evaluator.evaluate(inputs[0].applying(inputs[0].low, to: $0.scenario)).economic.mean }
        XCTAssertEqual(capped.rows[0].baselineAtLow, low[base])
        XCTAssertNotEqual(capped.rows[0].baselineAtLow, whole.rows[0].baselineAtLow, "150 runs are not the comparison's 300")
        var html = MarkupWriter()
        OptionTornadoSection(study: capped, scenario: s).write(into: &html)
        XCTAssertTrue(html.output.contains("use 150 of the comparison"), html.output)
        var wholeHTML = MarkupWriter()
        OptionTornadoSection(study: whole, scenario: s).write(into: &wholeHTML)
        XCTAssertFalse(wholeHTML.output.contains("of the comparison"), wholeHTML.output)
    }

    func testSwitchingTableDoesNotDependOnThreads() throws {
        let s = reference(runs: 1100, horizon: 2)
        let plan = try ComparisonPlan.variants(of: s, names: ["fast-rollout"], baseline: nil)
        func table(_ threads: Int) throws -> String {
            let result = ComparisonEngine(variants: plan.variants, baselineIndex: 0, threads: threads).run()
            // Three inputs keep it quick; two blocks of runs let 3 threads split the work.
            let inputs = Array(AppraisalInput.standard(for: s).prefix(3))
            let study = try XCTUnwrap(OptionSwitchingStudy(result, options: OptionsAppraisal(result), inputs: inputs, threads: threads))
            return OptionsTable.switching(study, scenario: s).render()
        }
        let one = try table(1)
        XCTAssertEqual(one, try table(3))
        XCTAssertTrue(one.hasPrefix("input,unit,central,low,high,baseline,mean_base,"), one)
    }
}
