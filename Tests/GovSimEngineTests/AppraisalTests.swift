import GovSimTestSupport
import XCTest

@testable import GovSimEngine

final class AppraisalTests: XCTestCase {
    func testGreenBookScheduleKinksAfterYear30() {
        let s = DiscountSchedule.greenBook
        XCTAssertEqual(s.rate(year: 1), 0.035)
        XCTAssertEqual(s.rate(year: 30), 0.035)
        XCTAssertEqual(s.rate(year: 31), 0.030)
        XCTAssertEqual(s.rate(year: 75), 0.030)
        XCTAssertEqual(s.rate(year: 76), 0.025)
        XCTAssertEqual(s.rate(year: 301), 0.010)
        let f = s.factors(through: 32)
        XCTAssertEqual(f[0], 1)
        XCTAssertEqual(f[30], pow(1.035, -30), accuracy: 1e-15)
        // Year 31 is discounted from year 30 at 3.0%, not the whole factor at 3.0%.
        XCTAssertEqual(f[31], pow(1.035, -30) / 1.03, accuracy: 1e-15)
        XCTAssertEqual(f[32], pow(1.035, -30) / (1.03 * 1.03), accuracy: 1e-15)
        XCTAssertEqual(DiscountSchedule.flat(0.07).factors(through: 2)[2], 1 / (1.07 * 1.07), accuracy: 1e-15)
    }

    /// A two-year trajectory whose streams are set by hand.
    private func handTrajectory() -> RunTrajectory {
        var t = RunTrajectory(horizon: 2)
        // Year 1: operating 90, investment 15, run 5; year 2: operating 80, run 5.
        for (year, operating, investment, run, reinvested) in [(1, 90.0, 15.0, 5.0, 12.0), (2, 80.0, 0.0, 5.0, 8.0)] {
            t[.spendingCounterfactual, year] = 100
            t[.spending, year] = operating + investment + run
            t[.investment, year] = investment
            t[.runCost, year] = run
            t[.staffTimeReinvested, year] = reinvested
        }
        return t
    }

    func testRunAppraisalByHand() {
        let settings = AppraisalSettings(schedule: .flat(0.10), period: 4, benefitDecay: 0.5, gdpDeflator: 0, residualYears: 1)
        let a = RunAppraisal(trajectory: handTrajectory(), settings: settings)
        let d = (0...5).map { pow(1.1, -Double($0)) }
        // Cash-releasing: 10, 20, then 20 halving each year after the horizon: 10, 5.
        XCTAssertEqual(a.financial.cashReleasing, 10 * d[1] + 20 * d[2] + 10 * d[3] + 5 * d[4], accuracy: 1e-12)
        XCTAssertEqual(a.economic.cashReleasing, a.financial.cashReleasing)
        XCTAssertEqual(a.financial.staffTimeReinvested, 0)
        XCTAssertEqual(a.economic.staffTimeReinvested, 12 * d[1] + 8 * d[2] + 4 * d[3] + 2 * d[4], accuracy: 1e-12)
        XCTAssertEqual(a.financial.investment, 15 * d[1], accuracy: 1e-12)
        XCTAssertEqual(a.financial.runCost, 5 * (d[1] + d[2] + d[3] + d[4]), accuracy: 1e-12)
        XCTAssertEqual(a.economic.runCost, a.financial.runCost)
        // Residual: one more year, benefits halved again, run cost unchanged.
        XCTAssertEqual(a.financial.residualValue, (2.5 - 5) * d[5], accuracy: 1e-12)
        XCTAssertEqual(a.economic.residualValue, (2.5 + 1 - 5) * d[5], accuracy: 1e-12)
        XCTAssertEqual(a.financial.npv, a.financial.benefits - a.financial.costs)
        // Cumulative discounted net: financial (10 − 20)/1.1 < 0 then + 15/1.21 > 0; economic (22 − 20)/1.1 > 0.
        XCTAssertEqual(a.financial.paybackYear, 2)
        XCTAssertEqual(a.economic.paybackYear, 1)
        XCTAssertEqual(a.cumulativeCostNominal, 15 + 5 + 5, "simulated years only, nominal, undiscounted")
    }

    func testGDPDeflatorAndShortPeriod() {
        let settings = AppraisalSettings(schedule: .flat(0), period: 1, benefitDecay: 0, gdpDeflator: 0.25, residualYears: 0)
        let a = RunAppraisal(trajectory: handTrajectory(), settings: settings)
        // Only year 1, deflated by 1.25; year 2 is beyond the period.
        XCTAssertEqual(a.financial.cashReleasing, 10 / 1.25, accuracy: 1e-12)
        XCTAssertEqual(a.financial.investment, 15 / 1.25, accuracy: 1e-12)
        XCTAssertEqual(a.economic.staffTimeReinvested, 12 / 1.25, accuracy: 1e-12)
        XCTAssertNil(a.financial.paybackYear)
    }

