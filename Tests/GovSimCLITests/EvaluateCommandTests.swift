import Foundation
import XCTest

/// Issue 16: `govsim evaluate` (acceptance 1 and 2) and `govsim run --condition-on` end to end.
final class EvaluateCommandTests: XCTestCase {
    static let scenario = """
        version: 1
        name: outturn-test
        horizon: 4
        runs: 400

        """

    private func folder() throws -> URL {
        let dir = try GovSimProcess.temporaryFolder()
        try Data(Self.scenario.utf8).write(to: dir.appendingPathComponent("s.yaml"))
        return dir
    }

    private func text(_ dir: URL, _ path: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
    }

    func testEvaluateWritesEvaluationCalibrationAndTheOverlaidReport() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(try GovSimProcess.run(["run", "s.yaml", "--out", "f", "--quiet"], in: dir).status, 0)
        try Data("year,metric,value\n2026,productivity_index,100.2\n2027,spending,1060\n2028,productivity_index,250\n".utf8)
            .write(to: dir.appendingPathComponent("o.csv"))
        let r = try GovSimProcess.run(["evaluate", "f", "o.csv"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Coverage of the 90% band: 2 of 3 observations"), r.stdout)
        let rows = try text(dir, "f-evaluation/evaluation.csv").split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        XCTAssertEqual(
            rows[0], ["year", "metric", "observed", "pit", "median", "in_50", "in_90", "median_error", "p5", "p25", "p75", "p95"])
        XCTAssertEqual(rows.count, 4)
        XCTAssertEqual(rows[3][0...3], ["2028", "productivity_index", "250", "1"])  // far above every run
        XCTAssertEqual(rows[3][6], "false")
        // The median is the forecast's own (summary.csv of the results folder).
        let summary = try text(dir, "f/summary.csv").split(separator: "\n").first { $0.hasPrefix("2026,productivity_index,") }!
        XCTAssertEqual(summary.split(separator: ",")[6], Substring(rows[1][4]))
        XCTAssertEqual(try text(dir, "f-evaluation/calibration.csv").split(separator: "\n").count, 3)
        let report = try text(dir, "f-evaluation/report.html")
        XCTAssertEqual(report.components(separatedBy: "<g class=\"outturn\">").count - 1, 2, "points on the productivity and spending fans")
        XCTAssertTrue(report.contains("outturn: o.csv"))
        XCTAssertTrue(try text(dir, "f-evaluation/manifest.json").contains("\"subcommand\": \"evaluate\""))
        // A results folder that is not a run's is refused in one line.
        let missing = try GovSimProcess.run(["evaluate", "nowhere", "o.csv"], in: dir)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nowhere/manifest.json: no such file"), missing.stderr)
    }

    func testMalformedOutturnIsRefusedWithItsLocationAndNothingWritten() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(try GovSimProcess.run(["run", "s.yaml", "--out", "f", "--quiet"], in: dir).status, 0)
        let cases = [
            ("year,metric,value\n2026,spendng,1\n", "bad.csv:2:2: unknown metric 'spendng'; did you mean 'spending'?"),
            ("year,metric,value\n2031,spending,1\n", "bad.csv:2:1: year 2031 is outside the forecast's years 2026–2029"),
            ("year,metric,value,sd\n2026,spending,1,\n2027,spending,x,1\n", "bad.csv:3:3: value 'x' is not a number"),
        ]
        for (content, message) in cases {
            try Data(content.utf8).write(to: dir.appendingPathComponent("bad.csv"))
            for arguments in [["evaluate", "f", "bad.csv", "--out", "e"], ["run", "s.yaml", "--condition-on", "bad.csv", "--out", "c"]] {
                let r = try GovSimProcess.run(arguments, in: dir)
                XCTAssertEqual(r.status, 1, arguments.joined(separator: " "))
                XCTAssertTrue(r.stderr.hasPrefix("error: " + message), r.stderr)
                XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            }
            for name in ["e", "c"] { XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path)) }
        }
        // Conditioning needs every observation's sd.
        try Data("year,metric,value\n2026,spending,1030\n".utf8).write(to: dir.appendingPathComponent("nosd.csv"))
        let r = try GovSimProcess.run(["run", "s.yaml", "--condition-on", "nosd.csv", "--out", "c"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("nosd.csv:2:4: spending in 2026 has no measurement sd"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("c").path))
    }

    func testConditionedRunWritesPosteriorAndReproduces() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(
            "year,metric,value,sd\n2026,productivity_index,100.8,0.3\n2027,productivity_index,101.5,0.3\n2027,adoption_customer_focus,0.12,0.01\n"
                .utf8
        )
        .write(to: dir.appendingPathComponent("o.csv"))
        let r = try GovSimProcess.run(["run", "s.yaml", "--condition-on", "o.csv", "--out", "c", "--threads", "2"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Conditioned on 2027 (2 observations): effective sample size"), r.stdout)
        let posterior = try text(dir, "c/posterior.csv").split(separator: "\n")
        XCTAssertTrue(posterior[0].hasPrefix("input,prior_mean,prior_sd,prior_p5,prior_p50,prior_p95,posterior_mean"))
        XCTAssertTrue(posterior.contains { $0.hasPrefix("programme_risk.delivery,") })
        XCTAssertTrue(try text(dir, "c/report.html").contains("<g class=\"outturn\">"))
        XCTAssertTrue(try text(dir, "c/manifest.json").contains("\"condition_on\": \"o.csv\""))
        // Evaluating a conditioned forecast is refused (it has seen the outturn).
        let e = try GovSimProcess.run(["evaluate", "c", "o.csv"], in: dir)
        XCTAssertEqual(e.status, 1)
        XCTAssertTrue(e.stderr.contains("conditioned on outturn"), e.stderr)
        // verify re-runs the conditioned run from the manifest's recorded scenario and outturn.
        let v = try GovSimProcess.run(["verify", "c"], in: dir)
        XCTAssertEqual(v.status, 0, v.stdout + v.stderr)
    }
}
