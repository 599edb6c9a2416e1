import GovSimTestSupport
import XCTest

@testable import GovSimOutput

final class ComparisonEngineTests: XCTestCase {
    private func reference(runs: Int) -> Scenario {
        var s = TestSupport.reference
        s.runs = runs
        return s
    }

    func testSelfComparisonGivesExactlyZeroDeltas() {
        // Exactly zero for any run count: 300 runs (any size shows it; no statistics involved).
        let s = reference(runs: 300)
        let result = ComparisonEngine(variants: [("reference", s), ("copy", s)], baselineIndex: 0, threads: 2).run()
        let deltas = result.outcomes[1].deltas!
        for metric in Metric.allCases {
            for q in deltas[metric]! {
                XCTAssertEqual(q.mean, 0)
                XCTAssertEqual(q.standardDeviation, 0)
                XCTAssertEqual(q.quantiles, [0, 0, 0, 0, 0])
                XCTAssertEqual(q.fractionPositive, 0)
            }
        }
        let npv = result.budgetDeltas(1) { $0.npv[0] }
        XCTAssertEqual(npv.mean, 0)
        XCTAssertEqual(npv.standardDeviation, 0)
    }

    func testComparisonIsThreadIndependent() {
        // 1100 runs: two blocks, so 3 threads split the work; 4 years keep it cheap.
        var s = reference(runs: 1100)
        s.horizon = 4
        let plan = try! ComparisonPlan.variants(of: s, names: ["fast-rollout"], baseline: nil)
        let a = ComparisonTable.make(ComparisonEngine(variants: plan.variants, baselineIndex: 0, threads: 1).run()).render()
        for threads in [2, 3, 8] {
            let b = ComparisonTable.make(ComparisonEngine(variants: plan.variants, baselineIndex: 0, threads: threads).run()).render()
            XCTAssertEqual(a, b, "threads \(threads)")
        }
    }

    func testStreamedDeltasEqualTheSummaryOfEveryPairedDifference() {
        // The comparison aggregates paired differences block by block into exact quantile
        // windows: that must be exactly the summary of all of them kept in memory.
        let plan = try! ComparisonPlan.variants(of: reference(runs: 2100), names: ["fast-rollout"], baseline: nil)
        let result = ComparisonEngine(variants: plan.variants, baselineIndex: 0, threads: 3).run()
        XCTAssertEqual(result.quantileRankError, 0)
        let runs = plan.variants.map { SimulationEngine(scenario: $0.scenario, threads: 2).run().records }
        let paired = zip(runs[1], runs[0]).map { $0.finalProductivityGainPct - $1.finalProductivityGainPct }
        let direct = QuantileSummary(paired)
        let horizon = plan.variants[0].scenario.horizon
        let streamed = result.outcomes[1].deltas![.productivityGainPct]![horizon]
        XCTAssertEqual(streamed.quantiles, direct.quantiles)
        XCTAssertEqual(streamed.mean, direct.mean, accuracy: 1e-9 * max(1, abs(direct.mean)))
        XCTAssertEqual(streamed.standardDeviation, direct.standardDeviation, accuracy: 1e-9 * max(1, direct.standardDeviation))
        XCTAssertEqual(result.outcomes[0].budgets.count, 2100)
        XCTAssertNil(result.outcomes[0].deltas)
    }

    func testNPVReconcilesWithTheYearlyMeans() {
        var s = reference(runs: 500)
        s.sensitivityDiscountRates = [0.015, 0.07]
        let result = SimulationEngine(scenario: s, threads: 2).run()
        for (i, rate) in s.discountRates.enumerated() {
            var fromMeans = 0.0, factor = 1.0
            for t in 1...s.horizon {
                factor /= 1 + rate
                fromMeans += result.summary[.netSavingsReal]![t].mean * factor
            }
            let meanNPV = QuantileSummary(result.records.map { $0.budget.npv[i] }).mean
            // Both are sums of the same 500 × 15 numbers in different orders: equal to rounding.
            XCTAssertEqual(meanNPV, fromMeans, accuracy: 1e-9 * max(1, abs(fromMeans)), "rate \(rate)")
        }
    }

