import Foundation
import XCTest

@testable import GovSimScenario

final class DataTableTests: XCTestCase {
    func parse(_ text: String, file: String = "data.csv") throws -> DataTable {
        try DataTable(text: text, fileName: file)
    }

    /// Asserts that parsing/fitting throws a DataTableError of `kind` at `line`/`column`,
    /// and that the one-line message contains the location and every fragment.
    func assertError(
        _ kind: DataTableError.Kind, line: Int?, column: Int?, contains fragments: [String] = [],
        _ body: () throws -> Void, file: StaticString = #filePath, at sourceLine: UInt = #line
    ) {
        XCTAssertThrowsError(try body(), file: file, line: sourceLine) { error in
            guard let error = error as? DataTableError else {
                return XCTFail("not a DataTableError: \(error)", file: file, line: sourceLine)
            }
            XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: sourceLine)
            XCTAssertEqual(error.line, line, "\(error)", file: file, line: sourceLine)
            XCTAssertEqual(error.column, column, "\(error)", file: file, line: sourceLine)
            let message = error.description
            XCTAssertFalse(message.contains("\n"), "one line: \(message)", file: file, line: sourceLine)
            XCTAssertTrue(message.hasPrefix("data.csv"), message, file: file, line: sourceLine)
            if let line {
                XCTAssertTrue(
                    message.hasPrefix("data.csv:\(line)" + (column.map { ":\($0):" } ?? ":")), message, file: file, line: sourceLine)
            }
            XCTAssertTrue(message.contains("; "), "has a fix: \(message)", file: file, line: sourceLine)
            for fragment in fragments {
                XCTAssertTrue(message.contains(fragment), "'\(fragment)' missing in: \(message)", file: file, line: sourceLine)
            }
        }
    }

    // MARK: - Parsing

    func testSimpleTable() throws {
        let table = try parse("a,b\n1,2\n3,4.5\n")
        XCTAssertEqual(table.columnNames, ["a", "b"])
        XCTAssertEqual(table.rows, [["1", "2"], ["3", "4.5"]])
        XCTAssertEqual(table.lineNumbers, [2, 3])
        XCTAssertEqual(try table.numericColumn("b"), [2, 4.5])
    }

    func testQuotedFieldsWithCommasNewlinesAndDoubledQuotes() throws {
        let text = "name,note,value\n\"Smith, J.\",\"said \"\"hi\"\"\nthen left\",1.5\nplain,\"\",2\n\"x\",y,\"3\"\n"
        let table = try parse(text)
        XCTAssertEqual(table.rows[0], ["Smith, J.", "said \"hi\"\nthen left", "1.5"])
        XCTAssertEqual(table.rows[1], ["plain", "", "2"])
        XCTAssertEqual(table.rows[2], ["x", "y", "3"])
        // The second record starts on line 4 because the first spans lines 2–3.
        XCTAssertEqual(table.lineNumbers, [2, 4, 5])
        XCTAssertEqual(try table.numericColumn("value"), [1.5, 2, 3])
        XCTAssertEqual(table.numericColumnNames, ["value"])
    }

    func testCRLFBOMAndMissingFinalNewline() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("x,y\r\n1,2\r\n3,4".utf8)
        let table = try DataTable(data: Data(bytes), fileName: "data.csv")
        XCTAssertEqual(table.columnNames, ["x", "y"], "BOM is not part of the first name")
        XCTAssertEqual(table.rows, [["1", "2"], ["3", "4"]])
        XCTAssertEqual(table.lineNumbers, [2, 3])
        // CRLF inside quotes is kept; lone CR also ends a record.
        let other = try parse("x,y\r\"a\r\nb\",2\r3,4\r")
        XCTAssertEqual(other.rows, [["a\r\nb", "2"], ["3", "4"]])
        XCTAssertEqual(other.lineNumbers, [2, 4])
    }

    func testBlankLinesAreSkippedAndLinesStillCounted() throws {
        let leading = try parse("\n\na,b\n1,2\n")
        XCTAssertEqual(leading.headerLineNumber, 3)
        XCTAssertEqual(leading.lineNumbers, [4])
        let table = try parse("a,b\n\n1,2\n\n\n3,4\n\n")
        XCTAssertEqual(table.rows, [["1", "2"], ["3", "4"]])
        XCTAssertEqual(table.lineNumbers, [3, 6])
    }

    func testUTF8NamesSpacesAroundQuotesAndHeaderTrimming() throws {
        let table = try parse(" région , \"coût\" \nÎle, 3.5 \n")
        XCTAssertEqual(table.columnNames, ["région", "coût"])
        XCTAssertEqual(table.rows, [["Île", " 3.5 "]])
        XCTAssertEqual(try table.numericColumn("coût"), [3.5], "spaces around a number are allowed")
    }

    func testNumberSyntax() {
        for good in ["0", "-1", "+2.5", ".5", "5.", "1e3", "1.5E-3", " 7 ", "-0.0"] {
            XCTAssertNotNil(DataTable.number(from: good), good)
        }
        for bad in ["", "abc", "1,5", "1.2.3", "1e", "e3", "--1", "1-2", "0x1p3", "inf", "nan", "Infinity", "12%", "1e400"] {
            XCTAssertNil(DataTable.number(from: bad), bad)
        }
        XCTAssertEqual(DataTable.number(from: "1.5E-3"), 0.0015)
    }

    // MARK: - Errors

    func testEmptyFile() {
        assertError(.emptyFile, line: nil, column: nil, contains: ["empty"]) { _ = try parse("") }
        assertError(.emptyFile, line: nil, column: nil) { _ = try parse("\n\n") }
        assertError(.emptyFile, line: nil, column: nil) { _ = try DataTable(data: Data([0xEF, 0xBB, 0xBF]), fileName: "data.csv") }
    }

    func testHeaderOnly() {
        assertError(.noDataRows, line: 1, column: nil, contains: ["no data rows"]) { _ = try parse("a,b\n") }
    }

    func testRaggedRows() {
        assertError(.raggedRow, line: 3, column: 3, contains: ["2 values", "3 columns", "'c'"]) {
            _ = try parse("a,b,c\n1,2,3\n4,5\n")
        }
        assertError(.raggedRow, line: 2, column: 3, contains: ["3 values", "2 columns", "extra value"]) {
            _ = try parse("a,b\n1,2,3\n")
        }
        // A multi-line quoted field shifts the line of the next record.
        assertError(.raggedRow, line: 4, column: 2) { _ = try parse("a,b\n\"x\ny\",1\n2\n") }
    }

    func testUnterminatedQuote() {
        assertError(.unterminatedQuote, line: 3, column: 2, contains: ["closing double quote"]) {
            _ = try parse("a,b\n1,2\n3,\"oops\n4,5\n")
        }
    }

    func testStrayQuotes() {
        assertError(.strayQuote, line: 2, column: 2) { _ = try parse("a,b\n1,2\"3\n") }
        assertError(.strayQuote, line: 2, column: 1) { _ = try parse("a,b\n\"1\"x,2\n") }
    }

    func testInvalidUTF8() {
        var bytes = Array("a,b\n1,2\n3,".utf8)
        bytes += [0x34, 0xFF, 0x35]  // "4\xFF5"
        bytes += Array("\n".utf8)
        assertError(.invalidUTF8, line: 3, column: 2, contains: ["UTF-8", "byte 2"]) {
            _ = try DataTable(data: Data(bytes), fileName: "data.csv")
        }
        // Latin-1 é in a header name.
        assertError(.invalidUTF8, line: 1, column: 1) {
            _ = try DataTable(data: Data([0x63, 0x61, 0x66, 0xE9, 0x2C, 0x62, 0x0A, 0x31, 0x2C, 0x32, 0x0A]), fileName: "data.csv")
        }
    }

    func testHeaderProblems() {
        assertError(.duplicateColumnName, line: 1, column: 3, contains: ["'a'", "columns 1 and 3"]) { _ = try parse("a,b,a\n1,2,3\n") }
        assertError(.emptyColumnName, line: 1, column: 2) { _ = try parse("a,,c\n1,2,3\n") }
    }

    func testNonNumericAndMissingCells() throws {
        let table = try parse("y,x\n1,2\n2,abc\n3,\n4,NA\n5,\"1,5\"\n6,12%\n")
        assertError(.nonNumericCell, line: 3, column: 2, contains: ["\"abc\"", "'x'", "not a number"]) { _ = try table.numericColumn("x") }
        let rows = try parse("y,x\n1,2\n3,\n")
        assertError(.missingCell, line: 3, column: 2, contains: ["'x'", "missing", "fill in a number or remove the row"]) {
            _ = try rows.numericColumn("x")
        }
        assertError(.missingCell, line: 2, column: 2, contains: ["'NA'"]) { _ = try parse("y,x\n4,NA\n").numericColumn("x") }
        assertError(.nonNumericCell, line: 2, column: 2, contains: ["dot, not a comma"]) {
            _ = try parse("y,x\n5,\"1,5\"\n").numericColumn("x")
        }
        assertError(.nonNumericCell, line: 2, column: 2, contains: ["% sign"]) { _ = try parse("y,x\n6,12%\n").numericColumn("x") }
    }

    func testUnknownColumnSuggestsTheClosestName() throws {
        let table = try parse("productivity,customer_focus\n1,2\n")
        assertError(
            .unknownColumn, line: 1, column: nil,
            contains: ["'prodctivity'", "(did you mean 'productivity'?)", "productivity, customer_focus"]
        ) {
            _ = try table.columnIndex("prodctivity")
        }
        assertError(.unknownColumn, line: 1, column: nil, contains: ["did you mean 'customer_focus'?"]) {
            _ = try table.columnIndex("Customer_Focus")
        }
        XCTAssertThrowsError(try table.columnIndex("zzz")) { error in
            XCTAssertFalse("\(error)".contains("did you mean"), "no suggestion for a far-off name: \(error)")
        }
    }

    // MARK: - The fit path's data errors

    func testFitMissingResponseColumn() throws {
        let table = try parse("y,x\n1,2\n2,3\n3,5\n")
        assertError(.unknownColumn, line: 1, column: nil, contains: ["'z'"]) { _ = try table.fitLinearRegression(response: "z") }
        assertError(.unknownColumn, line: 1, column: nil, contains: ["'xx'", "did you mean 'x'?"]) {
            _ = try table.fitLinearRegression(response: "y", predictors: ["xx"])
        }
    }

    func testFitFewerRowsThanParameters() throws {
        let table = try parse("y,a,b\n1,2,3\n2,3,1\n3,5,8\n")
        assertError(.tooFewRows, line: nil, column: nil, contains: ["3 data rows for 3 parameters", "intercept, a, b", "at least 4 rows"]) {
            _ = try table.fitLinearRegression(response: "y")
        }
    }

    func testFitConstantResponse() throws {
        let table = try parse("x,y\n1,7\n2,7\n3,7\n4,7\n")
        assertError(.constantResponse, line: 1, column: 2, contains: ["'y' is 7 in every row"]) {
            _ = try table.fitLinearRegression(response: "y")
        }
        XCTAssertTrue(
            try XCTUnwrap(try? table.fitLinearRegression(response: "y", intercept: false)).rSquared > 0.5,
            "without an intercept a constant response is a valid (uncentred) fit")
    }

    func testFitNonNumericCellNamesRowAndColumn() throws {
        let table = try parse("y,x\n1,2\n2,3\n3,oops\n4,6\n")
        assertError(.nonNumericCell, line: 4, column: 2, contains: ["\"oops\"", "'x'"]) { _ = try table.fitLinearRegression(response: "y") }
        XCTAssertEqual(table.defaultPredictors(response: "y"), ["x"], "a column with one bad cell is still numeric")
    }

    func testFitCollinearPredictorsNameTheColumns() throws {
        let table = try parse("y,a,b,c\n1,1,2,5\n3,2,1,4\n2,3,5,13\n5,4,0,4\n4,5,3,11\n")  // c = a + 2b
        assertError(.collinearColumns, line: 1, column: 4, contains: ["collinear", "'c' ≈ 1·'a' + 2·'b'", "drop 'c'"]) {
            _ = try table.fitLinearRegression(response: "y")
        }
    }

    func testFitModelSpecificationErrors() throws {
        let table = try parse("y,x,intercept\n1,2,1\n2,3,1\n3,5,1\n4,4,1\n")
        assertError(.invalidModel, line: 1, column: 1, contains: ["also listed"]) {
            _ = try table.fitLinearRegression(response: "y", predictors: ["x", "y"])
        }
        assertError(.invalidModel, line: 1, column: 2, contains: ["listed twice"]) {
            _ = try table.fitLinearRegression(response: "y", predictors: ["x", "x"])
        }
        assertError(.invalidModel, line: 1, column: 3, contains: ["'intercept'"]) {
            _ = try table.fitLinearRegression(response: "y", predictors: ["x", "intercept"])
        }
        let fit = try table.fitLinearRegression(response: "y", predictors: ["x", "intercept"], intercept: false)
        XCTAssertEqual(fit.termNames, ["x", "intercept"])
        let textOnly = try parse("y,name\n1,a\n2,b\n3,c\n")
        assertError(.invalidModel, line: nil, column: nil, contains: ["no predictor"]) {
            _ = try textOnly.fitLinearRegression(response: "y")
        }
    }

    func testFitDefaultPredictorsSkipTextColumns() throws {
        let table = try parse("org,y,x1,x2\nA,1,1,0\nB,3,2,1\nC,2,3,0\nD,6,4,2\nE,5,5,1\n")
        XCTAssertEqual(table.numericColumnNames, ["y", "x1", "x2"])
        let fit = try table.fitLinearRegression(response: "y")
        XCTAssertEqual(fit.termNames, ["intercept", "x1", "x2"])
    }

    // MARK: - Limits and excerpts

    /// The widest header allowed parses (the duplicate-name check was quadratic); one more
    /// column is refused where it starts.
    func testColumnLimit() throws {
        let names = (0..<DataTable.maximumColumns).map { "c\($0)" }
        let table = try parse(names.joined(separator: ",") + "\n" + Array(repeating: "1", count: names.count).joined(separator: ",") + "\n")
        XCTAssertEqual(table.columnNames.count, DataTable.maximumColumns)
        assertError(.tooLarge, line: 1, column: DataTable.maximumColumns + 1, contains: ["more than 10000 values"]) {
            _ = try parse((names + ["extra"]).joined(separator: ",") + "\n1\n")
        }
        assertError(.duplicateColumnName, line: 1, column: 10, contains: ["'c2' appears twice", "columns 3 and 10"]) {
            _ = try parse("c0,c1,c2,c3,c4,c5,c6,c7,c8,c2\n1,1,1,1,1,1,1,1,1,1\n")
        }
    }

    func testNULByteIsRefusedWithoutEchoingContent() {
        assertError(.invalidUTF8, line: 2, column: nil, contains: ["NUL byte"]) {
            _ = try DataTable(bytes: Array("a,b\nSECRET=1\u{0}x\n".utf8), fileName: "data.csv")
        }
        XCTAssertThrowsError(try DataTable(bytes: Array("a,b\nSECRET=1\u{0}x\n".utf8), fileName: "data.csv")) {
            XCTAssertFalse("\($0)".contains("SECRET"))
        }
    }

    func testMessagesShowOnlyShortEscapedExcerpts() throws {
        XCTAssertEqual(DataTable.excerpt("spending"), "'spending'")
        XCTAssertEqual(DataTable.excerpt("root:x:0:0:root:/root:/bin/bash"), "'root:x:0:0:r'… (31 characters)")
        XCTAssertEqual(DataTable.excerpt("a\u{1B}[2Jb"), "'a\\u{1b}[2Jb'")
        let table = try parse("root:x:0:0:root:/root:/bin/bash\nx\n")
        assertError(.unknownColumn, line: 1, column: nil, contains: ["(31 characters)"]) { _ = try table.numericColumn("year") }
        XCTAssertThrowsError(try table.numericColumn("year")) { XCTAssertFalse("\($0)".contains("/bin/bash")) }
        let wide = try parse(
            (0..<50).map { "name\($0)" }.joined(separator: ",") + "\n" + Array(repeating: "1", count: 50).joined(separator: ",") + "\n")
        assertError(.unknownColumn, line: 1, column: nil, contains: ["name9 and 40 more"]) { _ = try wide.numericColumn("year") }
    }

    func testYearsMustBeWholeCalendarYears() throws {
        let table = try parse("year,v\n2010,1\n2011.5,2\n")
        assertError(.outOfRange, line: 3, column: 1, contains: ["2011.5", "between 1000 and 3000"]) { _ = try table.yearColumn("year") }
        assertError(.outOfRange, line: 2, column: 1, contains: ["1e+19"]) { _ = try parse("year,v\n1e19,1\n").yearColumn("year") }
        XCTAssertEqual(try parse("year,v\n2010,1\n").yearColumn("year"), [2010])
    }

    /// Squares of 1e200 overflow and of 1e-300 underflow: the fit's statistics were Inf/NaN.
    func testFitRefusesColumnsWhoseSquaresOverflow() throws {
        let huge = try parse("y,x\n" + (0..<10).map { "\(1e200 * Double($0 + 1)),\($0 % 3)\n" }.joined())
        assertError(.outOfRange, line: 1, column: 1, contains: ["column 'y'", "1e-100 to 1e100"]) {
            _ = try huge.fitLinearRegression(response: "y")
        }
        let tiny = try parse("y,x\n" + (0..<10).map { "\($0 % 4),\(1e-300 * Double($0 + 1))\n" }.joined())
        assertError(.outOfRange, line: 1, column: 2, contains: ["column 'x'"]) { _ = try tiny.fitLinearRegression(response: "y") }
    }
}
