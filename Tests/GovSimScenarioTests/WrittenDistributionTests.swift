import Foundation
import GovSimTestSupport
import XCTest

@testable import GovSimScenario

/// The loader keeps each value as the file wrote it (``WrittenDistribution``), and the scenario
/// shows it only while the parameter still holds that value.
final class WrittenDistributionTests: XCTestCase {
    private func load(_ yaml: String) throws -> Scenario {
        try ScenarioLoader.load(text: "version: 1\nname: w\n" + yaml, fileName: "w.yaml")
    }

    func testDistributionsKeepTheirWrittenKeysOrderAndNumbers() throws {
        let s = try load(
            """
            effects:
              causal_share: {pert: {min: 0.50, mode: 0.8, max: 1.0}}
              realisation_lag: {triangular: {max: 7, min: 3, mode: 5}}
              full_adoption_uplift: {lognormal: {p5: 0.07, p95: 0.15}}
            budget:
              discount_rate: 0.035
            practices:
              customer_focus:
                target_adoption: {fixed: 0.90}
            """)
        XCTAssertEqual(s.writtenForm(of: "effects.causal_share"), "pert(min 0.50, mode 0.8, max 1.0)")
        XCTAssertEqual(s.writtenForm(of: "effects.realisation_lag"), "triangular(max 7, min 3, mode 5)")
        // The lognormal is sampled through μ and σ; the reader sees the quantiles written.
        XCTAssertEqual(s.writtenForm(of: "effects.full_adoption_uplift"), "lognormal(p5 0.07, p95 0.15)")
        XCTAssertNotEqual(ParameterCatalog.describe(s["effects.full_adoption_uplift"]), "lognormal(p5 0.07, p95 0.15)")
        XCTAssertEqual(s.writtenForm(of: "budget.discount_rate"), "0.035")
        XCTAssertEqual(s.writtenForm(of: "practices.customer_focus.target_adoption"), "0.90")
    }

    func testDefaultsAndReplacedValuesAreDescribedByTheValueInEffect() throws {
        var s = try load("effects:\n  causal_share: {uniform: {min: 0.4, max: 0.60}}\n")
        XCTAssertNil(s.writtenForm(of: "effects.realisation_lag"), "a default was not written")
        XCTAssertEqual(s.describedAsWritten("effects.realisation_lag"), ParameterCatalog.describe(s["effects.realisation_lag"]))
        XCTAssertEqual(s.describedAsWritten("effects.causal_share"), "uniform(min 0.4, max 0.60)")
        // A value replaced after loading (an override, a fit) is no longer what the file wrote.
        s = s.applying(["effects.causal_share": .fixed(0.5)])
        XCTAssertNil(s.writtenForm(of: "effects.causal_share"))
        XCTAssertEqual(s.describedAsWritten("effects.causal_share"), "0.5")
    }

    func testBenefitLineFactorsKeepTheirWrittenForm() throws {
        let s = try ScenarioLoader.load(text: try TestSupport.scenarioText("with-benefit-lines.yaml"), fileName: "with-benefit-lines.yaml")
        let paths = s.benefitLines.flatMap(\.specs).map(\.path).filter { s.explicitPaths.contains($0) }
        XCTAssertFalse(paths.isEmpty)
        for path in paths { XCTAssertNotNil(s.writtenForm(of: path), path) }
        XCTAssertEqual(s.writtenForm(of: "benefits.channel_shift.phone_unit_cost"), "5.00")
    }

    func testAVeryLongNumberIsShownInShortForm() throws {
        let digits = "0." + String(repeating: "0", count: 60) + "1"
        let s = try load("budget:\n  discount_rate: \(digits)\n")
        XCTAssertEqual(s.writtenForm(of: "budget.discount_rate"), CSVTable.formatNumber(Double(digits)!))
    }
}
