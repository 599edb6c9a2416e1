import Foundation
import XCTest

final class RunCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try GovSimProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func read(_ path: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
    }

    func testRunWithNoArgumentWritesTheReferenceOutputs() throws {
        let r = try GovSimProcess.run(["run", "--runs", "400"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Productivity gain"), r.stdout)
        XCTAssertTrue(r.stdout.contains("90% interval"))
        let summary = try read("outputs/reference/summary.csv")
        let lines = summary.split(separator: "\n")
        XCTAssertEqual(lines[0], "year,metric,mean,sd,p5,p25,p50,p75,p95,mc_se")
        let metrics = Set(lines.dropFirst().map { $0.split(separator: ",")[1] })
        for m in [
            "productivity_index", "productivity_gain_pct", "spending", "net_savings", "cumulative_net_savings",
            "satisfaction", "satisfaction_gain", "adoption_customer_focus", "adoption_data_as_product",
            "adoption_rapid_iteration", "adoption_outcome_accountability",
        ] {
            XCTAssertTrue(metrics.contains(Substring(m)), m)
        }
        let years = Set(lines.dropFirst().map { $0.split(separator: ",")[0] })
        XCTAssertEqual(years.count, 16)
        XCTAssertTrue(years.contains("2025") && years.contains("2040"))
        for line in lines { XCTAssertEqual(line.split(separator: ",", omittingEmptySubsequences: false).count, 10) }

        let runs = try read("outputs/reference/runs.csv").split(separator: "\n")
        XCTAssertEqual(runs.count, 401)
        XCTAssertTrue(runs[0].hasPrefix("run,"))
        for column in ["effects.full_adoption_uplift", "final_productivity_gain_pct", "cumulative_net_savings", "final_satisfaction"] {
            XCTAssertTrue(runs[0].contains(column), column)
        }

        let manifest = try JSONSerialization.jsonObject(with: Data(read("outputs/reference/manifest.json").utf8)) as! [String: Any]
        XCTAssertEqual(manifest["runs"] as? Int, 400)
        XCTAssertEqual(manifest["seed"] as? String, "20251")
        XCTAssertNotNil(manifest["govsim_version"])
        let scenario = manifest["scenario"] as! [String: Any]
        XCTAssertEqual((scenario["sha256"] as? String)?.count, 64)
        let files = (manifest["files"] as! [[String: Any]]).map { $0["name"] as! String }
        XCTAssertEqual(files, ["summary.csv", "runs.csv", "budget.csv", "appraisal.csv", "correlations.csv", "report.html"])
    }

    func testThreadCountDoesNotChangeAnyByte() throws {
        let scenario = GovSimProcess.packageRoot.appendingPathComponent("scenarios/digital-first.yaml").path
        for threads in ["1", "2"] {
            let r = try GovSimProcess.run(
                ["run", scenario, "--runs", "2100", "--seed", "3", "--threads", threads, "--out", "t\(threads)"], in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        XCTAssertEqual(try read("t1/summary.csv"), try read("t2/summary.csv"))
        XCTAssertEqual(try read("t1/runs.csv"), try read("t2/runs.csv"))
        XCTAssertNotEqual(try read("t1/manifest.json"), "")
    }

    func testMalformedScenariosFailWithLocationAndWriteNothing() throws {
        let cases: [(String, String, String)] = [
            ("syntax.yaml", "version: 1\nname: s\nbaseline:\n  spending: [1, 2\n", "syntax.yaml:5:"),
            ("type.yaml", "version: 1\nname: s\nhorizon: ten\n", "type.yaml:3:10:"),
            ("unknown.yaml", "version: 1\nname: s\nbaselin: {}\n", "did you mean `baseline`?"),
            ("range.yaml", "version: 1\nname: s\nbaseline:\n  labour_share: 2\n", "range.yaml:4:17:"),
        ]
        for (name, text, expected) in cases {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
            let r = try GovSimProcess.run(["run", name, "--runs", "10"], in: dir)
            XCTAssertNotEqual(r.status, 0, name)
            XCTAssertTrue(r.stderr.contains(expected), "\(name): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("error: \(name):"), r.stderr)
            XCTAssertEqual(r.stdout, "")
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("outputs").path), name)
        }
    }

    func testMissingFileAndFolderAreClearErrors() throws {
        var r = try GovSimProcess.run(["run", "nope.yaml"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("nope.yaml: no such scenario file"), r.stderr)
        r = try GovSimProcess.run(["run", "."], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("is a folder"), r.stderr)
    }

    func testBadOptionsSayWhatToDo() throws {
        let r = try GovSimProcess.run(["run", "--runs", "0"], in: dir)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--runs must be between 1"), r.stderr)
    }

    func testRefusesToOverwriteAForeignFolder() throws {
        let out = dir.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let r = try GovSimProcess.run(["run", "--runs", "10", "--out", "mine"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("--force"), r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
    }
}

final class DataDrivenScenarioTests: XCTestCase {
    func testHistoryAndFitPriorsRunAndCalibrate() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = GovSimProcess.packageRoot.appendingPathComponent("scenarios/evidence-based.yaml").path
        let run = try GovSimProcess.run(["run", scenario, "--runs", "500", "--out", "ev"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let fits = try String(contentsOf: dir.appendingPathComponent("ev/baseline_fits.csv"), encoding: .utf8)
        XCTAssertTrue(fits.hasPrefix("parameter,file,column,n_obs,"), fits)
        XCTAssertTrue(fits.contains("baseline.spending,data/spending-history.csv,spending,15,2010,2024,"), fits)
        let calibrate = try GovSimProcess.run(["calibrate", scenario, "--runs", "2000", "--out", "evc"], in: dir)
        XCTAssertEqual(
            calibrate.status, 2, "the fitted priors' leader-versus-peer gap (about 4.6-5.6%) does not match 7-15%: " + calibrate.stdout)
        XCTAssertTrue(calibrate.stdout.contains("Prior mapping not verified"), calibrate.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("evc/calibration.csv").path))
    }
}

final class CalibrateCommandTests: XCTestCase {
    func testDefaultPriorsCalibrate() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The command's exit status, message and calibration.csv at 2000 runs; the statistics
        // themselves are GovSimOutputTests' testDefaultPriorsPassCalibration and, at 20,000 runs,
        // `.ci/run`'s release calibration. The contrast is the leader-versus-peer gap, and the
        // verdict must say it verifies the mapping of the prior, not the effect.
        let r = try GovSimProcess.run(["calibrate", "--runs", "2000", "--seed", "1", "--out", "cal"], in: dir)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("Prior mapping verified"), r.stdout)
        XCTAssertTrue(r.stdout.contains("not that the effect exists"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Leader-versus-peer productivity gap, adoption 0.9 vs 0.3"), r.stdout)
        let csv = try String(contentsOf: dir.appendingPathComponent("cal/calibration.csv"), encoding: .utf8)
        var values: [String: Double] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",")
            values[String(parts[0])] = Double(parts[1])
        }
        XCTAssertEqual(csv.split(separator: "\n")[0], "statistic,value")
        for key in [
            "gap_p5_pct", "gap_p50_pct", "gap_p95_pct", "target_low_pct", "target_high_pct", "runs", "leader_adoption", "peer_adoption",
        ] {
            XCTAssertNotNil(values[key], key)
        }
        XCTAssertEqual(values["gap_p5_pct"]!, 7, accuracy: 0.5)
        XCTAssertEqual(values["gap_p95_pct"]!, 15, accuracy: 0.5)
        XCTAssertEqual(values["runs"], 2000)
        XCTAssertEqual(values["within_tolerance"], 1)
    }

    func testMiscalibratedPriorsExitNonZero() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The pre-issue-14 prior (7-15% for none to full adoption) gives leaders only about 4-9%
        // more than peers at 0.9 vs 0.3 adoption.
        try Data("version: 1\nname: old\neffects:\n  full_adoption_uplift: {lognormal: {p5: 0.07, p95: 0.15}}\n".utf8)
            .write(to: dir.appendingPathComponent("old.yaml"))
        let r = try GovSimProcess.run(["calibrate", "old.yaml", "--runs", "4000"], in: dir)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stdout.contains("Prior mapping not verified"), r.stdout)
    }
}
