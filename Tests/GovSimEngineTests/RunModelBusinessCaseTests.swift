import XCTest

@testable import GovSimEngine
@testable import GovSimModel

/// Issue 14, acceptance 1 in one piece: ONE business case with a milestone plan, an investment
/// profile (build profile, roll-out per adoption, fixed programme cost, training and double
/// running) and channel-shift, failure-demand and legacy lines, every input fixed (a fixed
/// delivered share and a fixed, fractional delay, no shocks), against a hand calculation written
/// out from the equations of `docs/model.md` §1–4 and §6a. The calculation below uses none of the
/// model's helpers: it re-derives every year from the documented definitions (the plan by linear
/// interpolation of adoption, maturity as each year's increase ramping in over L years, Φ, ρ, the
/// spending equations and the channel values).
final class RunModelBusinessCaseTests: XCTestCase {
    /// Horizon 8 (2026–2033). Weights sum to 1.2 (normalised by the model, §3); L = 2.5 (not a
    /// whole number, §2); δ = 0.8 and d = 0.5 (fixed; progress before the delayed start is 0, §1).
    static let yaml = """
        version: 1
        name: business-case
        start_year: 2025
        horizon: 8
        runs: 1
        baseline:
          spending: 500
          labour_share: 0.5
          demand_growth: 0.01
          demand_shock_sd: 0
          inflation: 0.02
          productivity_trend: 0.002
          productivity_shock_sd: 0
        practices:
          customer_focus:
            start_adoption: 0.1
            curve: {plan: {2026: 0.3, 2028: 0.6, 2030: 0.8}}
            investment: 20
            run_cost: 2
          data_as_product:
            start_adoption: 0.05
            curve: {plan: {2027: 0.45, 2029: 0.75}}
            investment: 40
            run_cost: 3
          rapid_iteration:
            start_adoption: 0.1
            curve: {plan: {2027: 0.5}}
            investment: 10
            run_cost: 1
          outcome_accountability:
            start_adoption: 0.2
            curve: {plan: {2028: 0.6}}
            investment: 10
            run_cost: 1
        effects:
          full_adoption_uplift: 0.1
          causal_share: 0.5
          complementarity: 0.25
          no_effect_probability: 0
          weights: {customer_focus: 0.2, data_as_product: 0.4, rapid_iteration: 0.2, outcome_accountability: 0.4}
          realisation_lag: 2.5
          j_curve_depth: 0.02
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
          full_delivery_probability: 0
          shortfall_delivery: 0.8
          delay: 0.5
          correlation: 0
        satisfaction:
          noise_sd: 0
          customer_focus_gain: 8
          rapid_iteration_gain: 3
        benefits:
          shift:
            category: channel_shift
            driver: [customer_focus, data_as_product]
            cash_releasing: true
            digital_transactions: 6
            phone_transactions: 3
            face_to_face_transactions: 1
            post_transactions: 0.5
            digital_unit_cost: 0.17
            phone_unit_cost: 5
            face_to_face_unit_cost: 14
            post_unit_cost: 8.5
            target_digital_share: 0.8
          avoidable:
            category: failure_demand
            driver: [rapid_iteration, customer_focus]
            cash_releasing: false
            contacts: 4.5
            avoidable_share: 0.3
            reduction: 0.5
            unit_cost: 5
          case_system:
            category: legacy
            driver: data_as_product
            cash_releasing: true
            run_cost: 6
            decommission_at: 0.4
            replacement_cost: 20
            replacement_year: 6
        """

    /// The scenario's one run: its trajectory (the summary.csv metrics) and every year's trace.
    static func run() throws -> (trajectory: RunTrajectory, traced: [RunModel.YearTrace]) {
        let s = try ScenarioLoader.load(text: yaml, fileName: "business-case.yaml")
        let sampler = InputSampler(scenario: s)
        XCTAssertEqual(sampler.dimensions.map(\.path), [], "no uncertain input")
        let model = ModelParameters(layout: sampler.layout, values: sampler.values(run: 0))
        var trajectory = RunTrajectory(horizon: model.horizon)
        var traced: [RunModel.YearTrace] = []
        RunModel.simulate(model, shocks: YearlyShocks(stream: RandomStream(seed: s.seed, run: 0)), into: &trajectory) { traced.append($0) }
        return (trajectory, traced)
    }