    func testFractionalResidualYears() {
        let settings = AppraisalSettings(schedule: .flat(0), period: 2, benefitDecay: 0, gdpDeflator: 0, residualYears: 1.5)
        let a = RunAppraisal(trajectory: handTrajectory(), settings: settings)
        XCTAssertEqual(a.financial.residualValue, (20 - 5) * 1.5, accuracy: 1e-12)
    }

    func testBCRIsRatioOfExpectedPresentValuesNotMeanOfRatios() {
        func run(benefit: Double, cost: Double, payback: Int?) -> RunAppraisal {
            var c = RunAppraisal.CaseValues()
            c.cashReleasing = benefit
            c.investment = cost
            c.paybackYear = payback
            return RunAppraisal(financial: c, economic: c)
        }
        let s = AppraisalSummary(
            [run(benefit: 2, cost: 1, payback: 3), run(benefit: 2, cost: 4, payback: nil), run(benefit: 5, cost: 1, payback: 1)],
            settings: AppraisalSettings(period: 5))
        XCTAssertEqual(s.financial.benefitCostRatio!, 9.0 / 6.0, accuracy: 1e-15)
        XCTAssertEqual(s.financial.perRunRatios!.mean, (2 + 0.5 + 5) / 3, accuracy: 1e-15)
        XCTAssertEqual(s.financial.npv, 3.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(s.financial.probabilityPositive, 2.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(s.financial.paybackShares[1], 1.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(s.financial.paybackShares[3], 1.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(s.financial.paybackNever, 1.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(s.financial.paybackMedian, 3)
        // Contingency quantiles of the PV of costs 1, 4, 1 (type 7): P50 1, P80 1 + 0.6·3, P90 1 + 0.8·3.
        XCTAssertEqual(s.pvCostQuantiles[0], 1, accuracy: 1e-12)
        XCTAssertEqual(s.pvCostQuantiles[1], 2.8, accuracy: 1e-12)
        XCTAssertEqual(s.pvCostQuantiles[2], 3.4, accuracy: 1e-12)
    }

    func testReinvestedStaffTimeIsTheUncapturedShareOfFreedLabour() {
        // With capture rate θ, cash-releasing operating savings are θ·F and the reinvested value
        // (1 − θ)·F for the same freed labour cost F.
        var s = TestSupport.reference
        s["spending.capture_rate"] = .fixed(0.25)
        let sampler = InputSampler(scenario: s)
        var t = RunTrajectory(horizon: s.horizon)
        RunModel.simulate(
            ModelParameters(layout: sampler.layout, values: sampler.values(run: 3)), stream: RandomStream(seed: s.seed, run: 3), into: &t)
        var checked = 0
        for year in 1...s.horizon {
            let operatingSavings = t[.spendingCounterfactual, year] - t[.spending, year] + t[.investment, year] + t[.runCost, year]
            XCTAssertEqual(t[.staffTimeReinvested, year], 3 * operatingSavings, accuracy: 1e-9 * max(1, abs(operatingSavings)))
            if operatingSavings != 0 { checked += 1 }
        }
        XCTAssertGreaterThan(checked, 5)
    }

    func testAppraisalSettingsFromScenarioFile() throws {
        let s = try TestSupport.load(
            TestSupport.header + "appraisal:\n  period: 40\n  benefit_decay: 0.05\n  discounting: flat\nbudget:\n  discount_rate: 0.02\n")
        let a = s.appraisal
        XCTAssertEqual(a.period, 40)
        XCTAssertEqual(a.benefitDecay, 0.05)
        XCTAssertEqual(a.schedule, .flat(0.02))
        // Default: Green Book unless the file sets a flat budget.discount_rate.
        XCTAssertEqual(try TestSupport.load(TestSupport.header).appraisal.schedule, .greenBook)
        XCTAssertEqual(try TestSupport.load(TestSupport.header + "budget:\n  discount_rate: 0.07\n").appraisal.schedule, .flat(0.07))
        XCTAssertEqual(try TestSupport.load(TestSupport.header).appraisal.period, 30)
    }

    func testAppraisalSettingsAreValidated() {
        let fractional = TestSupport.diagnostics(TestSupport.header + "appraisal:\n  period: 12.5\n")
        XCTAssertEqual(fractional.count, 1)
        XCTAssertTrue(
            fractional.first?.message.contains("appraisal.period is 12.5, but it must be a whole number between 1 and 500") ?? false,
            "\(fractional)")
        XCTAssertEqual(fractional.first?.line, 4)
        let schedule = TestSupport.diagnostics(TestSupport.header + "appraisal:\n  discounting: stern\n")
        XCTAssertTrue(schedule.first?.message.contains("appraisal.discounting must be green_book or flat") ?? false, "\(schedule)")
        let uncertain = TestSupport.diagnostics(TestSupport.header + "appraisal:\n  period: {uniform: {min: 20, max: 40}}\n")
        XCTAssertTrue(uncertain.first?.message.contains("must be a plain number") ?? false, "\(uncertain)")
    }
}
