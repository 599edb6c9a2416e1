import XCTest

@testable import GovSimEngine
@testable import GovSimModel

/// Issue 14, acceptance 1 and 2: a business case with milestone plans and an investment
/// profile, all uncertainty off, against a hand calculation from `docs/model.md` §1–4; and the
/// fixed programme cost paid through the delay years.
final class RunModelProgrammeCostsTests: XCTestCase {
    /// Everything fixed, no delivery risk, no shocks; horizon 8 (2026–2033).
    static func yaml(delay: Double = 0, mitigation: Double = 0) -> String {
        """
        version: 1
        name: business-case
        start_year: 2025
        horizon: 8
        runs: 1
        baseline:
          spending: 1000
          labour_share: 0.5
          demand_growth: 0
          demand_shock_sd: 0
          inflation: 0.02
          productivity_trend: 0
          productivity_shock_sd: 0
        practices:
          customer_focus:
            start_adoption: 0.1
            curve: {plan: {2026: 0.3, 2028: 0.7, 2029: 0.8}}
            investment: 20
            run_cost: 2
          data_as_product:
            start_adoption: 0.05
            curve: {plan: {2027: 0.45, 2030: 0.75}}
            investment: 40
            run_cost: 3
          rapid_iteration:
            start_adoption: 0.1
            curve: {plan: {2026: 0.1}}
            investment: 10
            run_cost: 1
          outcome_accountability:
            start_adoption: 0.15
            curve: {plan: {2027: 0.55}}
            investment: 10
            run_cost: 1
        effects:
          full_adoption_uplift: 0.1
          causal_share: 1
          complementarity: 0
          no_effect_probability: 0
          weights: {customer_focus: 0.2, data_as_product: 0.4, rapid_iteration: 0.2, outcome_accountability: 0.2}
          realisation_lag: 2
          j_curve_depth: 0
        spending:
          capture_rate: 0.5
          cost_overrun: 1.2
          run_cost_overrun: 1.1
        investment:
          profile: {2026: 30, 2027: 20}
          fixed_per_year: 5
          training: 10
          double_running: 20
        programme_risk:
          full_delivery_probability: 1
          delay: \(delay)
          practice_mitigation: \(mitigation)
        satisfaction:
          customer_focus_gain: 8
          rapid_iteration_gain: 3
          noise_sd: 0
        """
    }

    static func trace(_ yaml: String) throws -> [RunModel.YearTrace] {
        let s = try ScenarioLoader.load(text: yaml, fileName: "business-case.yaml")
        let sampler = InputSampler(scenario: s)
        XCTAssertTrue(sampler.dimensions.isEmpty, "no uncertain input")
        let m = ModelParameters(layout: sampler.layout, values: sampler.values(run: 0))
        var trajectory = RunTrajectory(horizon: m.horizon)
        var years: [RunModel.YearTrace] = []
        RunModel.simulate(m, shocks: YearlyShocks(stream: RandomStream(seed: s.seed, run: 0)), into: &trajectory) { years.append($0) }
        return years
    }