    func testPlanInvestmentAndChannelsReproduceTheHandCalculation() throws {
        let (trajectory, traced) = try Self.run()
        XCTAssertEqual(traced.count, 9)

        // ---- Inputs, as written above (i = customer focus, data, rapid iteration, accountability).
        let H = 8
        let start = [0.1, 0.05, 0.1, 0.2]
        let milestones: [[(tau: Double, v: Double)]] = [
            [(1, 0.3), (3, 0.6), (5, 0.8)], [(2, 0.45), (4, 0.75)], [(2, 0.5)], [(3, 0.6)],
        ]
        let target = milestones.map { $0.last!.v }  // §1: T is the last milestone
        let rawWeights = [0.2, 0.4, 0.2, 0.4]
        let w = rawWeights.map { $0 / 1.2 }  // §3: normalised to sum 1
        let invest = [20.0, 40, 10, 10], runCostAtFull = [2.0, 3, 1, 1]
        let delta = 0.8, d = 0.5, L = 2.5, U = 0.1, c = 0.5, e = 1.0, kappa = 0.25, j = 0.02
        let S0 = 500.0, ell = 0.5, gD = 0.01, inflation = 0.02, g = 0.002, theta = 0.5
        let omega = 1.2, omegaR = 1.1, b = 1.0, f = 5.0, cTr = 10.0, cDr = 20.0
        let buildProfile: [Int: Double] = [1: 30, 2: 20]
        // D: no investment.duration, so the latest profile or milestone year minus start_year (2030 − 2025).
        let D = 5.0

        // ---- §1 Adoption. A(τ) linear from (0, s) through the milestones, flat after the last;
        // P(τ) = (A(τ) − s)/(T − s), 0 for τ ≤ 0; a(t) = s + δ(T − s)P(t − d); p(t) = P(t − d).
        func plannedAdoption(_ i: Int, _ tau: Double) -> Double {
            var (x0, y0) = (0.0, start[i])
            for (x1, y1) in milestones[i] {
                if tau <= x1 { return y0 + (y1 - y0) * (tau - x0) / (x1 - x0) }
                (x0, y0) = (x1, y1)
            }
            return y0
        }
        func P(_ i: Int, _ tau: Double) -> Double { tau <= 0 ? 0 : (plannedAdoption(i, tau) - start[i]) / (target[i] - start[i]) }
        let p = (0..<4).map { i in (0...H).map { t in t == 0 ? 0 : P(i, Double(t) - d) } }
        let a = (0..<4).map { i in (0...H).map { t in start[i] + delta * (target[i] - start[i]) * p[i][t] } }
        // Checked by eye: data as a product, P(0.5) = (0.5/2)·(0.40/0.70) = 1/7, so a(1) = 0.05 + 0.8·0.7/7 = 0.13;
        // a(2) = 0.05 + 0.56·(0.75·4/7) = 0.29; a(3) = 0.05 + 0.56·(4/7 + 0.25·3/7) = 0.43.
        XCTAssertEqual(a[1][1], 0.13, accuracy: 1e-12)
        XCTAssertEqual(a[1][2], 0.29, accuracy: 1e-12)
        XCTAssertEqual(a[1][3], 0.43, accuracy: 1e-12)

        // ---- §2 Maturity: each year's increase reaches full benefit linearly over L years,
        // M(t) = s + Σ_{k=1}^{t} (a(k) − a(k−1))·min(1, (t − k + 1)/L) (the same as the windowed form of §2).
        var M = [[Double]](repeating: [Double](repeating: 0, count: H + 1), count: 4)
        for i in 0..<4 {
            for t in 0...H {
                var level = start[i]
                for k in stride(from: 1, through: t, by: 1) {
                    let ramp: Double = min(1, Double(t - k + 1) / L)
                    level += (a[i][k] - a[i][k - 1]) * ramp
                }
                M[i][t] = level
            }
        }

        // ---- §3 Productivity: Φ(m) = (1 − κ)Σ wᵢmᵢ + κ(Π mᵢ)^{1/4}; J = j·u, u = Σ wᵢ max(0, aᵢ − Mᵢ);
        // ρ = (1 + U·c·e·Φ(M))/(1 + U·c·e·Φ(s))·(1 − J); Π_cf(t) = 100(1 + g)^t with no shocks.
        func phi(_ m: [Double]) -> Double {
            var separable = 0.0, product = 1.0
            for i in 0..<4 { separable += w[i] * m[i]; product *= m[i] }
            return (1 - kappa) * separable + kappa * pow(product, 0.25)
        }
        // ---- §6a channel values at full realisation.
        let n = [6.0, 3, 1, 0.5], unit = [0.17, 5, 14, 8.5], dT = 0.8
        let nTot = n.reduce(0, +)
        let mu = max(0, dT * nTot - n[0]) / (nTot - n[0])  // 2.4/4.5 of each assisted channel moves
        var vShift = 0.0
        for ch in 1...3 { vShift += n[ch] * mu * (unit[ch] - unit[0]) }
        let vFailure = 4.5 * 0.3 * 0.5 * 5
        XCTAssertEqual(vShift, 2.4 / 4.5 * (3 * 4.83 + 1 * 13.83 + 0.5 * 8.33), accuracy: 1e-12)
        func realised(_ drivers: [Int], _ t: Int) -> Double {
            var r = 0.0
            for i in drivers { r += max(0, M[i][t] - start[i]) / (target[i] - start[i]) }
            return r / Double(drivers.count)
        }
        // Legacy: switched off in the first year t ≥ 1 in which achieved data-as-a-product adoption
        // reaches 0.4 (year 3, a = 0.43); the counterfactual's replacement in year 6 is then avoided.
        let decommissioned = (1...H).first { a[1][$0] >= 0.4 }
        XCTAssertEqual(decommissioned, 3)

        var cumulative = 0.0
        for t in 0...H {
            let y = traced[t]
            let price = pow(1 + inflation, Double(t)), demand = pow(1 + gD, Double(t))
            let piCf = 100 * pow(1 + g, Double(t))
            let Mt = (0..<4).map { M[$0][t] }
            var u = 0.0
            for i in 0..<4 { u += w[i] * max(0, a[i][t] - M[i][t]) }
            let rho = (1 + U * c * e * phi(Mt)) / (1 + U * c * e * phi(start)) * (1 - j * u)

            // §4 Spending.
            let counterfactual = S0 * price * demand * (ell * 100 / piCf + (1 - ell))
            let operating = S0 * price * demand * (ell * (100 / piCf) * (1 - theta * (1 - 1 / rho)) + (1 - ell))
            var lines = [0.0, 0, 0, 0, 0]  // roll-out, build, fixed, training, double running
            var runCost = 0.0
            if t > 0 {
                for i in 0..<4 {
                    lines[0] += invest[i] * max(0, target[i] - start[i]) * (p[i][t] - p[i][t - 1])
                    lines[3] += cTr * max(0, a[i][t] - a[i][t - 1])
                    runCost += runCostAtFull[i] * max(0, a[i][t] - start[i])
                }
                lines[1] = b * (buildProfile[t] ?? 0)
                lines[2] = f * min(1, max(0, D + d - Double(t - 1)))
                lines[4] = cDr * u
            }
            lines = lines.map { price * omega * $0 }
            let investment = lines.reduce(0, +)
            runCost *= price * omegaR

            // §6a Benefit lines (real B(t)), nominal savings P(t)·B(t); cash lines lower spending.
            let shift = t == 0 ? 0 : vShift * realised([0, 1], t)
            let failure = t == 0 ? 0 : vFailure * realised([2, 0], t)
            let switchedOff = t > 0 && t >= decommissioned!
            let legacy: Double = (switchedOff ? 6 : 0) + (switchedOff && t == 6 ? 20 : 0)
            let cashLines: Double = price * (shift + legacy)
            let spending: Double = operating + investment + runCost - cashLines
            let net = counterfactual - spending
            if t > 0 { cumulative += net }

            for i in 0..<4 {
                XCTAssertEqual(
                    trajectory[Metric.adoption(PracticeKind.allCases[i]), t], a[i][t], accuracy: 1e-9, "adoption \(i), year \(t)")
                XCTAssertEqual(y.maturity[i], M[i][t], accuracy: 1e-9, "maturity \(i), year \(t)")
            }
            XCTAssertEqual(y.ratio, rho, accuracy: 1e-9, "ρ, year \(t)")
            for (k, line) in lines.enumerated() { XCTAssertEqual(y.programmeCosts[k], line, accuracy: 1e-9, "cost line \(k), year \(t)") }
            XCTAssertEqual(trajectory[.investment, t], investment, accuracy: 1e-9, "investment, year \(t)")
            XCTAssertEqual(trajectory[.runCost, t], runCost, accuracy: 1e-9, "run cost, year \(t)")
            XCTAssertEqual(trajectory[.spendingCounterfactual, t], counterfactual, accuracy: 1e-9, "counterfactual, year \(t)")
            XCTAssertEqual(y.operating, operating, accuracy: 1e-9, "operating cost, year \(t)")
            XCTAssertEqual(trajectory[.channelShiftSavings, t], price * shift, accuracy: 1e-9, "channel shift, year \(t)")
            XCTAssertEqual(trajectory[.failureDemandSavings, t], price * failure, accuracy: 1e-9, "failure demand, year \(t)")
            XCTAssertEqual(trajectory[.legacySavings, t], price * legacy, accuracy: 1e-9, "legacy, year \(t)")
            XCTAssertEqual(trajectory[.spending, t], spending, accuracy: 1e-9, "spending, year \(t)")
            XCTAssertEqual(trajectory[.netSavings, t], net, accuracy: 1e-9, "net savings, year \(t)")
            XCTAssertEqual(trajectory[.cumulativeNetSavings, t], cumulative, accuracy: 1e-9, "cumulative net savings, year \(t)")
        }
        // Figures to check by eye. The fixed cost is paid in full to year 5 and for half of year 6
        // (D + d = 5.5); nothing is paid after.
        XCTAssertEqual(traced[6].programmeCosts[2], 0.5 * 5 * omega * pow(1.02, 6), accuracy: 1e-9)
        XCTAssertEqual(traced[7].programmeCosts[2], 0)
        // The avoided replacement shows in year 6 only.
        XCTAssertEqual(trajectory[.legacySavings, 6], 26 * pow(1.02, 6), accuracy: 1e-9)
        XCTAssertEqual(trajectory[.legacySavings, 7], 6 * pow(1.02, 7), accuracy: 1e-9)
        // The failure-demand line is not cash-releasing: it is reported but does not lower spending.
        XCTAssertGreaterThan(trajectory[.failureDemandSavings, H], 0)
    }

