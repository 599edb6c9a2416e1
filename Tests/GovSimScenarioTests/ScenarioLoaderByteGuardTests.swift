import GovSimTestSupport
import XCTest

@testable import GovSimScenario

/// `ScenarioLoader+ByteGuards.swift` and the text positions of `ScenarioLoader+Diagnostics.swift`.
final class ScenarioLoaderByteGuardTests: XCTestCase {
    func testOversizeAndInvalidUTF8AreRefusedWithAPosition() {
        XCTAssertThrowsError(try ScenarioLoader.text(of: Data(count: ScenarioLoader.maximumBytes + 1), fileName: "big.yaml")) { error in
            XCTAssertTrue("\(error)".contains("larger than the \(ScenarioLoader.maximumBytes)-byte limit"), "\(error)")
        }
        let bytes = Data("a: 1\nbé: \u{FF}".utf8) + Data([0xFF])
        XCTAssertThrowsError(try ScenarioLoader.text(of: bytes, fileName: "bad.yaml")) { error in
            let d = (error as? ScenarioError)?.diagnostics.first
            XCTAssertEqual(d?.line, 2)
            XCTAssertTrue(d?.message.contains("not valid UTF-8") ?? false)
        }
        XCTAssertEqual(try ScenarioLoader.text(of: Data("name: x\n".utf8), fileName: "ok.yaml"), "name: x\n")
    }

    func testFirstInvalidUTF8Position() {
        XCTAssertEqual(ScenarioLoader.firstInvalidUTF8(Data([0x61, 0x0A, 0x62, 0xC3])).0, 2)
        XCTAssertEqual(ScenarioLoader.firstInvalidUTF8(Data([0x61, 0x0A, 0x62, 0xC3])).1, 2, "truncated sequence at column 2")
        XCTAssertEqual(ScenarioLoader.firstInvalidUTF8(Data([0x80])).1, 1)
    }

    func testNULByteIsReportedOnItsLine() {
        let d = TestSupport.diagnostics(TestSupport.header + "runs: 10\n\u{0}\n")
        XCTAssertEqual(d.first?.line, 4)
        XCTAssertTrue(d.first?.message.contains("NUL byte") ?? false, "\(d)")
    }

    func testDuplicateKeyAndOffsetPositions() {
        // The newline after `cdé` is at byte 7, column 4: the two bytes of é are one column.
        XCTAssertEqual(ScenarioLoader.lineColumn(ofUTF8Offset: 7, in: "ab\ncdé\n").0, 2)
        XCTAssertEqual(ScenarioLoader.lineColumn(ofUTF8Offset: 7, in: "ab\ncdé\n").1, 4)
        let d = TestSupport.diagnostics(TestSupport.header + "runs: 10\nseed: 1\nruns: 20\n")
        XCTAssertEqual(d.first?.line, 5, "\(d)")
        XCTAssertTrue(d.first?.message.contains("duplicate key `runs`") ?? false, "\(d)")
    }
}
