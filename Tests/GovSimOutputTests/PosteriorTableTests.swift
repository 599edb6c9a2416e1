import XCTest

@testable import GovSimOutput

final class PosteriorTableTests: XCTestCase {
    func testPriorBesidePosteriorWithTheSDRatio() {
        let table = PosteriorTable.make(
            inputNames: ["a", "b"], prior: [[0, 5], [2, 5], [4, 5]], posterior: [[1, 5], [2, 5], [3, 5]])
        let lines = table.render().split(separator: "\n")
        XCTAssertEqual(lines[0], Substring(PosteriorTable.header.joined(separator: ",")))
        XCTAssertEqual(lines[1], "a,2,2,0.2,2,3.8,2,1,1.1,2,2.9,0.5")
        XCTAssertTrue(lines[2].hasSuffix(",0,5,5,5,"))  // a fixed input: no ratio
    }
}
