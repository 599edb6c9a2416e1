import Foundation
import GovSimCore
import XCTest

/// Byte-identical outputs across thread counts and repeated runs, and `govsim verify`.
final class ReproducibilityTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try GovSimProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A small scenario with uncertain inputs: 2,100 runs are three blocks of 1,024, so the
    /// merge order across workers is exercised; six programme years keep the debug build quick.
    static let scenario = """
        version: 1
        name: repro
        horizon: 6
        runs: 2100
        seed: 11
        effects:
          realisation_lag: {triangular: {min: 2, mode: 3, max: 5}}
        spending:
          cost_overrun: {lognormal: {p5: 0.9, p95: 2.5}}

        """

    @discardableResult
    private func govsim(
        _ arguments: [String], environment: [String: String] = [:], expect: Int32? = 0,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> GovSimProcess.Result {
        let r = try GovSimProcess.run(arguments, in: dir, environment: environment)
        if let expect { XCTAssertEqual(r.status, expect, "\(arguments): \(r.stderr)", file: file, line: line) }
        return r
    }

    private func write(_ path: String, _ text: String) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Every file of a results folder; `manifest.json` without its run-specific `invocation`
    /// and `environment` sections (re-serialised with sorted keys).
    private func comparableFiles(_ folder: String) throws -> [String: Data] {
        let url = dir.appendingPathComponent(folder)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            var data = try Data(contentsOf: url.appendingPathComponent(name))
            if name == "manifest.json" {
                var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                XCTAssertNotNil(object["invocation"], "the manifest has an invocation section")
                object["invocation"] = nil
                object["environment"] = nil
                data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            }
            files[name] = data
        }
        return files
    }

    private func manifest(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: dir.appendingPathComponent(folder).appendingPathComponent("manifest.json"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: - Same bytes for any --threads, and on a repeated run

    func testRunIsByteIdenticalForOneTwoAndEightThreadsAndWhenRepeated() throws {
        try write("repro.yaml", Self.scenario)
        for (out, threads) in [("t1", "1"), ("t2", "2"), ("t8", "8"), ("t1-again", "1")] {
            try govsim(["run", "repro.yaml", "--threads", threads, "--out", out])
        }
        let reference = try comparableFiles("t1")
        // correlations.csv: programme risk is rank-correlated by default (issue 14).
        XCTAssertEqual(
            Set(reference.keys),
            ["summary.csv", "runs.csv", "budget.csv", "appraisal.csv", "correlations.csv", "report.html", "manifest.json"])
        for other in ["t2", "t8", "t1-again"] {
            let files = try comparableFiles(other)
            XCTAssertEqual(Set(files.keys), Set(reference.keys), other)
            for (name, data) in reference { XCTAssertEqual(files[name], data, "\(other)/\(name) differs from t1/\(name)") }
        }
        // The run-specific section does record the thread count.
        XCTAssertEqual((try manifest("t8")["invocation"] as? [String: Any])?["threads"] as? Int, 8)
    }

    func testCalibrateIsByteIdenticalForOneTwoAndEightThreads() throws {
        try write("repro.yaml", Self.scenario)
        for (out, threads) in [("c1", "1"), ("c2", "2"), ("c8", "8")] {
            // Exit 2 ("not calibrated" with so few runs) still writes the results.
            let r = try govsim(["calibrate", "repro.yaml", "--runs", "2100", "--threads", threads, "--out", out], expect: nil)
            XCTAssertTrue([0, 2].contains(r.status), r.stderr)
        }
        let reference = try comparableFiles("c1")
        XCTAssertEqual(Set(reference.keys), ["calibration.csv", "manifest.json"])
        for other in ["c2", "c8"] {
            XCTAssertEqual(try comparableFiles(other), reference, other)
        }
    }

    // MARK: - The manifest

    func testManifestRecordsWhatVerifyNeeds() throws {
        try write("scenarios/repro.yaml", Self.scenario)
        try govsim(["run", "scenarios/repro.yaml", "--runs", "50", "--threads", "2", "--out", "m"])
        let m = try manifest("m")
        XCTAssertNil(m["command"], "the command line is in the run-specific invocation section")
        XCTAssertEqual(m["subcommand"] as? String, "run")
        let scenario = try XCTUnwrap(m["scenario"] as? [String: Any])
        XCTAssertEqual(scenario["content"] as? String, Self.scenario)
        XCTAssertEqual(scenario["bytes"] as? Int, Self.scenario.utf8.count)
        let resolved = try XCTUnwrap(m["resolved_scenario"] as? [String: Any])
        XCTAssertEqual(resolved["runs"] as? Int, 50)
        XCTAssertEqual(resolved["horizon"] as? Int, 6)
        let parameters = try XCTUnwrap(resolved["parameters"] as? [String: String])
        XCTAssertEqual(parameters["effects.realisation_lag"], "triangular(min 2, mode 3, max 5)")
        XCTAssertEqual(parameters["baseline.labour_share"], "0.45", "defaults are filled in")
        let invocation = try XCTUnwrap(m["invocation"] as? [String: Any])
        XCTAssertEqual((invocation["command"] as? [String])?.first, "govsim")
        XCTAssertEqual(invocation["threads"] as? Int, 2)
        XCTAssertNil(invocation["input_arguments"], "verify re-runs from the typed record, not from argument positions")
        let reproduction = try XCTUnwrap(m["reproduction"] as? [String: Any])
        XCTAssertEqual(reproduction["subcommand"] as? String, "run")
        XCTAssertEqual(reproduction["scenarios"] as? [String], ["scenarios/repro.yaml"])
        XCTAssertEqual(reproduction["runs"] as? Int, 50, "a typed number, not an argument")
        XCTAssertNil(reproduction["threads"], "threads never change a byte and are not recorded")
        XCTAssertNil(reproduction["seed"], "an option left out is not recorded")
        let inputs = try XCTUnwrap(m["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.count, 1)
        XCTAssertEqual(inputs[0]["role"] as? String, "scenario")
        XCTAssertEqual(inputs[0]["path"] as? String, "scenarios/repro.yaml")
        XCTAssertEqual(inputs[0]["sha256"] as? String, SHA256.hex(Array(Self.scenario.utf8)))
        XCTAssertEqual(inputs[0]["content_base64"] as? String, Data(Self.scenario.utf8).base64EncodedString())
        XCTAssertNotNil(invocation["started_utc"])
        XCTAssertNotNil(invocation["finished_utc"])
        let environment = try XCTUnwrap(m["environment"] as? [String: Any])
        for key in [
            "swift_compiler", "architecture", "operating_system", "build_configuration", "source_checkout", "linear_algebra_libraries",
        ] {
            XCTAssertNotNil(environment[key], key)
        }
        #if os(Linux)
            let libraries = try XCTUnwrap(environment["linear_algebra_libraries"] as? [String: Any])
            let loaded = try XCTUnwrap(libraries["loaded"] as? [String])
            XCTAssertTrue(loaded.contains { $0.contains("liblapack") }, "\(loaded)")
        #endif
    }

    // MARK: - govsim verify

    func testVerifyReproducesARunAndNamesTheChangedFileAndLine() throws {
        let tmp = dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        try write("scenarios/repro.yaml", Self.scenario)
        try govsim(["run", "scenarios/repro.yaml", "--runs", "300", "--out", "results/r"])
        var r = try govsim(["verify", "results/r"], environment: ["TMPDIR": tmp.path])
        XCTAssertTrue(r.stdout.hasPrefix("reproduced: 6 files"), r.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [], "the temporary folder is removed")

        // Change one byte on line 7 of runs.csv.
        let runs = dir.appendingPathComponent("results/r/runs.csv")
        var bytes = [UInt8](try Data(contentsOf: runs))
        var newlines = 0, i = 0
        while newlines < 6 { if bytes[i] == 10 { newlines += 1 }; i += 1 }
        bytes[i + 2] = bytes[i + 2] == UInt8(ascii: "9") ? UInt8(ascii: "8") : UInt8(ascii: "9")
        try Data(bytes).write(to: runs)
        r = try govsim(["verify", "results/r"], environment: ["TMPDIR": tmp.path], expect: 1)
        XCTAssertTrue(r.stderr.contains("runs.csv: changed since govsim wrote it"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 7"), r.stderr)
        XCTAssertFalse(r.stderr.contains("summary.csv"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [])
        r = try govsim(["verify", "results/r", "--files-only"], expect: 1)
        XCTAssertTrue(r.stderr.contains("runs.csv: changed"), r.stderr)
    }

    /// The scenario is re-created from the manifest: verify works after the file changed.
    func testVerifyUsesTheRecordedScenarioAfterTheFileChanged() throws {
        try write("s.yaml", Self.scenario)
        try govsim(["run", "s.yaml", "--runs", "200", "--seed", "5"])
        try write("s.yaml", Self.scenario.replacingOccurrences(of: "seed: 11", with: "seed: 12"))
        let r = try govsim(["verify", "outputs/repro"])
        XCTAssertTrue(r.stdout.hasPrefix("reproduced"), r.stdout + r.stderr)
    }

    func testVerifyBuiltInScenarioAndCalibration() throws {
        try govsim(["run", "--runs", "200"])
        var r = try govsim(["verify", "outputs/reference"])
        XCTAssertTrue(r.stdout.hasPrefix("reproduced"), r.stdout + r.stderr)
        _ = try govsim(["calibrate", "--runs", "1500", "--out", dir.appendingPathComponent("cal").path], expect: nil)
        r = try govsim(["verify", "cal"])
        XCTAssertTrue(r.stdout.hasPrefix("reproduced: 1 file "), r.stdout + r.stderr)
    }

    func testVerifyFitAfterTheDataFileWasRemoved() throws {
        let csv = "y,x1,x2\n1,1,0.5\n3,2,1\n2,3,0\n6,4,2\n5,5,1\n8,6,2.5\n"
        try write("data/small.csv", csv)
        try govsim(["fit", "data/small.csv", "--response", "y", "--robust", "hc3", "--out", "fitted"])
        let m = try manifest("fitted")
        let inputs = try XCTUnwrap(m["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.first?["role"] as? String, "fit-data")
        XCTAssertEqual(inputs.first?["path"] as? String, "data/small.csv")
        XCTAssertEqual(inputs.first?["content_base64"] as? String, Data(csv.utf8).base64EncodedString())
        try FileManager.default.removeItem(at: dir.appendingPathComponent("data"))
        let r = try govsim(["verify", "fitted"])
        XCTAssertTrue(r.stdout.hasPrefix("reproduced: 3 files"), r.stdout + r.stderr)
    }

    /// A folder whose files match its manifest but whose command does not give those bytes
    /// (simulated by changing runs.csv and its recorded hash together).
    func testVerifyReportsAResultThatDoesNotReproduce() throws {
        try govsim(["run", "--runs", "100", "--out", "x"])
        let runs = dir.appendingPathComponent("x/runs.csv")
        var text = try String(contentsOf: runs, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        text = lines.enumerated().map { $0.offset == 3 ? $0.element.replacingOccurrences(of: "2,", with: "3,") : String($0.element) }
            .joined(separator: "\n")
        try Data(text.utf8).write(to: runs)
        let manifestURL = dir.appendingPathComponent("x/manifest.json")
        var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        var files = try XCTUnwrap(object["files"] as? [[String: Any]])
        let index = try XCTUnwrap(files.firstIndex { $0["name"] as? String == "runs.csv" })
        files[index]["sha256"] = SHA256.hex(Data(text.utf8))
        files[index]["bytes"] = text.utf8.count
        object["files"] = files
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: manifestURL)
        let r = try govsim(["verify", "x"], expect: 1)
        XCTAssertTrue(r.stderr.contains("runs.csv: not reproduced"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 4"), r.stderr)
        XCTAssertTrue(r.stderr.contains("recorded:") && r.stderr.contains("re-run:"), r.stderr)
    }

    func testVerifyRefusesFoldersItCannotCheck() throws {
        var r = try govsim(["verify", "nowhere"], expect: 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: "), r.stderr)
        XCTAssertTrue(r.stderr.contains("no such results folder"), r.stderr)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("plain"), withIntermediateDirectories: true)
        r = try govsim(["verify", "plain"], expect: 1)
        XCTAssertTrue(r.stderr.contains("no manifest"), r.stderr)
        try write("broken/manifest.json", "{not json")
        r = try govsim(["verify", "broken"], expect: 1)
        XCTAssertTrue(r.stderr.contains("not valid JSON"), r.stderr)
    }
}