    /// Acceptance 1: adoption, investment (by line), run cost and net savings of every year.
    func testBusinessCaseReproducesTheHandCalculation() throws {
        let years = try Self.trace(Self.yaml())
        // Adoption by hand: linear from the start adoption in 2025 to each milestone, flat after
        // the last (§1). Years 0 … 8.
        let a: [[Double]] = [
            [0.1, 0.3, 0.5, 0.7, 0.8, 0.8, 0.8, 0.8, 0.8],  // customer focus
            [0.05, 0.25, 0.45, 0.55, 0.65, 0.75, 0.75, 0.75, 0.75],  // data as a product
            [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],  // rapid iteration (plan = start)
            [0.15, 0.35, 0.55, 0.55, 0.55, 0.55, 0.55, 0.55, 0.55],  // outcome accountability
        ]
        let w = [0.2, 0.4, 0.2, 0.2], invest = [20.0, 40, 10, 10], run = [2.0, 3, 1, 1], start = a.map { $0[0] }
        let omega = 1.2, omegaR = 1.1, build = [0, 30.0, 20, 0, 0, 0, 0, 0, 0]
        let duration = 5.0  // the last milestone (2030) or profile year, from 2025
        var cumulative = 0.0
        XCTAssertEqual(years.count, 9)
        for t in 0...8 {
            let y = years[t]
            for i in 0..<4 { XCTAssertEqual(y.adoption[i], a[i][t], accuracy: 1e-12, "adoption \(i) year \(t)") }
            // Maturity with L = 2: M(t) = (a(t) + a(t − 1))/2 (§2).
            let m: [Double] = (0..<4).map { (i: Int) -> Double in t == 0 ? a[i][0] : 0.5 * (a[i][t] + a[i][t - 1]) }
            let phi = (0..<4).reduce(0.0) { $0 + w[$1] * m[$1] }
            let phi0 = (0..<4).reduce(0.0) { $0 + w[$1] * start[$1] }
            let rho = (1 + 0.1 * phi) / (1 + 0.1 * phi0)
            let price = pow(1.02, Double(t))
            let counterfactual = 1000 * price
            let operating = 1000 * price * (0.5 * (1 - 0.5 * (1 - 1 / rho)) + 0.5)
            var rollout = 0.0, training = 0.0, doubleRunning = 0.0, runCost = 0.0, fixed = 0.0
            if t > 0 {
                for i in 0..<4 {
                    rollout += invest[i] * (a[i][t] - a[i][t - 1])
                    training += 10 * max(0, a[i][t] - a[i][t - 1])
                    doubleRunning += 20 * w[i] * max(0, a[i][t] - m[i])
                    runCost += run[i] * (a[i][t] - start[i])
                }
                fixed = 5 * min(1, max(0, duration - Double(t - 1)))
            }
            let lines = [rollout, build[t], fixed, training, doubleRunning].map { $0 * price * omega }
            let investment = lines.reduce(0, +)
            runCost *= price * omegaR
            let net = counterfactual - (operating + investment + runCost)
            if t > 0 { cumulative += net }
            XCTAssertEqual(y.ratio, rho, accuracy: 1e-12, "ρ year \(t)")
            for (k, line) in lines.enumerated() { XCTAssertEqual(y.programmeCosts[k], line, accuracy: 1e-9, "cost line \(k) year \(t)") }
            XCTAssertEqual(y.investment, investment, accuracy: 1e-9, "investment year \(t)")
            XCTAssertEqual(y.runCost, runCost, accuracy: 1e-9, "run cost year \(t)")
            XCTAssertEqual(y.spendingCounterfactual, counterfactual, accuracy: 1e-9)
            XCTAssertEqual(y.operating, operating, accuracy: 1e-9, "operating year \(t)")
            XCTAssertEqual(y.netSavings, net, accuracy: 1e-9, "net savings year \(t)")
        }
        // A figure to check by eye: year 1 invests 1.02·1.2·(roll-out 20·0.2 + 40·0.2 + 10·0.2 = 14,
        // build 30, fixed 5, training 10·0.6 = 6, double running 20·½·(0.2·0.2 + 0.4·0.2 + 0.2·0.2)
        // = 1.6) = 69.2784.
        XCTAssertEqual(years[1].investment, 1.02 * 1.2 * (14 + 30 + 5 + 6 + 1.6), accuracy: 1e-9)
        XCTAssertGreaterThan(cumulative, -1e9)
    }

    /// Acceptance 2: a two-year delay keeps the fixed programme cost running for two more years
    /// (years 6 and 7 here), so the programme costs more.
    func testDelayExtendsTheFixedProgrammeCost() throws {
        let onTime = try Self.trace(Self.yaml(delay: 0)), late = try Self.trace(Self.yaml(delay: 2))
        for t in 1...8 {
            let paid = 5 * 1.2 * pow(1.02, Double(t))
            XCTAssertEqual(onTime[t].programmeCosts[2], t <= 5 ? paid : 0, accuracy: 1e-9, "on time, year \(t)")
            XCTAssertEqual(late[t].programmeCosts[2], t <= 7 ? paid : 0, accuracy: 1e-9, "two years late, year \(t)")
            XCTAssertEqual(late[t].programmeCosts[1], onTime[t].programmeCosts[1], "the build profile is paid as planned")
        }
        // Adoption slips by the delay: the first milestone is reached in 2028, not 2026.
        XCTAssertEqual(late[1].adoption[0], 0.1, accuracy: 1e-12, "before the delayed start adoption stays at its start")
        XCTAssertEqual(late[3].adoption[0], 0.3, accuracy: 1e-12)
        let cost = { (years: [RunModel.YearTrace]) in years.reduce(0.0) { $0 + $1.investment / pow(1.02, Double($1.year)) } }
        XCTAssertEqual(
            cost(late) - cost(onTime), 2 * 5 * 1.2, accuracy: 1e-6,
            "in real terms the delay adds exactly two years of fixed cost (the roll-out, training and double running only move)")
    }

    /// §1: rapid-iteration and outcome-accountability start adoption shrink the delay by
    /// k = 1 − μ·(s_ri + s_oa)/2, and the overrun's excess over 1 by the same factor.
    func testPracticesLowerTheDelay() throws {
        let late = try Self.trace(Self.yaml(delay: 2, mitigation: 0.8))
        let k = 1 - 0.8 * 0.5 * (0.1 + 0.15)  // 0.9: the delay becomes 1.8 years, the overrun 1.18
        XCTAssertEqual(late[7].programmeCosts[2], 5 * (1 + 0.2 * k) * pow(1.02, 7) * (5 + 2 * k - 6), accuracy: 1e-9)
        XCTAssertEqual(late[8].programmeCosts[2], 0)
    }
}
