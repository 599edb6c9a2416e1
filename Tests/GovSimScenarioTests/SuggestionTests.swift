import XCTest

@testable import GovSimScenario

final class SuggestionTests: XCTestCase {
    func testEditDistance() {
        XCTAssertEqual(Suggestion.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(Suggestion.editDistance("", "abc"), 3)
        XCTAssertEqual(Suggestion.editDistance("same", "same"), 0)
    }

    func testClosest() {
        XCTAssertEqual(Suggestion.closest(to: "horizn", in: ["horizon", "runs", "seed"]), "horizon")
        XCTAssertNil(Suggestion.closest(to: "zzzzzz", in: ["horizon", "runs"]))
    }
}
