import GovSimTestSupport
import XCTest

@testable import GovSimEngine

final class OutturnEvaluationTests: XCTestCase {
    private func observation(_ value: Double, metric: Metric = .spending, year: Int = 1) -> OutturnFile.Observation {
        .init(year: 2025 + year, yearIndex: year, metric: metric, value: value, sd: nil, line: 2)
    }

    func testPITCountsTiesHalfAndBandsAreClosed() {
        let values = (0..<100).map(Double.init)  // 0 … 99; p25 = 24.75, p75 = 74.25, p5 = 4.95, p95 = 94.05
        let e = OutturnEvaluation(
            observations: [observation(10), observation(-1), observation(24.75), observation(99.5)],
            values: [values, values, values, values])
        XCTAssertEqual(e.points[0].pit, 10.5 / 100)  // 10 below, one equal
        XCTAssertEqual(e.points[1].pit, 0)
        XCTAssertEqual(e.points[3].pit, 1)
        XCTAssertEqual(e.points[0].median, 49.5)
        XCTAssertEqual(e.points[0].medianError, 10 - 49.5)
        XCTAssertEqual(e.points.map(\.in50), [false, false, true, false])
        XCTAssertEqual(e.points.map(\.in90), [true, false, true, false])
        XCTAssertEqual(e.coverage50.inside, 1)
        XCTAssertEqual(e.coverage90.inside, 2)
        XCTAssertEqual(e.coverage90.standardError, (0.09 / 4).squareRoot(), accuracy: 1e-15)
    }

    func testValuesAreTheRunsOfTheForecastForAnyThreads() {
        var s = TestSupport.reference
        s.runs = 1100  // two blocks
        s.horizon = 4
        let observations = [observation(0, metric: .productivityIndex, year: 2), observation(0, metric: .spending, year: 4)]
        let plan = PlanSimulator(scenario: s)
        let one = OutturnEvaluation.observedValues(plan: plan, observations: observations, threads: 1)
        XCTAssertEqual(one, OutturnEvaluation.observedValues(plan: plan, observations: observations, threads: 3))
        // The medians are those of summary.csv (exact quantiles at this size).
        let result = SimulationEngine(scenario: s, threads: 2).run()
        let e = OutturnEvaluation(observations: observations, values: one)
        XCTAssertEqual(e.points[0].median, result.summary[.productivityIndex]![2].p50)
        XCTAssertEqual(e.points[1].forecast.p5, result.summary[.spending]![4].p5)
    }

    func testACalibratedForecastCoversItsBands() {
        // Observations drawn from the forecast's own distribution: PIT uniform, coverage near nominal.
        var s = TestSupport.reference
        s.runs = 400
        s.horizon = 3
        let plan = PlanSimulator(scenario: s)
        var truth = s
        truth.seed = 99
        truth.runs = 200
        let truths = SimulationEngine(scenario: truth, threads: 2).run().records.count
        XCTAssertEqual(truths, 200)
        var observations: [OutturnFile.Observation] = []
        var work = PlanSimulator(scenario: truth).makeRun()
        for r in 0..<200 {
            PlanSimulator(scenario: truth).simulate(run: r, into: &work)
            observations.append(observation(work.total[.spending, 3], metric: .spending, year: 3))
        }
        let column = OutturnEvaluation.observedValues(plan: plan, observations: [observations[0]], threads: 2)[0]
        let e = OutturnEvaluation(observations: observations, values: Array(repeating: column, count: observations.count))
        // 200 independent truths: binomial SE of the 90% coverage is 0.021, of the 50% 0.035;
        // the forecast's 400-run quantiles add about as much again. 4 SE of the two combined.
        XCTAssertEqual(e.coverage90.share, 0.9, accuracy: 4 * (0.09 / 200 + 0.09 / 400).squareRoot())
        XCTAssertEqual(e.coverage50.share, 0.5, accuracy: 4 * (0.25 / 200 + 0.25 / 400).squareRoot())
    }
}
