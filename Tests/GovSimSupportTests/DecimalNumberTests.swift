import Foundation
import XCTest

@testable import GovSimSupport

final class DecimalNumberTests: XCTestCase {
    /// The ASCII shortcut trims exactly what Foundation's `trimmingCharacters(in: .whitespaces)`
    /// trims: ASCII space and tab, and the non-ASCII space separators (no-break space, ideographic
    /// space, …) when they are at either end.
    func testTrimmingWhitespaceEqualsFoundations() {
        let cells = [
            "", " ", "\t", "1.5", " 1.5", "1.5 ", "\t1.5\t", "  -2e3  ", "a b", "\u{00A0}1.5", "1.5\u{00A0}", "\u{3000}7\u{3000}",
            "\u{2009}3", "x\u{2003}", "é", " é ", "1\n", "\n1", "\u{00A0}",
        ]
        for cell in cells {
            XCTAssertEqual(DecimalNumber.trimmingWhitespace(cell), cell.trimmingCharacters(in: .whitespaces), cell.debugDescription)
        }
    }

    func testParseAcceptsPlainDecimalsOnly() {
        XCTAssertEqual(DecimalNumber.parse(" 1.5 "), 1.5)
        XCTAssertEqual(DecimalNumber.parse("\u{00A0}-2e3\u{00A0}"), -2000)
        XCTAssertEqual(DecimalNumber.parse("+.5"), 0.5)
        for cell in ["", " ", "1,5", "0x10", "inf", "nan", "1e", "e5", "1.2.3", "--1", "1e999", "1\n"] {
            XCTAssertNil(DecimalNumber.parse(cell), cell.debugDescription)
        }
    }
}
