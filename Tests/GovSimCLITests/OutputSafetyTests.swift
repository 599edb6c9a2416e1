import Foundation
import XCTest

/// govsim never removes a file it did not write: every case puts a precious file where a
/// careless `--out` would reach it and requires a non-zero exit, a one-line message, and the
/// file unchanged byte for byte.
final class OutputSafetyTests: XCTestCase {
    private var dir: URL!
    /// Bytes no output of govsim could reproduce.
    private let precious = Data((0..<256).map { UInt8($0) } + Array("precious notes\n".utf8))

    override func setUpWithError() throws { dir = try GovSimProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func url(_ path: String) -> URL { dir.appendingPathComponent(path) }

    private func place(_ path: String) throws {
        try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try precious.write(to: url(path))
    }

    /// The run failed with one `error:` line containing `expected`, and every precious file survived.
    private func assertRefused(
        _ r: GovSimProcess.Result, _ expected: String, keeping paths: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertNotEqual(r.status, 0, "expected a refusal; stderr: \(r.stderr)", file: file, line: line)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("error: "), r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.contains(expected), "\(r.stderr) lacks \(expected)", file: file, line: line)
        for path in paths {
            XCTAssertEqual(try? Data(contentsOf: url(path)), precious, "\(path) was changed or removed", file: file, line: line)
        }
    }

    private func govsim(_ arguments: [String], in folder: String = "", environment: [String: String] = [:]) throws -> GovSimProcess.Result {
        try GovSimProcess.run(arguments, in: folder.isEmpty ? dir : url(folder), environment: environment)
    }

    func testRerunIntoAFolderWithAddedFilesIsRefusedEvenWithForce() throws {
        XCTAssertEqual(try govsim(["run", "--runs", "20", "--out", "res", "--quiet"]).status, 0)
        let summary = try Data(contentsOf: url("res/summary.csv"))
        try place("res/notes.txt")
        try place("res/chart.png")
        for force in [[], ["--force"]] {
            let r = try govsim(["run", "--runs", "30", "--out", "res", "--quiet"] + force)
            assertRefused(r, "holds 2 entries govsim did not write (chart.png, notes.txt)", keeping: ["res/notes.txt", "res/chart.png"])
            XCTAssertTrue(r.stderr.contains("even with --force"), r.stderr)
            XCTAssertEqual(try Data(contentsOf: url("res/summary.csv")), summary, "the previous results were replaced")
        }
        // A subfolder counts as foreign too.
        try FileManager.default.removeItem(at: url("res/notes.txt"))
        try FileManager.default.removeItem(at: url("res/chart.png"))
        try place("res/figures/plot.png")
        assertRefused(
            try govsim(["run", "--runs", "30", "--out", "res", "--force", "--quiet"]), "figures/", keeping: ["res/figures/plot.png"])
    }

