import XCTest

@testable import GovSimAnalysis

/// Reference values from scipy 1.17.1 (`scipy.stats.rankdata`, `scipy.stats.spearmanr`),
/// computed offline.
final class SpearmanCorrelationTests: XCTestCase {
    let x = [1.5, 2, 3, 3, 5, 6, 7, 8, 8, 8]
    let y = [2.0, 1, 4, 3, 7, 8, 6, 5, 10, 9]
    let z = [5.0, 5, 5, 1, 2, 3, 9, 9, 0, 4]

    func testMidRanks() {
        XCTAssertEqual(SpearmanCorrelation.ranks(x), [1, 2, 3.5, 3.5, 5, 6, 7, 9, 9, 9])
        XCTAssertEqual(SpearmanCorrelation.ranks(z), [7, 7, 7, 2, 3, 4, 9.5, 9.5, 1, 5])
    }

    func testMatchesScipy() {
        XCTAssertEqual(SpearmanCorrelation.coefficient(x, y), 0.8247129895615292, accuracy: 1e-14)
        XCTAssertEqual(SpearmanCorrelation.coefficient(x, z), -0.0625, accuracy: 1e-14)
        let m = SpearmanCorrelation.matrix(of: SampleMatrix(columns: [x, y, z]))
        XCTAssertEqual(m[1 + 2 * 3], -0.43082021842766455, accuracy: 1e-14)
        XCTAssertEqual(m[2 + 1 * 3], m[1 + 2 * 3])
        XCTAssertEqual(m[0], 1)
        XCTAssertTrue(SpearmanCorrelation.matrix(of: SampleMatrix(columns: [x, [Double](repeating: 1, count: 10)]))[3].isNaN)
    }
}
