import GovSimTestSupport
import XCTest

@testable import GovSimOutput

/// Issue 14, item 4: the effect prior is calibrated to what the 7–15% finding measures (leaders
/// against peers), and it can fail (uncertain causal share, a chance of no effect).
final class CalibrationStudyTests: XCTestCase {
    /// The mapping is exact: the default prior's p5 and p95 of U give a leader-versus-peer gap of
    /// exactly 7% and 15% (U is increasing in the gap, so quantiles map one to one).
    func testDefaultUpliftMapsOntoTheLeaderPeerGapQuantiles() {
        let u = ParameterCatalog.defaultUplift
        func gap(_ x: Double) -> Double { (1 + x * 0.9) / (1 + x * 0.3) - 1 }
        XCTAssertEqual(gap(u.quantile(0.05)), 0.07, accuracy: 1e-12)
        XCTAssertEqual(gap(u.quantile(0.95)), 0.15, accuracy: 1e-12)
        XCTAssertEqual(ParameterCatalog.uplift(forGap: 0.1, leader: 0.9, peer: 0.3)!, 0.1 / (0.6 - 0.03), accuracy: 1e-15)
        XCTAssertNil(ParameterCatalog.uplift(forGap: 0.1, leader: 0.3, peer: 0.3), "leader must be above peer")
        XCTAssertNil(ParameterCatalog.uplift(forGap: 3, leader: 0.9, peer: 0.3), "no uplift gives a gap ≥ (leader − peer)/peer")
        // A scenario's own calibration interval and adoption levels move the default.
        let s = try! TestSupport.load(TestSupport.header + "effects:\n  leader_adoption: 1\n  peer_adoption: 0\n")
        XCTAssertEqual(s["effects.full_adoption_uplift"].quantile(0.05), 0.07, accuracy: 1e-12, "leader 1 vs peer 0: U is the gap")
    }

    /// The contrast is leader against peer with the causal share and the effect switch off.
    func testContrastIsLeaderAgainstPeerWithTheEffectSwitchedOn() {
        let c = CalibrationStudy.contrastScenario(TestSupport.reference, runs: 10, seed: 1)
        for kind in PracticeKind.allCases {
            XCTAssertEqual(c["practices.\(kind.rawValue).start_adoption"], .fixed(0.3))
            XCTAssertEqual(c["practices.\(kind.rawValue).target_adoption"], .fixed(0.9))
        }
        XCTAssertEqual(c["effects.causal_share"], .fixed(1))
        XCTAssertEqual(c["effects.no_effect_probability"], .fixed(0))
        XCTAssertFalse(InputSampler(scenario: c).dimensions.contains { $0.path == InputLayout.effectPresentPath })
    }

    /// Calibrate verifies the mapping of the prior, not the effect: the causal share and the
    /// no-effect probability, which the finding cannot identify, leave the result unchanged
    /// (same seed, so identical draws of every other input).
    func testCausalShareAndNoEffectDoNotMoveTheCalibration() {
        let a = CalibrationStudy.run(TestSupport.reference, runs: 400, seed: 3, threads: 2)
        let s = TestSupport.reference.applying(["effects.causal_share": .fixed(0.2), "effects.no_effect_probability": .fixed(0.6)])
        let b = CalibrationStudy.run(s, runs: 400, seed: 3, threads: 2)
        XCTAssertEqual(a.p5, b.p5)
        XCTAssertEqual(a.p95, b.p95)
        // The uplift does move it: twice the prior, a wider gap.
        let c = CalibrationStudy.run(
            TestSupport.reference.applying([
                "effects.full_adoption_uplift": TestSupport.reference["effects.full_adoption_uplift"].scaled(by: 2)
            ]),
            runs: 400, seed: 3, threads: 2)
        XCTAssertGreaterThan(c.p95, a.p95 + 5)
    }

    /// The effect switch's quantile function: 0 on (0, p], 1 above.
    func testEffectSwitchIsZeroWithTheNoEffectProbability() {
        let d = InputDimension(path: InputLayout.effectPresentPath, transform: .effectSwitch(none: 0.15))
        XCTAssertEqual(d.value(0.1499), 0)
        XCTAssertEqual(d.value(0.15), 0)
        XCTAssertEqual(d.value(0.1501), 1)
        var m = ModelParameters(
            layout: InputSampler(scenario: TestSupport.reference).layout,
            values: InputSampler(scenario: TestSupport.reference).values(run: 0))
        m.effectPresent = 0
        m.jCurveDepth = 0
        var t = RunTrajectory(horizon: m.horizon)
        RunModel.simulate(m, stream: RandomStream(seed: 1, run: 0), into: &t)
        for year in 0...m.horizon { XCTAssertEqual(t[.productivityGainPct, year], 0, accuracy: 1e-12, "no effect, no J-curve: no gain") }
    }

    /// Acceptance 3: the reference run has P(final-year productivity gain ≤ 0) > 0 and reports it.
    /// The no-effect share alone is 0.15; with 2000 runs its binomial s.e. is 0.008, so the share of
    /// runs without a gain is above 0.15 − 4 s.e. (a shortfall or J-curve adds to it).
    func testReferenceRunCanFailAndReportsIt() {
        var s = TestSupport.reference
        s.runs = 2000
        let result = SimulationEngine(scenario: s, threads: 2).run()
        let p = BudgetTable.probabilityOfNoGain(result.budgets)
        XCTAssertGreaterThan(p, 0.15 - 4 * (0.15 * 0.85 / 2000).squareRoot())
        XCTAssertLessThan(p, 0.5)
        XCTAssertTrue(result.inputNames.contains(InputLayout.effectPresentPath))
        let budget = BudgetTable.make(result).render()
        XCTAssertTrue(budget.contains("reference,final_productivity_gain_pct,prob_nonpositive,\(CSVTable.formatNumber(p))"), budget)
        XCTAssertTrue(TerminalSummary.render(result).contains("Chance of no productivity gain in 2040 (final-year gain ≤ 0): "))
    }

    func testLeaderMustBeAbovePeer() {
        let d = TestSupport.diagnostics(TestSupport.header + "effects:\n  leader_adoption: 0.3\n  peer_adoption: 0.5\n")
        XCTAssertEqual(d.count, 1, "\(d)")
        XCTAssertTrue(d.first?.message.contains("effects.leader_adoption (0.3) must be above effects.peer_adoption (0.5)") ?? false, "\(d)")
        let e = TestSupport.diagnostics(TestSupport.header + "effects:\n  leader_adoption: 0.55\n  peer_adoption: 0.5\n")
        XCTAssertTrue(e.first?.message.contains("no full-adoption uplift gives a leader-versus-peer gap of 0.15") ?? false, "\(e)")
    }
}
