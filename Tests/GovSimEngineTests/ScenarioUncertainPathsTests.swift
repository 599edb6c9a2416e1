import GovSimTestSupport
import XCTest

@testable import GovSimEngine

/// `Scenario.uncertainPaths` (what the loader checks correlations against) must name exactly the
/// inputs the engine's `InputSampler` draws, in its order.
final class ScenarioUncertainPathsTests: XCTestCase {
    private func assertMatchesTheSampler(_ s: Scenario, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(s.uncertainPaths, InputSampler(scenario: s).dimensions.map(\.path), file: file, line: line)
    }

    func testReferenceMatchesTheSampler() {
        let s = TestSupport.reference
        XCTAssertTrue(s.uncertainPaths.contains(Scenario.deliveryPath))
        XCTAssertFalse(s.uncertainPaths.contains("programme_risk.shortfall_delivery"))
        assertMatchesTheSampler(s)
    }

    func testCertainDeliveryIsNotAnUncertainInput() {
        var s = TestSupport.reference
        s["programme_risk.full_delivery_probability"] = .fixed(1)
        XCTAssertFalse(s.uncertainPaths.contains(Scenario.deliveryPath))
        assertMatchesTheSampler(s)
    }

    func testNoFullDeliveryWithAFixedShortfallIsCertain() {
        var s = TestSupport.reference
        s["programme_risk.full_delivery_probability"] = .fixed(0)
        s["programme_risk.shortfall_delivery"] = .fixed(0.6)
        XCTAssertFalse(s.uncertainPaths.contains(Scenario.deliveryPath))
        assertMatchesTheSampler(s)
    }

    func testAFixedParameterIsNotUncertain() throws {
        var s = TestSupport.reference
        let path = try XCTUnwrap(s.uncertainPaths.first { $0 != Scenario.deliveryPath })
        s[path] = .fixed(s[path].mean)
        XCTAssertFalse(s.uncertainPaths.contains(path))
        assertMatchesTheSampler(s)
    }

    func testTheLayoutUsesTheScenarioDeliveryPath() {
        XCTAssertEqual(InputLayout.deliveryPath, "programme_risk.delivery")
    }
}
