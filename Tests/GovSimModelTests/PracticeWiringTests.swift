import XCTest

@testable import GovSimModel

/// What a new practice relies on: per-practice values addressed by kind, metrics whose stored
/// positions follow their declaration, and curves that know their kind.
final class PracticeWiringTests: XCTestCase {
    func testPerPracticeIsAddressedByKind() {
        var values = PerPractice { $0.rawValue }
        XCTAssertEqual(values.values, PracticeKind.allCases.map(\.rawValue))
        for kind in PracticeKind.allCases { XCTAssertEqual(values[kind], kind.rawValue) }
        values[.rapidIteration] = "changed"
        XCTAssertEqual(values[.rapidIteration], "changed")
        XCTAssertEqual(values.values.filter { $0 == "changed" }.count, 1)
        XCTAssertEqual(Array(values).count, PracticeKind.allCases.count)
    }

    func testPracticePositionsAndOrder() {
        for (i, kind) in PracticeKind.allCases.enumerated() { XCTAssertEqual(kind.position, i) }
        XCTAssertEqual(PracticeKind.allCases.sorted(), PracticeKind.allCases)
        XCTAssertEqual(PracticeKind.countInWords, "four")
    }

    /// A metric's ``Metric/index`` is its position in ``Metric/allCases`` (the trajectory's
    /// layout), and every practice has its own adoption metric named after it.
    func testMetricIndicesFollowTheDeclarationAndEveryPracticeHasAnAdoptionMetric() {
        XCTAssertEqual(Metric.allCases.map(\.index), Array(Metric.allCases.indices))
        let adoption = PracticeKind.allCases.map(Metric.adoption)
        XCTAssertEqual(Set(adoption).count, PracticeKind.allCases.count)
        for kind in PracticeKind.allCases { XCTAssertEqual(Metric.adoption(kind).rawValue, "adoption_" + kind.rawValue) }
    }

    func testEveryPracticeHasDefaultsInTheCatalog() {
        for kind in PracticeKind.allCases {
            for curve in AdoptionCurveKind.allCases {
                let paths = ParameterCatalog.practice(kind, curve: curve).map(\.path)
                XCTAssertTrue(paths.contains("practices.\(kind.rawValue).start_adoption"))
            }
            XCTAssertTrue(ParameterCatalog.general.contains { $0.path == "effects.weights.\(kind.rawValue)" })
        }
    }

    func testAdoptionCurveKinds() {
        XCTAssertEqual(AdoptionCurve.bass(p: 0.03, q: 0.38).kind, .bass)
        XCTAssertEqual(AdoptionCurve.logistic(midpoint: 5, speed: 0.8).kind, .logistic)
        XCTAssertEqual(AdoptionCurve.step.kind, .step)
        XCTAssertEqual(AdoptionCurve.step.progress(0.5), 0)
        XCTAssertNotEqual(AdoptionCurve.bass(p: 0.03, q: 0.38), .bass(p: 0.03, q: 0.39))
    }
}