    func testCommonRandomNumbersShrinkTheStandardErrorOfDifferences() {
        // Paired (common random numbers) versus independent streams at the same run count:
        // SE_paired = sd(Δ)/√n and SE_independent = √(var_a + var_b)/√n.
        // Both s.e. scale as 1/√n, so their ratio does not depend on n; each sd is estimated with
        // a relative s.e. of about √((κ − 1)/(4n)) (κ the kurtosis; the cost overrun is lognormal):
        // about 7% at 1000 runs even for κ = 20. The ratio is 6.2 here, 3.5 such s.e. above 5.
        let runs = 1000
        let plan = try! ComparisonPlan.variants(of: reference(runs: runs), names: ["fast-rollout"], baseline: nil)
        let paired = ComparisonEngine(variants: plan.variants, baselineIndex: 0, threads: 2).run()
        let horizon = plan.variants[0].scenario.horizon
        let sePaired = paired.outcomes[1].deltas![.cumulativeNetSavings]![horizon].standardError
        var independentVariant = plan.variants[1].scenario
        independentVariant.seed &+= 7_777
        let a = SimulationEngine(scenario: plan.variants[0].scenario, threads: 2).run().summary[.cumulativeNetSavings]![horizon]
        let b = SimulationEngine(scenario: independentVariant, threads: 2).run().summary[.cumulativeNetSavings]![horizon]
        let seIndependent =
            (a.standardDeviation * a.standardDeviation + b.standardDeviation * b.standardDeviation).squareRoot() / Double(runs).squareRoot()
        XCTAssertGreaterThanOrEqual(seIndependent / sePaired, 5, "paired s.e. \(sePaired), independent s.e. \(seIndependent)")
    }

    func testNoProgrammeVariantHasNoInvestmentAndZeroGain() {
        let plan = try! ComparisonPlan.variants(of: reference(runs: 300), names: ["no-programme"], baseline: nil)
        let result = ComparisonEngine(variants: plan.variants, baselineIndex: 0, threads: 2).run()
        let none = result.outcomes[1]
        XCTAssertEqual(none.budgets.count, 300)
        XCTAssertTrue(none.budgets.cumulativeInvestment.allSatisfy { $0 == 0 } && none.budgets.npv[0].allSatisfy { $0 == 0 })
        XCTAssertTrue(none.budgets.benefitCostRatios.isEmpty)
        XCTAssertEqual(none.summary[.productivityGainPct]![15].p95, 0)
    }

    func testUnknownVariantNamesAreRefusedWithASuggestion() {
        XCTAssertThrowsError(try ComparisonPlan.variants(of: reference(runs: 10), names: ["fast-rolout"], baseline: nil)) { error in
            XCTAssertTrue("\(error)".contains("did you mean `fast-rollout`?"), "\(error)")
        }
        XCTAssertThrowsError(try ComparisonPlan.variants(of: reference(runs: 10), names: ["data-first", "data-first"], baseline: nil))
    }

    func testBudgetMeasuresOfAKnownPath() {
        var t = RunTrajectory(horizon: 3)
        // Net savings -10, 5, 20 (real = nominal: no inflation); investment 10 in year 1.
        for (year, net) in [(1, -10.0), (2, 5.0), (3, 20.0)] {
            t[.netSavings, year] = net
            t[.netSavingsReal, year] = net
            t[.spending, year] = 100
            t[.spendingReal, year] = 100
        }
        t[.cumulativeNetSavings, 1] = -10
        t[.cumulativeNetSavings, 2] = -5
        t[.cumulativeNetSavings, 3] = 15
        t[.investment, 1] = 10
        let b = BudgetMeasures(trajectory: t, discountRates: [0.1])
        XCTAssertEqual(b.npv[0], -10 / 1.1 + 5 / 1.21 + 20 / 1.331, accuracy: 1e-12)
        XCTAssertEqual(b.paybackYear, 3)
        XCTAssertEqual(b.cumulativeInvestment, 10)
        // Benefits: net + cost = 0, 5, 20 discounted; costs: 10 in year 1.
        XCTAssertEqual(b.benefitCostRatio!, (5 / 1.21 + 20 / 1.331) / (10 / 1.1), accuracy: 1e-12)
    }
}