    func testAGovSimFolderWithEditedFilesNeedsForceAndTheMessageSaysWhatItReplaces() throws {
        XCTAssertEqual(try govsim(["run", "--runs", "20", "--out", "res", "--quiet"]).status, 0)
        XCTAssertEqual(try govsim(["run", "--runs", "20", "--out", "res", "--quiet"]).status, 0, "an unchanged govsim folder is replaced")
        var summary = try Data(contentsOf: url("res/summary.csv"))
        summary[summary.count - 2] = summary[summary.count - 2] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try summary.write(to: url("res/summary.csv"))
        let r = try govsim(["run", "--runs", "20", "--out", "res", "--quiet"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("summary.csv changed since"), r.stderr)
        XCTAssertTrue(
            r.stderr.contains(
                "pass --force to replace the folder's 7 govsim files (appraisal.csv, budget.csv, correlations.csv, manifest.json, report.html, runs.csv, summary.csv)"
            ), r.stderr)
        XCTAssertEqual(try Data(contentsOf: url("res/summary.csv")), summary)
        XCTAssertEqual(try govsim(["run", "--runs", "20", "--out", "res", "--force", "--quiet"]).status, 0)
        XCTAssertNotEqual(try Data(contentsOf: url("res/summary.csv")), summary)
    }

    func testTheWorkingDirectoryItsAncestorsAndTheEmptyStringAreRefused() throws {
        try place("work/notes.txt")
        try FileManager.default.copyItem(
            at: GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml"), to: url("work/plan.yaml"))
        let scenario = try Data(contentsOf: url("work/plan.yaml"))
        for (out, expected) in [
            (".", "is the working directory"), ("", "--out \"\": the output folder is empty"),
            ("..", "holds the working directory"), ("./sub/..", "is the working directory"),
        ] {
            for force in [[], ["--force"]] {
                assertRefused(
                    try govsim(["run", "plan.yaml", "--runs", "10", "--out", out] + force, in: "work"), expected,
                    keeping: ["work/notes.txt"])
                XCTAssertEqual(try Data(contentsOf: url("work/plan.yaml")), scenario)
            }
        }
        // Every writing command checks, not only run.
        try Data("y,x\n1,1\n2,3\n3,2\n5,6\n".utf8).write(to: url("work/d.csv"))
        let commands: [[String]] = [
            ["calibrate", "plan.yaml", "--runs", "10"], ["compare", "plan.yaml", "--runs", "10"],
            ["sensitivity", "plan.yaml", "--runs", "10"], ["sensitivity", "plan.yaml", "--method", "sobol", "--base-samples", "4"],
            ["fit", "d.csv", "--response", "y"], ["bench", "--quick"],
        ]
        for command in commands {
            assertRefused(
                try govsim(command + ["--out", ".", "--force"], in: "work"), "is the working directory", keeping: ["work/notes.txt"])
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url("work").path).sorted(), ["d.csv", "notes.txt", "plan.yaml"])
    }

    func testTheScenarioFolderAndAFolderHoldingAnInputAreRefused() throws {
        try place("project/notes.txt")
        try FileManager.default.copyItem(
            at: GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml"), to: url("project/plan.yaml"))
        assertRefused(
            try govsim(["run", "project/plan.yaml", "--runs", "10", "--out", "project", "--force"]),
            "is the folder holding the input project/plan.yaml", keeping: ["project/notes.txt"])
        // The data files a scenario reads count as inputs too.
        let scenarios = GovSimProcess.packageRoot.appendingPathComponent("scenarios")
        try FileManager.default.copyItem(
            at: scenarios.appendingPathComponent("evidence-based.yaml"), to: url("ev/evidence-based.yaml"), creatingFolder: true)
        try FileManager.default.copyItem(at: scenarios.appendingPathComponent("data"), to: url("ev/data"))
        try place("ev/data/notes.txt")
        assertRefused(
            try govsim(["run", "ev/evidence-based.yaml", "--runs", "10", "--out", "ev/data", "--force"]),
            "is the folder holding the input", keeping: ["ev/data/notes.txt"])
        // A shard folder given to merge.
        XCTAssertEqual(try govsim(["run", "--runs", "10", "--shard", "1/1", "--out", "shard-1", "--quiet"]).status, 0)
        let shard = try Data(contentsOf: url("shard-1/aggregate.bin"))
        let r = try govsim(["merge", "shard-1", "--out", "shard-1", "--force"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("is the shard folder shard-1"), r.stderr)  // merge's own, more specific check
        XCTAssertEqual(try Data(contentsOf: url("shard-1/aggregate.bin")), shard)
    }

    func testTheHomeDirectoryAndTheRootAreRefused() throws {
        try place("home/notes.txt")
        let home = url("home").path
        for out in [home, home + "/", url("home/x/..").path] {
            assertRefused(
                try govsim(["run", "--runs", "10", "--out", out, "--force"], environment: ["HOME": home]),
                "is the home directory", keeping: ["home/notes.txt"])
        }
        assertRefused(try govsim(["run", "--runs", "10", "--out", "/", "--force"]), "is the root folder", keeping: [])
    }

    func testAWebAppFolderWithItsOwnManifestIsRefused() throws {
        try place("site/index.html")
        try Data("{\"name\": \"my app\", \"files\": [\"index.html\"]}\n".utf8).write(to: url("site/manifest.json"))
        let manifest = try Data(contentsOf: url("site/manifest.json"))
        let r = try govsim(["run", "--runs", "10", "--out", "site", "--force"])
        assertRefused(r, "holds 2 entries govsim did not write (index.html, manifest.json)", keeping: ["site/index.html"])
        XCTAssertTrue(r.stderr.contains("its manifest.json is not one govsim wrote (no govsim_version)"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: url("site/manifest.json")), manifest)
        // A manifest that claims files outside the folder does not make them govsim's.
        try Data("{\"govsim_version\": \"0.1.0\", \"files\": [\"../index.html\"]}\n".utf8).write(to: url("site/manifest.json"))
        assertRefused(
            try govsim(["run", "--runs", "10", "--out", "site", "--force"]), "not a plain file name", keeping: ["site/index.html"])
    }

    func testASymlinkedOutIsRefusedAndItsTargetUntouched() throws {
        XCTAssertEqual(try govsim(["run", "--runs", "20", "--out", "real", "--quiet"]).status, 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: url("real").path).sorted()
        let summary = try Data(contentsOf: url("real/summary.csv"))
        try FileManager.default.createSymbolicLink(atPath: url("link").path, withDestinationPath: "real")
        try place("other/notes.txt")
        try FileManager.default.createSymbolicLink(atPath: url("other-link").path, withDestinationPath: "other")
        for (out, keep) in [("link", [String]()), ("link/", []), ("other-link", ["other/notes.txt"])] {
            assertRefused(try govsim(["run", "--runs", "30", "--out", out, "--force"]), "is a symbolic link", keeping: keep)
        }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: url("link").path), "real")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url("real").path).sorted(), before)
        XCTAssertEqual(try Data(contentsOf: url("real/summary.csv")), summary)
    }

    func testBenchDoesNotForce() throws {
        try place("mine/notes.txt")
        assertRefused(
            try govsim(["bench", "--quick", "--out", "mine"]), "holds 1 entry govsim did not write (notes.txt)", keeping: ["mine/notes.txt"]
        )
    }

    func testAnEmptyExistingFolderMayBeUsed() throws {
        try FileManager.default.createDirectory(at: url("empty"), withIntermediateDirectories: true)
        XCTAssertEqual(try govsim(["run", "--runs", "10", "--out", "empty", "--quiet"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url("empty/summary.csv").path))
    }
}

private extension FileManager {
    func copyItem(at source: URL, to destination: URL, creatingFolder: Bool) throws {
        try createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try copyItem(at: source, to: destination)
    }
}