    /// docs/model.md §6b works through year 3 of this business case; its printed figures (rounded
    /// to the digits shown there, hence the tolerance of half a last digit) are the model's.
    func testYearThreeIsTheWorkedExampleOfTheDocs() throws {
        let (trajectory, traced) = try Self.run()
        let y = traced[3]
        XCTAssertEqual(y.year, 3)
        for (i, a) in [0.44, 0.43, 0.42, 0.4667].enumerated() { XCTAssertEqual(y.adoption[i], a, accuracy: 5e-5, "a(3) of practice \(i)") }
        for (i, m) in [0.34, 0.314, 0.34, 0.3813].enumerated() { XCTAssertEqual(y.maturity[i], m, accuracy: 5e-5, "M(3) of practice \(i)") }
        XCTAssertEqual(y.phi, 0.3446, accuracy: 5e-5)
        XCTAssertEqual(y.jCurve, 0.001942, accuracy: 5e-7)
        XCTAssertEqual(y.ratio, 1.009575, accuracy: 5e-7)
        XCTAssertEqual(y.price, 1.061208, accuracy: 5e-7)
        XCTAssertEqual(y.spendingCounterfactual, 545.0483, accuracy: 5e-5)
        XCTAssertEqual(y.operating, 543.7599, accuracy: 5e-5)
        let base = y.programmeCosts.map { $0 / (1.061208 * 1.2) }
        for (k, line) in [12.3333, 0, 5, 4.4667, 1.9422].enumerated() { XCTAssertEqual(base[k], line, accuracy: 1e-4, "cost line \(k)") }
        XCTAssertEqual(trajectory[.investment, 3], 30.2345, accuracy: 5e-5)
        XCTAssertEqual(trajectory[.runCost, 3], 2.8094, accuracy: 5e-5)
        XCTAssertEqual(trajectory[.channelShiftSavings, 3], 6.6189, accuracy: 5e-5)
        XCTAssertEqual(trajectory[.failureDemandSavings, 3], 1.6885, accuracy: 5e-5)
        XCTAssertEqual(trajectory[.legacySavings, 3], 6.3672, accuracy: 5e-5)
        XCTAssertEqual(trajectory[.spending, 3], 563.8177, accuracy: 5e-5)
        XCTAssertEqual(trajectory[.netSavings, 3], -18.7693, accuracy: 5e-5)
    }
}
