import GovSimTestSupport
import XCTest

@testable import GovSimEngine

/// Issue 14, item 3 (acceptance 1, the channel part): channel shift, failure demand and legacy
/// lines reproduce a hand calculation for every year to 1e-9 with their uncertainty switched off,
/// cash-releasing lines lower spending by B(t)·P(t), and the appraisal counts them once.
final class RunModelChannelsTests: XCTestCase {
    static let scenario = """
        version: 1
        name: channels
        horizon: 8
        runs: 1
        baseline:
          inflation: 0.02
          demand_shock_sd: 0
          productivity_shock_sd: 0
        practices:
          customer_focus: {start_adoption: 0.2, target_adoption: 0.8, curve: {logistic: {midpoint: 2, speed: 1}}}
          data_as_product: {start_adoption: 0.1, target_adoption: 0.9, curve: {logistic: {midpoint: 3, speed: 0.8}}}
          rapid_iteration: {start_adoption: 0.1, target_adoption: 0.6, curve: {logistic: {midpoint: 4, speed: 1.2}}}
        effects:
          realisation_lag: 1
        programme_risk:
          full_delivery_probability: 1
          delay: 0
        appraisal:
          period: 8
          gdp_deflator: 0.02
        budget:
          discount_rate: 0.035

        """
    static let lines = """
        benefits:
          shift:
            category: channel_shift
            driver: [customer_focus, data_as_product]
            cash_releasing: true
            digital_transactions: 4
            phone_transactions: 3
            face_to_face_transactions: 2
            post_transactions: 1
            digital_unit_cost: 0.2
            phone_unit_cost: 5
            face_to_face_unit_cost: 14
            post_unit_cost: 8.5
            target_digital_share: 0.7
          avoidable:
            category: failure_demand
            driver: rapid_iteration
            cash_releasing: false
            contacts: 6
            avoidable_share: 0.4
            reduction: 0.5
            unit_cost: 5
          case_system:
            category: legacy
            driver: data_as_product
            cash_releasing: true
            run_cost: 6
            decommission_at: 0.5
            replacement_cost: 20
            replacement_year: 4

        """

    private func trajectory(_ yaml: String) throws -> RunTrajectory {
        let s = try TestSupport.load(yaml)
        let sampler = InputSampler(scenario: s)
        let m = ModelParameters(layout: sampler.layout, values: sampler.values(run: 0))
        var t = RunTrajectory(horizon: s.horizon)
        RunModel.simulate(m, stream: RandomStream(seed: s.seed, run: 0), into: &t)
        return t
    }

