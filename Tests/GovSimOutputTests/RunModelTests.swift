import GovSimTestSupport
import XCTest

@testable import GovSimEngine
@testable import GovSimModel
@testable import GovSimOutput

final class RunModelTests: XCTestCase {
    /// Simulates `runs` runs of `scenario` and returns their trajectories.
    private func trajectories(_ scenario: Scenario, runs: Int = 200) -> [RunTrajectory] {
        let sampler = InputSampler(scenario: scenario)
        return (0..<runs).map { r in
            var t = RunTrajectory(horizon: scenario.horizon)
            let p = ModelParameters(layout: sampler.layout, values: sampler.values(run: UInt64(r)))
            RunModel.simulate(p, stream: RandomStream(seed: scenario.seed, run: UInt64(r)), into: &t)
            return t
        }
    }

    /// One scratch (and one trajectory) reused for many runs, also across horizons and benefit
    /// lines, gives each run exactly the trajectory of a fresh scratch: nothing of an earlier run
    /// leaks into a later one.
    func testAReusedScratchGivesTheFreshResults() throws {
        var short = TestSupport.reference
        short.horizon = 4
        var scratch = RunModel.Scratch()
        for scenario in [TestSupport.reference, short, TestSupport.reference] {
            let sampler = InputSampler(scenario: scenario)
            var reused = RunTrajectory(horizon: scenario.horizon)
            for r in 0..<50 {
                let p = ModelParameters(layout: sampler.layout, values: sampler.values(run: UInt64(r)))
                let shocks = YearlyShocks(stream: RandomStream(seed: scenario.seed, run: UInt64(r)))
                var fresh = RunTrajectory(horizon: scenario.horizon)
                RunModel.simulate(p, shocks: shocks, into: &fresh)
                RunModel.simulate(p, shocks: shocks, into: &reused, scratch: &scratch)
                XCTAssertEqual(reused, fresh, "run \(r), horizon \(scenario.horizon)")
            }
        }
        // The block sampler's reused values vector: the values of each run drawn on its own.
        let sampler = InputSampler(scenario: TestSupport.reference)
        var v = sampler.template
        for r in [0, 1, 1023, 1024, 99_999] {
            sampler.values(run: UInt64(r), into: &v)
            XCTAssertEqual(v, sampler.values(run: UInt64(r)))
        }
    }

    private func withAdoption(start: Double, target: Distribution, _ base: Scenario = TestSupport.reference) -> Scenario {
        var s = base
        for kind in PracticeKind.allCases {
            s["practices.\(kind.rawValue).start_adoption"] = .fixed(start)
            s["practices.\(kind.rawValue).target_adoption"] = target
        }
        return s
    }

    func testZeroAdoptionGivesZeroGainAndZeroInvestment() {
        // No adoption and no business-case costs (build profile, programme team): business as usual.
        let s = withAdoption(start: 0, target: .fixed(0)).applying([
            "investment.build_scale": .fixed(0), "investment.fixed_per_year": .fixed(0),
        ])
        for t in trajectories(s) {
            for year in 0..<t.years {
                XCTAssertEqual(t[.productivityGainPct, year], 0)
                XCTAssertEqual(t[.investment, year], 0)
                XCTAssertEqual(t[.runCost, year], 0)
                XCTAssertEqual(t[.netSavings, year], 0)
                XCTAssertEqual(t[.spending, year], t[.spendingCounterfactual, year])
                XCTAssertEqual(t[.satisfaction, year], t[.satisfactionCounterfactual, year])
            }
        }
    }

    func testHigherTargetAdoptionGivesHigherMedianGain() {
        func medianFinalGain(_ target: Double) -> Double {
            let gains = trajectories(withAdoption(start: 0.1, target: .fixed(target)), runs: 400).map { $0.final(.productivityGainPct) }
            return QuantileSummary(gains).p50
        }
        let low = medianFinalGain(0.4), mid = medianFinalGain(0.7), high = medianFinalGain(0.95)
        XCTAssertLessThan(low, mid)
        XCTAssertLessThan(mid, high)
    }

