import GovSimTestSupport
import XCTest

@testable import GovSimEngine

final class HorizonInvarianceTests: XCTestCase {
    /// Acceptance 3 of issue 13: with the appraisal period fixed, lengthening the simulation
    /// horizon beyond the point where every practice has matured changes the mean NPV by less
    /// than 3 Monte Carlo standard errors of each run plus the documented residual-value
    /// approximation bound (``AppraisalSettings/extensionBound(finalBenefit:growth:horizon:)``).
    func testLongerHorizonChangesMeanNPVLessThanErrorPlusBound() {
        func appraise(horizon: Int) -> (runs: [RunAppraisal], scenario: Scenario) {
            var s = TestSupport.reference
            s.runs = 4000  // correlated programme risk widens the NPV: enough runs to see years 31-40 above the noise
            s.horizon = horizon
            s["appraisal.period"] = .fixed(60)
            // The effect switch (issue 14) only adds spread between runs; without it the test keeps
            // its power to see that years 31-40 matter.
            s["effects.no_effect_probability"] = .fixed(0)
            return (AppraisalEvaluator(threads: 2).appraisals(s), s)
        }
        let (short, s) = appraise(horizon: 30)
        let (long, _) = appraise(horizon: 40)
        // Real growth of the benefit stream after the horizon is at most real demand growth plus
        // the excess of the organisation's cost inflation over the GDP deflator.
        let growth = s["baseline.demand_growth"].mean + max(0, s["baseline.inflation"].mean - s["appraisal.gdp_deflator"].mean)
        for key in [\RunAppraisal.financial, \RunAppraisal.economic] {
            func mean(_ runs: [RunAppraisal], _ value: (RunAppraisal.CaseValues) -> Double) -> Double {
                runs.map { value($0[keyPath: key]) }.reduce(0, +) / Double(runs.count)
            }
            let a = QuantileSummary(short.map { $0[keyPath: key].npv }), b = QuantileSummary(long.map { $0[keyPath: key].npv })
            let bound = s.appraisal.extensionBound(finalBenefit: mean(short) { abs($0.finalBenefit) }, growth: growth, horizon: 30)
            let change = abs(b.mean - a.mean)
            XCTAssertLessThan(change, 3 * a.standardError + 3 * b.standardError + bound)
            // Without the extension the difference would be the benefits of years 31–40: far larger.
            let factors = s.appraisal.schedule.factors(through: 40)
            let years31to40 = mean(short) { $0.finalBenefit } * factors[31...40].reduce(0, +)
            XCTAssertGreaterThan(years31to40, 3 * a.standardError + 3 * b.standardError + bound)
        }
    }
}