    /// Logistic planned progress, docs/model.md §1: P(τ) = (σ(k(τ − m)) − σ(−km)) / (1 − σ(−km)).
    private func logistic(_ tau: Double, m: Double, k: Double) -> Double {
        func sigma(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        return tau <= 0 ? 0 : (sigma(k * (tau - m)) - sigma(-k * m)) / (1 - sigma(-k * m))
    }

    func testChannelSavingsEveryYearByHand() throws {
        let with = try trajectory(RunModelChannelsTests.scenario + RunModelChannelsTests.lines)
        let without = try trajectory(RunModelChannelsTests.scenario)
        // Channel shift at full realisation: N = 10, 4 digital; the target 0.7·10 = 7 moves 3 of
        // the 6 assisted transactions online (m = 0.5 of each assisted channel):
        // V = 3·0.5·(5 − 0.2) + 2·0.5·(14 − 0.2) + 1·0.5·(8.5 − 0.2) = 7.2 + 13.8 + 4.15 = 25.15.
        let vShift = 25.15
        // Failure demand: 6 contacts × 0.4 avoidable × 0.5 removed × 5 = 6.
        let vFailure = 6.0
        // Delivery 1, delay 0 and a one-year lag: maturity = adoption, so the realised share of each
        // driver's plan is its planned progress P(t).
        var decommissioned = false
        var pvLegacy = 0.0
        for t in 1...8 {
            let tau = Double(t)
            let pCF = logistic(tau, m: 2, k: 1), pData = logistic(tau, m: 3, k: 0.8), pRI = logistic(tau, m: 4, k: 1.2)
            let shift = vShift * (pCF + pData) / 2
            let failure = vFailure * pRI
            // Legacy: off from the first year data-as-a-product adoption 0.1 + 0.8·P(t) reaches 0.5;
            // the replacement in year 4 is avoided only if decommissioned by then.
            if 0.1 + 0.8 * pData >= 0.5 { decommissioned = true }
            let legacy: Double = decommissioned ? 6 + (t == 4 ? 20 : 0) : 0
            let price = pow(1.02, tau)
            XCTAssertEqual(with[.channelShiftSavings, t], shift * price, accuracy: 1e-9, "channel shift, year \(t)")
            XCTAssertEqual(with[.failureDemandSavings, t], failure * price, accuracy: 1e-9, "failure demand, year \(t)")
            XCTAssertEqual(with[.legacySavings, t], legacy * price, accuracy: 1e-9, "legacy, year \(t)")
            XCTAssertEqual(with.benefitLine(0, year: t), shift, accuracy: 1e-9)
            XCTAssertEqual(with.benefitLine(1, year: t), failure, accuracy: 1e-9)
            XCTAssertEqual(with.benefitLine(2, year: t), legacy, accuracy: 1e-9)
            // Cash-releasing lines (shift and legacy) lower spending; failure demand (non-cash) does not.
            XCTAssertEqual(
                with[.netSavings, t] - without[.netSavings, t], (shift + legacy) * price, accuracy: 1e-9, "net savings, year \(t)")
            XCTAssertEqual(with[.spendingCounterfactual, t], without[.spendingCounterfactual, t], accuracy: 1e-9)
            pvLegacy += legacy / pow(1.035, tau)
        }
        XCTAssertTrue(decommissioned, "a non-trivial legacy path")
        XCTAssertEqual(with.benefitLine(2, year: 2), 0, "still running in year 2 (adoption 0.1 + 0.8·P(2) < 0.5)")
        XCTAssertEqual(with[.channelShiftSavings, 0], 0)

        // The appraisal counts each cash-releasing line once, in both cases, under its own name:
        // nominal B·P(t) deflated by the GDP deflator (here also 2%) and discounted.
        let settings = try TestSupport.load(RunModelChannelsTests.scenario + RunModelChannelsTests.lines).appraisal
        XCTAssertEqual(settings.cashReleasingLines, [true, false, true])
        let a = RunAppraisal(trajectory: with, settings: settings), b = RunAppraisal(trajectory: without, settings: settings)
        XCTAssertEqual(a.financial.benefitLines[2], pvLegacy, accuracy: 1e-9)
        XCTAssertEqual(a.economic.benefitLines[2], pvLegacy, accuracy: 1e-9)
        XCTAssertEqual(a.financial.benefitLines[1], 0, "failure demand declared non-cash")
        XCTAssertGreaterThan(a.economic.benefitLines[1], 0)
        XCTAssertEqual(a.financial.cashReleasing, b.financial.cashReleasing, accuracy: 1e-9, "operating savings exclude the lines")
        XCTAssertEqual(a.financial.npv - b.financial.npv, a.financial.benefitLines[0] + a.financial.benefitLines[2], accuracy: 1e-9)
    }

    func testChannelShiftValueEdgeCases() {
        XCTAssertEqual(BenefitLine.channelShiftValue([4, 3, 2, 1, 0.2, 5, 14, 8.5, 0.7]), 25.15, accuracy: 1e-12)
        XCTAssertEqual(
            BenefitLine.channelShiftValue([4, 3, 2, 1, 0.2, 5, 14, 8.5, 0.3]), 0, "a target below today's digital share moves nothing")
        XCTAssertEqual(BenefitLine.channelShiftValue([5, 0, 0, 0, 0.2, 5, 14, 8.5, 1]), 0, "nothing left to move")
    }

    func testChannelLinesMustDeclareCash() {
        let yaml =
            TestSupport.header + "benefits:\n  s:\n    category: failure_demand\n    driver: rapid_iteration\n"
            + "    contacts: 1\n    avoidable_share: 0.5\n    reduction: 0.5\n    unit_cost: 5\n"
        let d = TestSupport.diagnostics(yaml)
        XCTAssertEqual(d.count, 1, "\(d)")
        XCTAssertTrue(d.first?.message.contains("benefit line `s` (failure_demand) has no `cash_releasing`") ?? false, "\(d)")
        let bad = TestSupport.diagnostics(yaml.replacingOccurrences(of: "rapid_iteration", with: "[rapid_iteration, rapid_iteraton]"))
        XCTAssertTrue(
            bad.contains {
                $0.message.contains("benefit.s.driver")
                    || $0.message.contains("benefits.s.driver must be a practice, found `rapid_iteraton`")
            }, "\(bad)")
    }
}
