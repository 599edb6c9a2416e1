import Foundation
import GovSimCore
import XCTest

/// `govsim verify` re-runs a folder of every command from the folder alone: from another
/// working directory, after the scenario, its data files and the other folders are gone.
final class VerifyCommandTests: XCTestCase {
    private var dir: URL!
    /// Where verify runs from: a folder that holds nothing the results name.
    private var elsewhere: URL!
    /// verify's TMPDIR, empty again after every verify.
    private var tmp: URL!

    override func setUpWithError() throws {
        dir = try GovSimProcess.temporaryFolder()
        elsewhere = dir.appendingPathComponent("elsewhere")
        tmp = dir.appendingPathComponent("tmp")
        for url in [elsewhere!, tmp!] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    private func govsim(
        _ arguments: [String], in folder: URL? = nil, expect: Int32? = 0,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> GovSimProcess.Result {
        let r = try GovSimProcess.run(arguments, in: folder ?? dir, environment: ["TMPDIR": tmp.path])
        if let expect { XCTAssertEqual(r.status, expect, "\(arguments): \(r.stderr)", file: file, line: line) }
        return r
    }

    /// A copy of the shipped scenarios (with their data files) in the test folder.
    private func copyScenarios() throws {
        try FileManager.default.copyItem(
            at: GovSimProcess.packageRoot.appendingPathComponent("scenarios"),
            to: dir.appendingPathComponent("scenarios"))
    }

    /// Moves the scenarios (and their data) out of reach: into a folder removed at once.
    private func removeScenarios() throws {
        try FileManager.default.removeItem(at: dir.appendingPathComponent("scenarios"))
    }

    /// Verifies `folder` (relative to the test folder) from `elsewhere` and expects "reproduced".
    private func assertReproduced(_ folder: String, files: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try govsim(["verify", "../\(folder)"], in: elsewhere, expect: 0, file: file, line: line)
        XCTAssertEqual(
            r.stdout, "reproduced: \(files) file\(files == 1 ? "" : "s") in ../\(folder) match manifest.json after a re-run\n",
            r.stdout + r.stderr, file: file, line: line)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: tmp.path), [], "verify left its temporary folder", file: file, line: line)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [], "verify wrote into the working directory", file: file,
            line: line)
    }

    /// Issue 11, acceptance 2: a run whose scenario reads a history and a fit, run the
    /// documented way with relative paths, verifies after the scenario and its data moved away.
    func testEvidenceBasedRunVerifiesAfterTheScenarioAndItsDataMovedAway() throws {
        try copyScenarios()
        try govsim(["run", "scenarios/evidence-based.yaml", "--runs", "60", "--out", "X"])
        let manifest = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("X/manifest.json"))) as? [String: Any])
        let inputs = try XCTUnwrap(manifest["inputs"] as? [[String: Any]])
        XCTAssertEqual(
            inputs.map { $0["path"] as? String },
            [
                "scenarios/evidence-based.yaml", "data/spending-history.csv",
                "data/fit-panel/coefficients.csv", "data/fit-panel/statistics.csv",
            ])
        for input in inputs.dropFirst() {
            XCTAssertEqual(input["scenario"] as? String, "scenarios/evidence-based.yaml", "data paths are as written in the scenario")
            let path = dir.appendingPathComponent("scenarios").appendingPathComponent(try XCTUnwrap(input["path"] as? String))
            XCTAssertEqual(input["content_base64"] as? String, try Data(contentsOf: path).base64EncodedString())
        }
        let moved = dir.appendingPathComponent("moved")
        try FileManager.default.moveItem(at: dir.appendingPathComponent("scenarios"), to: moved)
        try assertReproduced("X", files: 7)  // correlations.csv: programme risk is correlated by default
        // Nothing on the disk is read in the re-run: a different file at the old path is ignored.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        try Data("version: 1\nname: other\nruns: 5\n".utf8).write(to: dir.appendingPathComponent("scenarios/evidence-based.yaml"))
        let r = try govsim(["verify", "X"])
        XCTAssertTrue(r.stdout.hasPrefix("reproduced: 7 files"), r.stdout + r.stderr)
    }

    /// Small sizes: verify's re-run path is the same for 40 runs as for 10,000 (only the shards
    /// need 1,025 runs, two blocks, to be two shards).
    func testCalibrateCompareAndSensitivityFoldersVerify() throws {
        try copyScenarios()
        _ = try govsim(["calibrate", "scenarios/evidence-based.yaml", "--runs", "60", "--out", "cal"], expect: nil)
        try govsim(["compare", "scenarios/reference.yaml", "--variants", "fast-rollout", "--runs", "40", "--seed", "4", "--out", "cmp"])
        let reference = try String(contentsOf: dir.appendingPathComponent("scenarios/reference.yaml"), encoding: .utf8)
        try Data(reference.replacingOccurrences(of: "name: reference", with: "name: plan-b").utf8).write(
            to: dir.appendingPathComponent("scenarios/plan-b.yaml"))
        try govsim([
            "compare", "scenarios/reference.yaml", "scenarios/plan-b.yaml", "--runs", "40", "--rank-by", "cumulative_investment", "--out",
            "cmp2",
        ])
        try govsim(["sensitivity", "scenarios/evidence-based.yaml", "--runs", "60", "--out", "src"])
        try govsim([
            "sensitivity", "scenarios/reference.yaml", "--method", "sobol", "--base-samples", "4", "--bootstrap", "10", "--out", "sobol",
        ])
        try govsim(["sensitivity", "scenarios/reference.yaml", "--method", "switching", "--runs", "20", "--out", "switching"])
        try govsim(["sensitivity", "scenarios/reference.yaml", "--target", "npsv", "--runs", "60", "--out", "target"])
        try removeScenarios()
        try assertReproduced("cal", files: 1)
        try assertReproduced("cmp", files: 9)
        try assertReproduced("cmp2", files: 9)
        try assertReproduced("src", files: 1)
        try assertReproduced("sobol", files: 1)
        try assertReproduced("switching", files: 1)
        try assertReproduced("target", files: 1)
        let manifest = try JSONValue.parse(Data(contentsOf: dir.appendingPathComponent("target/manifest.json")))
        XCTAssertEqual(manifest["reproduction"]?["target"], .string("npsv"), "the target is recorded for verify")
    }

    func testFitShardAndMergeFoldersVerify() throws {
        try copyScenarios()
        try govsim([
            "fit", "scenarios/data/example-panel.csv", "--response", "productivity",
            "--predictors", "customer_focus,data_as_product,rapid_iteration,outcome_accountability", "--robust", "hc1", "--out", "fit",
        ])
        for k in 1...2 {
            try govsim([
                "run", "scenarios/evidence-based.yaml", "--runs", "1100", "--seed", "9", "--shard", "\(k)/2", "--out", "shard-\(k)",
            ])
        }
        try govsim(["merge", "shard-2", "shard-1", "--out", "merged"])
        try removeScenarios()
        try assertReproduced("fit", files: 3)
        try assertReproduced("shard-1", files: 3)  // aggregate.bin, runs-rows.csv, shard.json
        // The merged folder re-runs its shards itself: it verifies with the shard folders gone.
        for k in 1...2 { try FileManager.default.removeItem(at: dir.appendingPathComponent("shard-\(k)")) }
        try assertReproduced("merged", files: 7)
    }

    /// A data file too large to record: the command says so in one warning, and verify names it.
    func testAnInputTooLargeToRecordIsNamed() throws {
        // Rows repeat every 35 (7 × 5): the file is 35 distinct rows repeated to just over the limit.
        let period = (0..<35).map { "\($0 % 7),\($0 % 5).\(String(repeating: "1", count: 60))\n" }.joined()
        var csv = "y,x\n" + String(repeating: period, count: InputSources.recordLimit / period.utf8.count)
        var row = 0
        while csv.utf8.count <= InputSources.recordLimit { csv += "\(row % 7),\(row % 5).\(String(repeating: "1", count: 60))\n"; row += 1 }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data(csv.utf8).write(to: dir.appendingPathComponent("data/big.csv"))
        let r = try govsim(["fit", "data/big.csv", "--response", "y", "--out", "fit"])
        let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        XCTAssertEqual(warnings.count, 1, r.stderr)
        XCTAssertTrue(warnings.first?.contains("data/big.csv: \(csv.utf8.count) bytes, more than the 16 MiB") ?? false, r.stderr)
        let v = try govsim(["verify", "fit"], expect: 1)
        XCTAssertTrue(v.stderr.contains("the fit-data file data/big.csv (\(csv.utf8.count) bytes) was larger than the 16 MiB"), v.stderr)
        XCTAssertFalse(v.stderr.contains("before 0.2"), v.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [])
    }
}