    func testSatisfactionStaysWithinBoundsEvenWithExtremeNoise() {
        var s = TestSupport.reference
        s["satisfaction.noise_sd"] = .fixed(40)
        s["baseline.satisfaction"] = .fixed(95)
        s["satisfaction.customer_focus_gain"] = .fixed(60)
        for t in trajectories(s, runs: 300) {
            for year in 0..<t.years {
                XCTAssertTrue((0...100).contains(t[.satisfaction, year]))
                XCTAssertTrue((0...100).contains(t[.satisfactionCounterfactual, year]))
            }
        }
    }

    func testSpendingIsPositive() {
        var s = TestSupport.reference
        s["baseline.demand_growth"] = .fixed(-0.3)
        s["baseline.productivity_trend"] = .fixed(0.3)
        s["spending.capture_rate"] = .fixed(1)
        for t in trajectories(s, runs: 100) {
            for year in 0..<t.years {
                XCTAssertGreaterThan(t[.spending, year], 0)
                XCTAssertGreaterThan(t[.spendingCounterfactual, year], 0)
            }
        }
    }

    func testCounterfactualUsesTheSameShocks() {
        // The counterfactual path depends only on the economy and the shocks, never on the
        // programme: two scenarios that differ only in their programme give identical
        // counterfactual paths run by run.
        let base = TestSupport.reference
        let other = withAdoption(start: 0.1, target: .fixed(0.99))
        let a = trajectories(base, runs: 50), b = trajectories(other, runs: 50)
        for (x, y) in zip(a, b) {
            for year in 0..<x.years {
                XCTAssertEqual(x[.productivityIndexCounterfactual, year], y[.productivityIndexCounterfactual, year])
                XCTAssertEqual(x[.spendingCounterfactual, year], y[.spendingCounterfactual, year])
                XCTAssertEqual(x[.satisfactionCounterfactual, year], y[.satisfactionCounterfactual, year])
            }
        }
        // And with the programme, productivity = counterfactual × (1 + gain): shocks are shared.
        for t in a {
            for year in 0..<t.years {
                let ratio = t[.productivityIndex, year] / t[.productivityIndexCounterfactual, year]
                XCTAssertEqual(ratio, 1 + t[.productivityGainPct, year] / 100, accuracy: 1e-12)
            }
        }
    }

    /// The calibration contrast taken from no adoption to full adoption (start 0, target 1, step
    /// curve, no delivery risk or delay), the effect always present.
    static func noneToFull(runs: Int, seed: UInt64) -> Scenario {
        var s = CalibrationStudy.contrastScenario(TestSupport.reference, runs: runs, seed: seed)
        for kind in PracticeKind.allCases {
            s["practices.\(kind.rawValue).start_adoption"] = .fixed(0)
            s["practices.\(kind.rawValue).target_adoption"] = .fixed(1)
        }
        return s
    }

    func testFullMaturedAdoptionGivesTheFullUplift() {
        // Start 0, target 1 in year 1, no risk: after the lag the gain is exactly U·c.
        var s = RunModelTests.noneToFull(runs: 10, seed: 3)
        s["effects.full_adoption_uplift"] = .fixed(0.11)
        s["effects.causal_share"] = .fixed(0.5)
        for t in trajectories(s, runs: 20) {
            XCTAssertEqual(t.final(.productivityGainPct), 5.5, accuracy: 1e-9)
        }
    }

    func testRealisationLagRampsBenefitsLinearly() {
        // A step to full adoption with a lag of 5 years gives 1/5, 2/5, … of the full benefit
        // (without complementarity, J-curve or noise in the ratio).
        var s = RunModelTests.noneToFull(runs: 1, seed: 1)
        s["effects.full_adoption_uplift"] = .fixed(0.10)
        s["effects.realisation_lag"] = .fixed(5)
        s["effects.complementarity"] = .fixed(0)
        s["effects.j_curve_depth"] = .fixed(0)
        let t = trajectories(s, runs: 1)[0]
        for year in 1...6 {
            XCTAssertEqual(t[.productivityGainPct, year], 10 * min(1, Double(year) / 5), accuracy: 1e-9, "year \(year)")
        }
    }

