import Foundation
import XCTest

@testable import GovSimOutput

/// ``CSVDialect``: standard files unchanged, the Excel byte-order mark, and `;` separators that
/// keep quoted fields whole.
final class CSVDialectTests: XCTestCase {
    private let csv = Data("name,value,note\nRégion Île-de-France,0.5,\"a, b\"\nx;y,-1,\"say \"\"hi\"\"\nthere\"\n".utf8)

    func testStandardIsUnchanged() {
        XCTAssertEqual(CSVDialect.standard.file(csv), csv)
    }

    func testExcelAddsOnlyTheByteOrderMark() {
        XCTAssertEqual(CSVDialect.excel.file(csv), Data(CSVDialect.byteOrderMark) + csv)
    }

    func testExcelSemicolonSeparatesAndQuotes() {
        let text = String(decoding: CSVDialect.excelSemicolon.file(csv).dropFirst(3), as: UTF8.self)
        XCTAssertEqual(text, "sep=;\nname;value;note\nRégion Île-de-France;0.5;\"a, b\"\n\"x;y\";-1;\"say \"\"hi\"\"\nthere\"\n")
        XCTAssertEqual(Array(CSVDialect.excelSemicolon.file(csv).prefix(3)), CSVDialect.byteOrderMark)
    }

    /// Pieces that end at rows' ends convert to the same bytes as the whole file (runs.csv is
    /// converted as it is streamed).
    func testPiecesConvertLikeTheWhole() {
        let lines = String(decoding: csv, as: UTF8.self)
        let header = Array("name,value,note\n".utf8), rest = Array(lines.utf8.dropFirst(header.count))
        let pieces = CSVDialect.excelSemicolon.rows(header) + CSVDialect.excelSemicolon.rows(rest)
        XCTAssertEqual(CSVDialect.excelSemicolon.preamble + pieces, Array(CSVDialect.excelSemicolon.file(csv)))
    }

    /// The record carries the dialect to verify's re-run, and refuses an unknown one.
    func testRecordedDialectIsReRun() {
        var record = ReproductionRecord(.run)
        record.csvDialect = "excel-semicolon"
        XCTAssertTrue(record.arguments(output: "o").contains("--csv-dialect=excel-semicolon"))
        XCTAssertNil(record.problem)
        record.csvDialect = "latin1"
        XCTAssertEqual(record.problem, "csv_dialect is `latin1`; it must be standard, excel or excel-semicolon")
    }
}
