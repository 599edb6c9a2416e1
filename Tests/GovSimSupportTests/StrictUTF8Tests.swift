import XCTest

@testable import GovSimSupport

final class StrictUTF8Tests: XCTestCase {
    func testWellFormedTextDecodes() {
        XCTAssertEqual(StrictUTF8.decode(Array("plain ascii, 1.5".utf8)), "plain ascii, 1.5")
        XCTAssertEqual(StrictUTF8.decode([]), "")
        for text in ["café", "Ünïcödé", "£100", "中文", "🙂 emoji", "a\u{0301}"] {
            XCTAssertEqual(StrictUTF8.decode(Array(text.utf8)), text, text)
            XCTAssertEqual(StrictUTF8.firstInvalidOffset(Array(text.utf8)), text.utf8.count, text)
        }
    }

    /// The Unicode Standard §3.9 (table 3-7): overlong forms, surrogates, code points past
    /// U+10FFFF, lone continuation bytes and truncated sequences are ill-formed.
    func testIllFormedSequencesAreRefusedAtTheirFirstByte() {
        let cases: [([UInt8], Int)] = [
            ([0x61, 0xC0, 0x80], 1),  // overlong NUL
            ([0xE0, 0x80, 0xAF], 0),  // overlong "/"
            ([0x61, 0x62, 0xED, 0xA0, 0x80], 2),  // surrogate U+D800
            ([0xF4, 0x90, 0x80, 0x80], 0),  // U+110000
            ([0x61, 0x80], 1),  // lone continuation byte
            ([0xC3], 0),  // truncated two-byte sequence
            ([0x63, 0x61, 0x66, 0xC3], 3),  // "caf" then a truncated "é"
            ([0xFF], 0),
        ]
        for (bytes, offset) in cases {
            XCTAssertNil(StrictUTF8.decode(bytes), "\(bytes)")
            XCTAssertEqual(StrictUTF8.firstInvalidOffset(bytes), offset, "\(bytes)")
        }
    }
}
