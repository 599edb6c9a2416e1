import Foundation
import XCTest

/// `--csv-dialect` end to end: the Excel files verify, and open in LibreOffice with accented
/// names intact (skipped, saying why, when LibreOffice is not installed).
final class CSVDialectCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try GovSimProcess.temporaryFolder()
        try Data("version: 1\nname: \"Région Île-de-France\"\n".utf8).write(to: dir.appendingPathComponent("r.yaml"))
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testExcelSemicolonFilesVerify() throws {
        let r = try GovSimProcess.run(["run", "r.yaml", "--runs", "300", "--csv-dialect", "excel-semicolon", "--out", "x", "-q"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        for name in ["summary.csv", "runs.csv", "budget.csv", "appraisal.csv"] {
            let bytes = try Data(contentsOf: dir.appendingPathComponent("x/\(name)"))
            XCTAssertTrue(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("sep=;\n".utf8)), name)
            XCTAssertFalse(String(decoding: bytes, as: UTF8.self).split(separator: "\n")[1].contains(","), "\(name): header split by ';'")
        }
        let budget = String(decoding: try Data(contentsOf: dir.appendingPathComponent("x/budget.csv")), as: UTF8.self)
        XCTAssertTrue(budget.contains("\nRégion Île-de-France;npv_net_savings;mean;"), budget)
        let v = try GovSimProcess.run(["verify", "x"], in: dir)
        XCTAssertEqual(v.status, 0, v.stderr)
        XCTAssertTrue(v.stdout.hasPrefix("reproduced:"), v.stdout)
    }

    func testExcelFileOpensInLibreOfficeWithAccentsIntact() throws {
        guard
            let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"].first(
                where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw XCTSkip("LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui to run this check")
        }
        let r = try GovSimProcess.run(["run", "r.yaml", "--runs", "300", "--csv-dialect", "excel", "--out", "x", "-q"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let office = ["-env:UserInstallation=file://\(dir.path)/lo-profile", "--headless"]
        // CSV in (UTF-8, ','), xlsx out; then the xlsx back to CSV (UTF-8) to read its cells.
        let toXLSX = try GovSimProcess.run(
            executable: URL(fileURLWithPath: soffice),
            office + ["--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", "xlsx", "x/budget.csv"], in: dir)
        XCTAssertEqual(toXLSX.status, 0, toXLSX.stderr)
        let back = try GovSimProcess.run(
            executable: URL(fileURLWithPath: soffice),
            office + ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", "back", "xlsx/budget.xlsx"], in: dir)
        XCTAssertEqual(back.status, 0, back.stderr)
        let cells = String(decoding: try Data(contentsOf: dir.appendingPathComponent("back/budget.csv")), as: UTF8.self)
        XCTAssertTrue(
            cells.hasPrefix("variant,measure,statistic,value\n"),
            "the byte-order mark is not read as a character: \(cells.prefix(80).debugDescription)")
        XCTAssertTrue(cells.contains("\nRégion Île-de-France,npv_net_savings,mean,"), String(cells.prefix(300)))
    }
}
