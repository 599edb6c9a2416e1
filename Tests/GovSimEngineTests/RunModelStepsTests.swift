import XCTest

@testable import GovSimEngine
@testable import GovSimModel

/// The named steps of ``RunModel``, each against the equation of its `docs/model.md` section.
final class RunModelStepsTests: XCTestCase {
    /// Parameters of the default scenario's run 0, with no risk, delay or noise.
    private func parameters(_ edit: (inout Scenario) -> Void = { _ in }) -> ModelParameters {
        var s = Scenario(name: "steps")
        s["programme_risk.full_delivery_probability"] = .fixed(1)
        s["programme_risk.delay"] = .fixed(0)
        edit(&s)
        let sampler = InputSampler(scenario: s)
        return ModelParameters(layout: sampler.layout, values: sampler.values(run: 0))
    }

    /// Section 1: aᵢ(t) = sᵢ + δ·(Tᵢ − sᵢ)·Pᵢ(t − d).
    func testAdoptionPathsFollowThePlannedCurveScaledByDelivery() {
        var m = parameters()
        m.delivery = 0.5
        m.delay = 1
        let (adoption, planned) = RunModel.adoptionPaths(m, years: 6)
        for (i, p) in m.practices.values.enumerated() {
            XCTAssertEqual(adoption[i][0], p.start)
            XCTAssertEqual(planned[i][1], 0, "delayed one year")
            for t in 1..<6 {
                XCTAssertEqual(planned[i][t], p.curve.progress(Double(t) - 1))
                XCTAssertEqual(adoption[i][t], p.start + 0.5 * (p.target - p.start) * planned[i][t], accuracy: 1e-15)
            }
        }
    }

    /// Section 2: a jump in adoption matures linearly over L years; J(t) weighs what has not.
    func testMaturityRisesLinearlyOverTheLag() {
        let adoption = [[0.0, 1, 1, 1, 1], [0.2, 0.2, 0.2, 0.2, 0.2]]
        var maturity = [0.0, 0.0]
        let weights = [0.25, 0.75]
        for (t, expected) in [(0, 0.0), (1, 0.25), (2, 0.5), (3, 0.75), (4, 1.0)] {
            let disruption = RunModel.mature(adoption, year: t, lag: 4, weights: weights, into: &maturity)
            XCTAssertEqual(maturity[0], expected, accuracy: 1e-15, "year \(t)")
            XCTAssertEqual(maturity[1], 0.2, accuracy: 1e-15, "unchanged adoption is mature")
            XCTAssertEqual(disruption, 0.25 * (adoption[0][t] - expected), accuracy: 1e-15)
        }
    }

    /// Section 3: Φ is 0 with no adoption and 1 with full adoption; weights sum to 1.
    func testUpliftAndWeights() {
        var m = parameters()
        let weights = RunModel.normalisedWeights(m)
        XCTAssertEqual(weights.reduce(0, +), 1, accuracy: 1e-15)
        let n = PracticeKind.allCases.count
        XCTAssertEqual(RunModel.uplift(Array(repeating: 0, count: n), weights: weights, complementarity: 0.25), 0)
        XCTAssertEqual(RunModel.uplift(Array(repeating: 1, count: n), weights: weights, complementarity: 0.25), 1, accuracy: 1e-15)
        // Only the separable part moves when one practice is missing.
        var levels = Array(repeating: 1.0, count: n)
        levels[PracticeKind.dataAsProduct.position] = 0
        XCTAssertEqual(
            RunModel.uplift(levels, weights: weights, complementarity: 0.25),
            0.75 * (1 - weights[PracticeKind.dataAsProduct.position]), accuracy: 1e-15)
        for kind in PracticeKind.allCases { m.practices[kind].weight = 0 }
        XCTAssertEqual(RunModel.normalisedWeights(m), Array(repeating: 1 / Double(n), count: n), "equal when all are zero")
    }

    /// Section 3: ρ = 1 with maturity at the start adoption and no J-curve; (1 − J) scales it.
    func testProductivityRatio() {
        let m = parameters()
        let weights = RunModel.normalisedWeights(m)
        let starts = m.practices.values.map(\.start)
        let base = 1 + 0.1 * RunModel.uplift(starts, weights: weights, complementarity: m.complementarity)
        XCTAssertEqual(
            RunModel.productivityRatio(
                maturity: starts, weights: weights, effect: 0.1, complementarity: m.complementarity,
                baseRatio: base, jCurve: 0), 1, accuracy: 1e-15)
        XCTAssertEqual(
            RunModel.productivityRatio(
                maturity: starts, weights: weights, effect: 0.1, complementarity: m.complementarity,
                baseRatio: base, jCurve: 0.02), 0.98, accuracy: 1e-15)
    }