final class PortfolioTests: XCTestCase {
    private func twoAgencies(correlation: Double = 0.5) throws -> Scenario {
        try TestSupport.load(
            TestSupport.header + """
                runs: 300
                portfolio:
                  shock_correlation: \(correlation)
                  organisations:
                    north:
                      baseline.spending: 400
                    south:
                      baseline.spending: 250
                      practices.data_as_product.target_adoption: 0.9
                """)
    }

    func testTotalSpendingIsTheSumOfTheOrganisationsInEveryRun() throws {
        let s = try twoAgencies()
        let plan = PlanSimulator(scenario: s)
        var work = plan.makeRun()
        for run in 0..<200 {
            plan.simulate(run: run, into: &work)
            for year in 0...s.horizon {
                for metric in [Metric.spending, .spendingCounterfactual, .investment, .netSavings, .cumulativeNetSavings] {
                    XCTAssertEqual(work.total[metric, year], work.organisations[0][metric, year] + work.organisations[1][metric, year])
                }
            }
            XCTAssertEqual(work.total[.spending, 0], 650)
        }
    }

    func testPortfolioOutputsPerOrganisationAndTotal() throws {
        let result = SimulationEngine(scenario: try twoAgencies(), threads: 2).run()
        XCTAssertEqual(result.organisationSummaries.map(\.0), ["north", "south"])
        let table = SummaryTable.organisations(result).render()
        XCTAssertTrue(table.hasPrefix("organisation,year,metric,"))
        XCTAssertEqual(result.summary[.spending]![0].mean, 650)
        XCTAssertTrue(result.inputNames.contains("north:practices.data_as_product.target_adoption"))
    }

    func testShockCorrelationBetweenOrganisations() throws {
        // Year-1 productivity shocks of the two agencies: correlation ρ = 0.5 by construction.
        // With 4000 runs the sample correlation's s.e. is about (1 − ρ²)/√n = 0.012; allow 4 s.e.
        let s = try twoAgencies(correlation: 0.5)
        var a: [Double] = [], b: [Double] = []
        for run in 0..<4000 {
            let stream = RandomStream(seed: s.seed, run: UInt64(run))
            a.append(YearlyShocks(stream: stream, organisation: "north", correlation: 0.5).normals(year: 1).0)
            b.append(YearlyShocks(stream: stream, organisation: "south", correlation: 0.5).normals(year: 1).0)
        }
        let ma = a.reduce(0, +) / 4000, mb = b.reduce(0, +) / 4000
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in 0..<4000 { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb) }
        XCTAssertEqual(sab / (saa * sbb).squareRoot(), 0.5, accuracy: 0.048)
    }

    func testBadPortfoliosAndVariantsAreRefused() {
        let bad: [(String, String)] = [
            (
                "variants:\n  fast:\n    practices.data_as_product.target_adoptoin: 0.9\n",
                "did you mean `practices.data_as_product.target_adoption`?"
            ),
            ("variants:\n  fast:\n    practices.data_as_product.target_adoption: high\n", "must be a number"),
            ("variants:\n  fast:\n    baseline.labour_share: 2\n", "between 0 and 1"),
            ("variants:\n  fast: {}\n  fast: {}\n", "duplicate key `fast`"),
            ("variants:\n  t: {}\n", "the scenario's own name"),
            ("variants:\n  fast:\n    practices.data_as_product.curve.logistic.speed: 2\n", "not in effect"),
            ("portfolio:\n  organisations:\n    a:\n      baseline.spendng: 3\n", "did you mean `baseline.spending`?"),
            ("portfolio:\n  shock_correlation: 1.5\n  organisations:\n    a: {}\n", "between 0 and 1"),
            ("portfolio:\n  weight_by: service_users\n  organisations:\n    a: {}\n", "no service_users"),
        ]
        for (yaml, fragment) in bad {
            let d = TestSupport.diagnostics(TestSupport.header + yaml)
            XCTAssertTrue(d.contains { $0.description.contains(fragment) }, "\(yaml) → \(d.map(\.description))")
            XCTAssertTrue(d.allSatisfy { $0.line >= 3 }, "\(d)")
        }
    }
}
