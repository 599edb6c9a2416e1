import XCTest

@testable import GovSimEngine
@testable import GovSimModel

/// The typed wiring from the catalog to ``ModelParameters``: every parameter the model reads is
/// found by name and reaches its own field.
final class ModelParametersTests: XCTestCase {
    /// Scenarios covering every curve kind and both spending drivers.
    private var scenarios: [Scenario] {
        var mixed = Scenario(name: "mixed")
        mixed.curves = [.customerFocus: .logistic, .dataAsProduct: .bass, .rapidIteration: .step, .outcomeAccountability: .logistic]
        var trend = mixed
        trend.spendingTrend = true
        trend.curves = [.customerFocus: .bass, .dataAsProduct: .step, .rapidIteration: .logistic, .outcomeAccountability: .bass]
        return [Scenario(name: "default"), mixed, trend]
    }

    /// Paths of the catalog the model does not read itself: the sampler turns the two delivery
    /// inputs into `programme_risk.delivery`; budget and calibration rules are read by studies.
    private func readByModel(_ path: String) -> Bool {
        // budget.* and appraisal.* are read by BudgetMeasures and AppraisalSettings from the run's trajectory, not by the model;
        // programme_risk.correlation by the loader, which turns it into rank correlations.
        !path.hasPrefix("budget.") && !path.hasPrefix("appraisal.") && !path.hasPrefix("calibration.")
            && path != "programme_risk.full_delivery_probability" && path != "programme_risk.shortfall_delivery"
            && path != "programme_risk.correlation"
            && path != "effects.no_effect_probability" && path != "effects.leader_adoption" && path != "effects.peer_adoption"
    }

    func testEveryCatalogParameterReachesItsField() {
        for scenario in scenarios {
            let layout = InputLayout(scenario: scenario)
            // Distinct values, so that a field reading another parameter's slot is caught.
            let values = layout.paths.indices.map { 1000 + Double($0) }
            let m = ModelParameters(layout: layout, values: values)
            var read: [Double] = []
            for input in ModelInput.allCases {
                guard let x = m[input] else {
                    XCTAssertFalse(input.isInEffect(spendingTrend: scenario.spendingTrend), "\(input) not read in \(scenario.name)")
                    continue
                }
                XCTAssertEqual(x, values[layout.position(input.path)], "\(input.path) in \(scenario.name)")
                read.append(x)
            }
            for kind in PracticeKind.allCases {
                for input in PracticeInput.allCases {
                    guard let x = m[input, of: kind] else {
                        XCTAssertFalse(input.isInEffect(curve: scenario.curves[kind]!), "\(input.path(kind)) not read")
                        continue
                    }
                    XCTAssertEqual(x, values[layout.position(input.path(kind))], "\(input.path(kind)) in \(scenario.name)")
                    read.append(x)
                }
                XCTAssertEqual(m.practices[kind].curve.kind, scenario.curves[kind], "\(kind) curve")
            }
            XCTAssertEqual(Set(read).count, read.count, "two fields read the same parameter in \(scenario.name)")
            XCTAssertEqual(m.horizon, scenario.horizon)
            XCTAssertEqual(m.spendingTrendMode, scenario.spendingTrend)
        }
    }

    func testTheModelReadsEveryCatalogParameterInEffect() {
        for scenario in scenarios {
            let layout = InputLayout(scenario: scenario)
            let expected = Set(scenario.specs.map(\.path).filter(readByModel) + [InputLayout.deliveryPath, InputLayout.effectPresentPath])
            XCTAssertEqual(Set(layout.modelPaths), expected, scenario.name)
            XCTAssertEqual(layout.modelPaths.count, expected.count, "a path read twice in \(scenario.name)")
        }
    }

    func testInputPathsAreCatalogPaths() {
        let catalog = Set(ParameterCatalog.allPaths + [InputLayout.deliveryPath, InputLayout.effectPresentPath])
        for input in ModelInput.allCases { XCTAssertTrue(catalog.contains(input.path), input.path) }
        for kind in PracticeKind.allCases {
            for input in PracticeInput.allCases { XCTAssertTrue(catalog.contains(input.path(kind)), input.path(kind)) }
        }
    }

    func testPracticesAreAddressedByKind() throws {
        var s = Scenario(name: "kinds")
        for (i, kind) in PracticeKind.allCases.enumerated() {
            s["practices.\(kind.rawValue).start_adoption"] = .fixed(0.01 * Double(i + 1))
        }
        let sampler = InputSampler(scenario: s)
        let m = ModelParameters(layout: sampler.layout, values: sampler.values(run: 0))
        for (i, kind) in PracticeKind.allCases.enumerated() {
            XCTAssertEqual(m.practices[kind].start, 0.01 * Double(i + 1), accuracy: 0, "\(kind)")
        }
        XCTAssertEqual(m.practices.count, PracticeKind.allCases.count)
        XCTAssertEqual(Array(m.practices.pairs.map(\.0)), PracticeKind.allCases)
    }
}
