import XCTest

@testable import GovSimEngine

final class RunValueTableTests: XCTestCase {
    func testBlocksLandAtTheirRunsWhateverTheOrder() {
        var t = RunValueTable(runs: 5, columns: 2)
        t.store(block: 3..<5, rows: [6, 7, 8, 9])
        t.store(block: 0..<3, rows: [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(t.values, (0..<10).map(Double.init))
        XCTAssertEqual(t.column(1), [1, 3, 5, 7, 9])
        let m = t.matrix()
        XCTAssertEqual(m[4, 0], 8)
        XCTAssertEqual(m[1, 1], 3)
        XCTAssertEqual(t.sampleMatrix().values, t.values)
    }
}