    func testJCurveDipsWhileAdoptionMatures() {
        var s = RunModelTests.noneToFull(runs: 1, seed: 1)
        s["effects.full_adoption_uplift"] = .fixed(0.01)
        s["effects.j_curve_depth"] = .fixed(0.1)
        s["effects.realisation_lag"] = .fixed(5)
        let t = trajectories(s, runs: 1)[0]
        XCTAssertLessThan(t[.productivityGainPct, 1], 0, "a dip in the first year of change")
        XCTAssertGreaterThan(t.final(.productivityGainPct), 0, "gone once matured")
    }

    func testAdoptionCurves() {
        let bass = AdoptionCurve.bass(p: 0.03, q: 0.38)
        XCTAssertEqual(bass.progress(5), 0.33, accuracy: 0.01)  // domain evidence: ~33% by year 5
        XCTAssertEqual(bass.progress(10), 0.81, accuracy: 0.01)  // and ~81% by year 10
        XCTAssertEqual(bass.progress(0), 0)
        let logistic = AdoptionCurve.logistic(midpoint: 5, speed: 0.8)
        XCTAssertEqual(logistic.progress(0), 0)
        XCTAssertLessThan(logistic.progress(4.9), logistic.progress(5.1))
        XCTAssertEqual(logistic.progress(100), 1, accuracy: 1e-12)
        XCTAssertEqual(AdoptionCurve.step.progress(1), 1)
    }

    func testInvestmentTotalsTheBudgetTimesOverrunForACompletedStep() {
        var s = RunModelTests.noneToFull(runs: 1, seed: 1)
        s["spending.cost_overrun"] = .fixed(1.5)
        s["baseline.inflation"] = .fixed(0)
        // The roll-out alone (RunModel+ProgrammeCostsTests checks the other lines).
        for path in ["investment.build_scale", "investment.fixed_per_year", "investment.training", "investment.double_running"] {
            s[path] = .fixed(0)
        }
        let t = trajectories(s, runs: 1)[0]
        let total = (0..<t.years).reduce(0.0) { $0 + t[.investment, $1] }
        XCTAssertEqual(total, (25 + 40 + 20 + 15) * 1.5, accuracy: 1e-9)
    }
}

final class MetricTests: XCTestCase {
    func testIndexIsThePositionInAllCases() {
        for (i, metric) in Metric.allCases.enumerated() { XCTAssertEqual(metric.index, i, metric.rawValue) }
    }

    /// Productivity, savings and satisfaction: higher is better; spending, investment and run
    /// cost: lower; adoption: neither.
    func testEveryMetricKnowsItsDirection() {
        let lower: Set<Metric> = [.spending, .spendingCounterfactual, .spendingReal, .investment, .runCost]
        let neither: Set<Metric> = PracticeKind.allCases.reduce(into: []) { $0.insert(Metric.adoption($1)) }
        for metric in Metric.allCases {
            let expected: MetricDirection = lower.contains(metric) ? .lowerIsBetter : neither.contains(metric) ? .neither : .higherIsBetter
            XCTAssertEqual(metric.direction, expected, metric.rawValue)
        }
        XCTAssertEqual(ComparisonRanking.direction(of: "cumulative_investment"), .lowerIsBetter)
        XCTAssertEqual(ComparisonRanking.direction(of: "npv_net_savings"), .higherIsBetter)
        XCTAssertEqual(MetricDirection.lowerIsBetter.isBetter(-1), true)
        XCTAssertEqual(MetricDirection.higherIsBetter.isBetter(-1), false)
        XCTAssertNil(MetricDirection.neither.isBetter(1))
    }

    func testFractionsBelowAndAboveZero() {
        let q = QuantileSummary([-2, -1, 0, 0, 1, 3, 4, 5])
        XCTAssertEqual(q.fractionNegative, 2.0 / 8)
        XCTAssertEqual(q.fractionPositive, 4.0 / 8)
        let p = ComparisonRanking.probabilityBetter(q, direction: .lowerIsBetter)
        XCTAssertEqual(p, 0.25)
    }
}
