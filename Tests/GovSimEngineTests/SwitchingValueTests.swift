import GovSimTestSupport
import XCTest

@testable import GovSimEngine

final class SwitchingValueTests: XCTestCase {
    private func reference(runs: Int) -> Scenario {
        var s = TestSupport.reference
        s.runs = runs
        return s
    }

    /// Acceptance 2 of issue 13: re-running with an input at its reported switching value gives a
    /// mean NPV within 3 Monte Carlo standard errors of 0 (investment scale, capture rate and an
    /// uncertain input, the effect size).
    func testRerunAtSwitchingValueGivesZeroMeanNPV() {
        let s = reference(runs: 600)
        let inputs = AppraisalInput.standard(for: s).filter {
            ["investment_scale", "spending.capture_rate", "effects.full_adoption_uplift"].contains($0.name)
        }
        XCTAssertEqual(inputs.count, 3)
        let study = SwitchingValueStudy(scenario: s, inputs: inputs, threads: 2)
        let evaluator = AppraisalEvaluator(threads: 2)
        for (input, row) in zip(inputs, study.rows) {
            guard let x = row.financialSwitch else { return XCTFail("no financial switching value for \(row.input)") }
            let e = evaluator.evaluate(input.applying(x, to: s))
            XCTAssertLessThan(abs(e.financial.mean), 3 * e.financial.standardError, "\(row.input) at \(x)")
            XCTAssertNotEqual(x, row.central, "\(row.input)")
        }
        // The NPSV counts the whole freed staff time, so it does not depend on the capture rate.
        XCTAssertNil(study.rows[1].economicSwitch)
        XCTAssertNotNil(study.rows[0].economicSwitch)
    }

    func testInvestmentSwitchIsExactBecauseNPVIsLinearInIt() {
        // Mean NPV = B − k·I − R: the switching value of the investment scale is (B − R) / I.
        let s = reference(runs: 300)
        let input = AppraisalInput.standard(for: s)[0]
        XCTAssertEqual(input.name, "investment_scale")
        let study = SwitchingValueStudy(scenario: s, inputs: [input], threads: 1)
        let runs = AppraisalEvaluator(threads: 1).appraisals(s)
        let n = Double(runs.count)
        let b = runs.map(\.financial.benefits).reduce(0, +) / n
        let i = runs.map(\.financial.investment).reduce(0, +) / n
        let r = runs.map(\.financial.runCost).reduce(0, +) / n
        XCTAssertEqual(study.rows[0].financialSwitch!, (b - r) / i, accuracy: 1e-6)
        // The sweep: low 0.75, high 1.25 of the investment, linear.
        XCTAssertEqual(study.rows[0].financialAtLow, b - 0.75 * i - r, accuracy: 1e-6)
        XCTAssertEqual(study.rows[0].financialAtHigh, b - 1.25 * i - r, accuracy: 1e-6)
    }

    func testScaledDistributions() {
        XCTAssertEqual(Distribution.triangular(min: 1, mode: 2, max: 4).scaled(by: 2), .triangular(min: 2, mode: 4, max: 8))
        let l = Distribution.lognormal(mean: 1.45, sd: 1.2)
        XCTAssertEqual(l.scaled(by: 3).mean, 3 * l.mean, accuracy: 1e-12)
        XCTAssertEqual(Distribution.beta(alpha: 2, beta: 2, lower: 0, upper: 1).scaled(by: 2).mean, 1, accuracy: 1e-12)
    }
}