    /// Sections 3 and 4: without shocks the counterfactual grows by the trends.
    func testCounterfactualEconomyWithoutShocks() {
        var m = parameters()
        m.productivityTrend = 0.01
        m.demandGrowth = 0.02
        m.inflation = 0.03
        var economy = CounterfactualEconomy()
        for _ in 0..<2 { XCTAssertEqual(economy.advance(m, productivityShock: 0, demandShock: 0), 0) }
        let sP = m.productivityShockSD, sD = m.demandShockSD
        XCTAssertEqual(economy.productivity, 100 * pow(1.01 * exp(-0.5 * sP * sP), 2), accuracy: 1e-12)
        XCTAssertEqual(economy.trendProductivity, 100 * 1.01 * 1.01, accuracy: 1e-12)
        XCTAssertEqual(economy.demand, pow(1.02 * exp(-0.5 * sD * sD), 2), accuracy: 1e-12)
        XCTAssertEqual(economy.price, 1.03 * 1.03, accuracy: 1e-15)
        m.spendingTrendMode = true
        var trend = CounterfactualEconomy()
        XCTAssertEqual(trend.advance(m, productivityShock: 0, demandShock: 1), sD)
        XCTAssertEqual(trend.demand, exp(0.02 + sD), accuracy: 1e-15, "no mean correction in trend mode")
    }

    /// Section 4: with ρ = 1 the programme's operating cost is the counterfactual's; investment
    /// follows the planned schedule, run cost the added adoption; nothing in the base year.
    func testSpending() {
        var m = parameters { $0.curves = Dictionary(uniqueKeysWithValues: PracticeKind.allCases.map { ($0, .step) }) }
        m.costOverrun = 2
        m.trainingCost = 0
        m.doubleRunningCost = 0
        let (adoption, planned) = RunModel.adoptionPaths(m, years: 3)
        let economy = CounterfactualEconomy()
        let base = RunModel.spending(m, economy: economy, ratio: 1, adoption: adoption, planned: planned, unmatured: 0, year: 0)
        XCTAssertEqual(base.operating, base.counterfactual)
        XCTAssertEqual(base.counterfactual, m.spending, accuracy: 1e-9)
        XCTAssertEqual(base.investment + base.runCost, 0)
        let first = RunModel.spending(m, economy: economy, ratio: 1, adoption: adoption, planned: planned, unmatured: 0, year: 1)
        let budget = m.practices.reduce(0.0) { $0 + $1.investment * 2 * max(0, $1.target - $1.start) }
        let run = m.practices.reduce(0.0) { $0 + $1.runCost * max(0, $1.target - $1.start) }
        XCTAssertEqual(first.investment, budget, accuracy: 1e-9)
        XCTAssertEqual(first.runCost, run, accuracy: 1e-9)
        let second = RunModel.spending(m, economy: economy, ratio: 1.1, adoption: adoption, planned: planned, unmatured: 0, year: 2)
        XCTAssertEqual(second.investment, 0, "a step is bought once")
        XCTAssertLessThan(second.operating, second.counterfactual, "a productivity gain saves labour cost")
    }

    /// Section 5: only customer focus and rapid iteration raise the satisfaction target, by kind.
    func testSatisfactionGainsComeFromTheirPracticesByKind() {
        var m = parameters()
        m.satisfactionMaxChange = 100
        m.satisfactionAdjustment = 1
        m.satisfactionTrend = 0
        m.customerFocusGain = 10
        m.rapidIterationGain = 4
        let starts = m.practices.values.map(\.start)
        func gain(raising kind: PracticeKind) -> Double {
            var maturity = starts
            maturity[kind.position] += 0.5
            var sat = (programme: m.satisfaction, counterfactual: m.satisfaction)
            RunModel.advanceSatisfaction(m, &sat, year: 1, maturity: maturity, ratio: 1, surprise: 0, noise: 0)
            XCTAssertEqual(sat.counterfactual, m.satisfaction, accuracy: 1e-12)
            return sat.programme - sat.counterfactual
        }
        XCTAssertEqual(gain(raising: .customerFocus), 5, accuracy: 1e-12)
        XCTAssertEqual(gain(raising: .rapidIteration), 2, accuracy: 1e-12)
        XCTAssertEqual(gain(raising: .dataAsProduct), 0, accuracy: 1e-12)
        XCTAssertEqual(gain(raising: .outcomeAccountability), 0, accuracy: 1e-12)
    }
}
