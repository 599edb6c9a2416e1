import XCTest

@testable import GovSimRandom

final class PseudoRandomDesignTests: XCTestCase {
    /// Pseudo-random baseline: values in (0, 1), run-addressed, mean 0.5 within 4.5 SE
    /// (SE = √(1/12/N), N = 40,000 values).
    func testPseudoRandomDesign() {
        let design = PseudoRandomDesign(dimensions: 5, seed: 3)
        let all = design.points(for: 0..<8000)
        XCTAssertTrue(all.values.allSatisfy { $0 > 0 && $0 < 1 })
        XCTAssertEqual(design.points(for: 4321..<4322).row(0), all.row(4321))
        XCTAssertEqual(design.point(at: 17), all.row(17))
        XCTAssertNotEqual(all.row(0), PseudoRandomDesign(dimensions: 5, seed: 4).point(at: 0))
        let mean = all.values.reduce(0, +) / Double(all.values.count)
        XCTAssertEqual(mean, 0.5, accuracy: 4.5 * (1.0 / 12 / Double(all.values.count)).squareRoot())
    }
}
