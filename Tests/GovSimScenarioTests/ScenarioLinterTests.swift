import GovSimTestSupport
import XCTest

@testable import GovSimScenario

final class ScenarioLinterTests: XCTestCase {
    func warnings(_ yaml: String) throws -> [Diagnostic] {
        let s = try TestSupport.load(yaml)
        return ScenarioLinter.warnings(for: s, text: yaml, fileName: "test.yaml")
    }

    func testExampleScenariosAndDefaultsHaveNoWarnings() throws {
        for name in ["reference.yaml", "digital-first.yaml", "cautious-rollout.yaml"] {
            XCTAssertEqual(try warnings(TestSupport.scenarioText(name)).map(\.description), [], name)
        }
        XCTAssertEqual(try warnings(TestSupport.header), [])
        XCTAssertEqual(try warnings(StarterScenario.text(name: "t")), [])
    }

    func testTargetBelowStartIsLocatedAtTheTargetKey() throws {
        let yaml = TestSupport.header + "practices:\n  customer_focus:\n    start_adoption: 0.6\n    target_adoption: 0.4\n"
        let w = try warnings(yaml)
        XCTAssertEqual(w.count, 1)
        XCTAssertEqual(w[0].severity, .warning)
        XCTAssertEqual(w[0].line, 6)
        XCTAssertEqual(w[0].column, 5)
        XCTAssertTrue(
            w[0].description.hasPrefix(
                "test.yaml:6:5: warning: practices.customer_focus.target_adoption (0.4) is below start_adoption (0.6)"), w[0].description)
    }

    func testTargetBelowStartInSomeRuns() throws {
        let yaml =
            TestSupport.header
            + "practices:\n  data_as_product:\n    start_adoption: 0.5\n    target_adoption: {uniform: {min: 0.3, max: 0.9}}\n"
        let w = try warnings(yaml)
        XCTAssertEqual(w.count, 1)
        XCTAssertEqual(w[0].line, 6)
        XCTAssertTrue(w[0].message.contains("in more than 5% of runs"), w[0].message)
    }

    func testStartAboveDefaultTargetIsLocatedAtTheStartKey() throws {
        let yaml = TestSupport.header + "practices:\n  rapid_iteration:\n    start_adoption: 0.9\n"
        let w = try warnings(yaml)
        XCTAssertEqual(w.map(\.line), [5])
    }

    func testWideDistributionOfAPositiveQuantity() throws {
        let yaml =
            TestSupport.header
            + "spending:\n  cost_overrun: {uniform: {min: 0.2, max: 5}}\nbaseline:\n  spending: {lognormal: {p5: 100, p95: 2000}}\n"
        let w = try warnings(yaml)
        XCTAssertEqual(w.map(\.line), [4, 6])
        XCTAssertTrue(w[0].message.contains("spending.cost_overrun spans more than an order of magnitude"), w[0].message)
        XCTAssertEqual(w[0].column, 3)
    }

    func testRangesFromZeroAndWrittenDefaultsAreNotFlagged() throws {
        // A delay from 0 years has p5 near 0: the ratio says nothing. The default cost overrun
        // (p95/p5 ≈ 10.8, documented) written out is not flagged either.
        let yaml =
            TestSupport.header
            + "programme_risk:\n  delay: {uniform: {min: 0, max: 1}}\nspending:\n  cost_overrun: {lognormal: {mean: 1.45, sd: 1.2}}\n"
        XCTAssertEqual(try warnings(yaml), [])
    }

    func testHorizonShorterThanTheRealisationLag() throws {
        var w = try warnings(TestSupport.header + "horizon: 4\n")
        XCTAssertEqual(w.count, 1)
        XCTAssertEqual(w[0].line, 3)
        XCTAssertTrue(w[0].message.contains("mode 5 years"), w[0].message)
        w = try warnings(TestSupport.header + "horizon: 6\neffects:\n  realisation_lag: {uniform: {min: 6, max: 9}}\n")
        XCTAssertTrue(w[0].message.contains("mean 7.5 years"), w[0].message)
        XCTAssertEqual(try warnings(TestSupport.header + "horizon: 5\n"), [])
    }
}
