import Foundation
import XCTest

/// Benefit lines through the command line: `trace` writes a value and a PV column per line, and a
/// wrong line is refused with one `file:line:column` error, non-zero exit and nothing written.
final class BenefitLineCommandTests: XCTestCase {
    static let yaml = """
        version: 1
        name: lines
        horizon: 8
        runs: 200
        benefits:
          forms:
            category: citizen_time
            driver: customer_focus
            transactions: 3
            minutes_saved: 20
            value_of_time: 9

        """

    func testTraceHasLineColumnsRebuiltFromMaturity() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Self.yaml.utf8).write(to: dir.appendingPathComponent("t.yaml"))
        let r = try GovSimProcess.run(["trace", "t.yaml", "--out", "tr"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = try String(contentsOf: dir.appendingPathComponent("tr/trace.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        XCTAssertEqual(Array(header.suffix(2)), ["benefit_line_forms", "pv_benefit_line_forms"])
        var positive = 0
        for line in lines.dropFirst() {
            let row = Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",").map { Double($0)! }))
            let b = row["benefit_line_forms"]!
            XCTAssertGreaterThanOrEqual(b, 0)
            XCTAssertLessThanOrEqual(b, 3 * 20.0 / 60 * 9 + 1e-9, "at most the value at full realisation")
            XCTAssertEqual(row["pv_benefit_line_forms"]!, row["year"]! == 2025 ? 0 : b * row["discount_factor"]!, accuracy: 1e-12)
            if b > 0 { positive += 1 }
        }
        XCTAssertGreaterThan(positive, 3)
    }

    func testWrongLineIsOneErrorAndWritesNothing() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Self.yaml.replacingOccurrences(of: "driver: customer_focus", with: "driver: custmer_focus").utf8)
            .write(to: dir.appendingPathComponent("t.yaml"))
        let r = try GovSimProcess.run(["run", "t.yaml", "--out", "out"], in: dir)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("t.yaml:8:13:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean `customer_focus`?"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").filter { $0.contains("error") }.count, 1, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }
}
