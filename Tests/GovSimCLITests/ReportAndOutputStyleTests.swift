import Foundation
import XCTest

/// `govsim run` writes report.html; progress and `--quiet` behave on pipes.
final class ReportAndOutputStyleTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try GovSimProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testRunWritesTheReportAndListsItInTheManifest() throws {
        let r = try GovSimProcess.run(["run", "--runs", "300", "--out", "out"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try Data(contentsOf: dir.appendingPathComponent("out/report.html"))
        let html = String(decoding: report, as: UTF8.self)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        for metric in ["productivity_index", "spending", "net_savings", "cumulative_net_savings", "satisfaction"] {
            XCTAssertTrue(html.contains("data-metric=\"\(metric)\""), metric)
        }
        XCTAssertTrue(html.contains("scenarios/reference.yaml"))
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/manifest.json"))) as! [String: Any]
        let files = manifest["files"] as! [[String: Any]]
        let entry = try XCTUnwrap(files.first { $0["name"] as? String == "report.html" })
        XCTAssertEqual(entry["bytes"] as? Int, report.count)
        XCTAssertEqual((entry["sha256"] as? String)?.count, 64)
        // The report names the scenario's hash, as the manifest does.
        let scenario = manifest["scenario"] as! [String: Any]
        XCTAssertTrue(html.contains(scenario["sha256"] as! String))
    }

    func testQuietPrintsNothingOnSuccess() throws {
        let r = try GovSimProcess.run(["run", "--runs", "200", "--quiet", "--out", "q"], in: dir)
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("q/report.html").path))
        let c = try GovSimProcess.run(["calibrate", "--runs", "2000", "-q", "--out", "c"], in: dir)
        XCTAssertTrue([0, 2].contains(c.status), c.stderr)
        XCTAssertEqual(c.stdout, "")
        XCTAssertEqual(c.stderr, "")
    }

    func testQuietStillReportsErrors() throws {
        let r = try GovSimProcess.run(["run", "missing.yaml", "--quiet"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: missing.yaml: no such scenario file"), r.stderr)
    }

    func testNoProgressBarOrColourInAPipe() throws {
        let r = try GovSimProcess.run(["run", "--runs", "3000", "--out", "p"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "", "nothing on standard error when it is not a terminal")
        XCTAssertFalse(r.stdout.contains("\u{1B}"), "no escape sequences on a pipe")
        XCTAssertFalse(r.stdout.contains("\r"))
        XCTAssertFalse(r.stdout.contains("runs/s"))
        XCTAssertTrue(r.stdout.contains("Productivity gain"))
    }

    func testProgressFlagGivesPlainLinesInAPipe() throws {
        let r = try GovSimProcess.run(["run", "--runs", "3000", "--progress", "--out", "p"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lastLine = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(lastLine.hasPrefix("progress: 3,000 runs done in "), r.stderr)
        XCTAssertFalse(r.stderr.contains("\r"))
        XCTAssertFalse(r.stderr.contains("\u{1B}"))
        for line in r.stderr.split(separator: "\n") { XCTAssertTrue(line.hasPrefix("progress: "), String(line)) }
        XCTAssertTrue(r.stdout.contains("Productivity gain"), "the summary still goes to standard output")
    }

    func testQuietAndProgressConflict() throws {
        let r = try GovSimProcess.run(["run", "--quiet", "--progress"], in: dir)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--quiet and --progress"), r.stderr)
    }
}
