import Foundation
import XCTest

@testable import GovSimEngine

final class OutturnFileTests: XCTestCase {
    private func parse(_ text: String) throws -> OutturnFile {
        try OutturnFile.parse(Data(text.utf8), fileName: "o.csv", startYear: 2025, horizon: 5)
    }

    private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> DataTableError? {
        do {
            _ = try parse(text)
            XCTFail("accepted", file: file, line: line)
            return nil
        } catch let e as DataTableError {
            return e
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    func testReadsObservationsWithAndWithoutSD() throws {
        let o = try parse("year,metric,value,sd\n2026,productivity_index,101.5,0.4\n2028,spending,1100,\n")
        XCTAssertEqual(o.observations.count, 2)
        XCTAssertEqual(o.observations[0].metric, .productivityIndex)
        XCTAssertEqual(o.observations[0].yearIndex, 1)
        XCTAssertEqual(o.observations[0].sd, 0.4)
        XCTAssertEqual(o.observations[1].yearIndex, 3)
        XCTAssertNil(o.observations[1].sd)
        XCTAssertEqual(o.observations[1].line, 3)
        XCTAssertEqual(o.yearIndices, [1, 3])
        XCTAssertThrowsError(try o.requireSD()) { e in
            XCTAssertTrue("\(e)".hasPrefix("o.csv:3:4: spending in 2028 has no measurement sd"), "\(e)")
        }
        XCTAssertNoThrow(try parse("year,metric,value,sd\n2026,spending,1,2\n").requireSD())
    }

    func testUnknownMetricIsLocatedWithASuggestion() {
        let e = error("year,metric,value\n2026,productivity_indx,101\n")
        XCTAssertEqual(e?.line, 2)
        XCTAssertEqual(e?.column, 2)
        XCTAssertTrue(e?.description.contains("did you mean 'productivity_index'") == true, e?.description ?? "")
    }

    func testYearOutsideTheHorizonAndBaseYearAreRefused() {
        for (year, hint) in [("2025", "base year"), ("2031", "longer horizon"), ("20x6", "whole calendar year")] {
            let e = error("year,metric,value\n\(year),spending,1\n")
            XCTAssertEqual(e?.line, 2)
            XCTAssertEqual(e?.column, 1)
            XCTAssertTrue(e?.description.contains(hint) == true, e?.description ?? "")
        }
    }

    func testNonNumbersUnknownColumnsBadSDAndDuplicates() {
        XCTAssertEqual(error("year,metric,value\n2026,spending,abc\n").map { "\($0.line!):\($0.column!)" }, "2:3")
        XCTAssertEqual(error("year,metric,value\n2026,spending,nan\n").map { "\($0.line!):\($0.column!)" }, "2:3")
        XCTAssertEqual(error("year,metric,valeu\n2026,spending,1\n").map { "\($0.line!):\($0.column!)" }, "1:3")
        XCTAssertEqual(error("year,metric\n2026,spending\n")?.kind, .unknownColumn)
        XCTAssertEqual(error("year,metric,value,sd\n2026,spending,1,-1\n").map { "\($0.line!):\($0.column!)" }, "2:4")
        XCTAssertEqual(error("year,metric,value,sd\n2026,spending,1,x\n").map { "\($0.line!):\($0.column!)" }, "2:4")
        let dup = error("year,metric,value\n2026,spending,1\n2027,spending,1\n2026,spending,2\n")
        XCTAssertEqual(dup.map { "\($0.line!):\($0.column!)" }, "4:2")
        XCTAssertTrue(dup?.description.contains("line 2") == true)
        XCTAssertEqual(error("year,metric,value\n")?.kind, .noDataRows)
    }
}
