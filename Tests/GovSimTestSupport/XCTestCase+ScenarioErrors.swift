import GovSimScenario
import XCTest

extension XCTestCase {
    /// Asserts that `yaml` fails to load with a first diagnostic on `line` (and `column`, when
    /// given) of test.yaml, in one line, that contains each of `fragments`.
    package func assertScenarioError(
        _ yaml: String, line: Int, column: Int? = nil, contains fragments: [String],
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        let d = TestSupport.diagnostics(yaml)
        guard let first = d.first else { return XCTFail("expected an error", file: file, line: sourceLine) }
        XCTAssertEqual(first.line, line, "\(first)", file: file, line: sourceLine)
        if let column { XCTAssertEqual(first.column, column, "\(first)", file: file, line: sourceLine) }
        XCTAssertTrue(first.description.hasPrefix("test.yaml:\(line):"), first.description, file: file, line: sourceLine)
        for fragment in fragments {
            XCTAssertTrue(first.description.contains(fragment), "\(first.description) lacks \(fragment)", file: file, line: sourceLine)
        }
        XCTAssertFalse(first.description.contains("\n"), "one line", file: file, line: sourceLine)
    }
}
