import Foundation
import GovSimCore
import XCTest

/// Results folders from a stranger, each generated here from a real one: `govsim verify`
/// refuses them or verifies them safely — exit status below 128 (no crash), within 2 seconds of CPU time
/// and 200 MB, nothing printed from a file outside the folder (a sentinel's secret), and
/// nothing written or removed anywhere but in verify's own temporary folder (the whole test
/// folder is compared before and after, and the temporary folder must be gone).
final class HostileResultsFolderTests: XCTestCase {
    private var dir: URL!
    private var tmp: URL!
    private static let secret = "SENTINEL-SECRET-7f3a"

    override func setUpWithError() throws {
        dir = try GovSimProcess.temporaryFolder()
        tmp = dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        try Data("version: 1\nname: small\nhorizon: 4\nruns: 60\nseed: 3\n".utf8).write(to: dir.appendingPathComponent("s.yaml"))
        let r = try GovSimProcess.run(["run", "s.yaml", "--out", "R", "--quiet"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("s.yaml"))
        try Data("\(Self.secret)\n".utf8).write(to: dir.appendingPathComponent("sentinel.txt"))
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private var manifestURL: URL { dir.appendingPathComponent("R/manifest.json") }

    /// Edits R/manifest.json as a JSON object.
    private func editManifest(_ change: (inout [String: Any]) throws -> Void) throws {
        var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        try change(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: manifestURL)
    }

    /// Every path under the test folder (but verify's TMPDIR) with its kind and size.
    private func snapshot() throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: dir.path)
        while let path = enumerator?.nextObject() as? String {
            if path == "tmp" || path.hasPrefix("tmp/") { continue }
            let status = FolderFile.status(dir.appendingPathComponent(path).path)
            result[path] = "\(status?.kind ?? "?") \(status?.size ?? -1)"
        }
        result["sentinel content"] = try String(contentsOf: dir.appendingPathComponent("sentinel.txt"), encoding: .utf8)
        return result
    }

    /// Runs `govsim verify R` (or `arguments`) and checks every safety property.
    /// - Parameters:
    ///   - status: the expected exit status (1: refused or not verified; 0: verified).
    ///   - fragments: text the messages must contain.
    @discardableResult
    private func assertSafe(
        _ arguments: [String] = ["verify", "R"], status: Int32 = 1, _ fragments: [String] = [],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> MeasuredProcess.Result {
        let before = try snapshot()
        let r = try MeasuredProcess.run(arguments, in: dir, environment: ["TMPDIR": tmp.path])
        XCTAssertFalse(r.timedOut, "did not finish", file: file, line: line)
        XCTAssertEqual(r.status, status, r.stdout + r.stderr, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue((r.stdout + r.stderr).contains(fragment), "'\(fragment)' missing in: \(r.stderr)", file: file, line: line)
        }
        XCTAssertFalse(
            (r.stdout + r.stderr).contains(Self.secret), "printed a file outside the folder: \(r.stderr)", file: file, line: line)
        XCTAssertFalse(r.stderr.contains("\u{1b}"), "an escape sequence reached the terminal", file: file, line: line)
        XCTAssertFalse(r.stderr.contains("before 0.2"), "a made-up version", file: file, line: line)
        XCTAssertLessThan(r.cpuSeconds, 2, "took \(r.cpuSeconds) s of CPU (\(r.seconds) s wall)", file: file, line: line)
        XCTAssertLessThan(r.peakKilobytes, 200_000, "peak memory \(r.peakKilobytes) kB", file: file, line: line)
        XCTAssertEqual(try snapshot(), before, "something outside verify's temporary folder was written or removed", file: file, line: line)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: tmp.path), [], "verify left its temporary folder", file: file, line: line)
        return r
    }

    func testTheUntouchedFolderVerifies() throws {
        try assertSafe(status: 0, ["reproduced: 6 files"])  // with correlations.csv (correlated programme risk)
    }

    /// The old argv is never replayed: a second --out, --force, init or verify in it change nothing.
    func testRecordedCommandLinesAreNeverReplayed() throws {
        let victim = dir.appendingPathComponent("victim").path
        for command in [
            ["govsim", "run", "s.yaml", "--out", "R", "--out", victim, "--force"],
            ["govsim", "init", victim + ".yaml", "--force"], ["govsim", "verify", "."],
        ] {
            try editManifest { m in
                var invocation = m["invocation"] as? [String: Any] ?? [:]
                invocation["command"] = command
                m["invocation"] = invocation
            }
            try assertSafe(status: 0, ["reproduced"])
            XCTAssertFalse(FileManager.default.fileExists(atPath: victim))
        }
    }

    /// A record repeating an option (duplicate JSON keys) is read as one typed value.
    func testARecordWithARepeatedOptionIsReadAsOneValue() throws {
        var text = try String(contentsOf: manifestURL, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"reproduction\": {", with: "\"reproduction\": {\n    \"runs\": 61,\n    \"runs\": 62,")
        XCTAssertTrue(text.contains("\"runs\": 61,"), "the manifest's layout changed")
        try Data(text.utf8).write(to: manifestURL)
        // Either value is a valid record; the other is then a fact that does not reproduce.
        let r = try MeasuredProcess.run(["verify", "R"], in: dir, environment: ["TMPDIR": tmp.path])
        XCTAssertTrue([0, 1].contains(r.status), r.stderr)
        try assertSafe(status: r.status)
    }

    func testOtherSubcommandsAreRefused() throws {
        for name in ["init", "verify", "bench", "validate", "schema", "parameters", "help"] {
            try editManifest { m in
                var record = m["reproduction"] as? [String: Any] ?? [:]
                record["subcommand"] = name
                m["reproduction"] = record
            }
            try assertSafe(
                status: 1, ["reproduction.subcommand is `\(name)`; verify re-runs only run, calibrate, compare, sensitivity, fit and merge"]
            )
        }
    }

    func testOptionsAreCheckedForTypeAndRange() throws {
        let cases: [(String, Any, String)] = [
            ("runs", "60", "reproduction.runs is not a whole number"),
            ("runs", 0, "runs is 0; it must be between 1"),
            ("seed", "1e3", "seed is `1e3`"),
            ("sampling", "quasi", "sampling is `quasi`"),
            ("force", true, "reproduction.force is not an option govsim records"),
            ("out", "/", "reproduction.out is not an option govsim records"),
            ("method", "sobol", "method is not an option of run"),
            ("shards", 2, "shard and shards go together"),
            ("scenarios", ["a.yaml", "b.yaml"], "scenarios lists 2 files"),
        ]
        for (key, value, message) in cases {
            try editManifest { m in
                var record = m["reproduction"] as? [String: Any] ?? [:]
                record[key] = value
                m["reproduction"] = record
            }
            try assertSafe(status: 1, [message])
            try editManifest { m in
                var record = m["reproduction"] as? [String: Any] ?? [:]
                record[key] = nil
                m["reproduction"] = record
            }
        }
    }

    func testAFileOutsideTheRecordedInputsIsNeverRead() throws {
        for path in ["/etc/passwd", "../sentinel.txt", "-rf"] {
            try editManifest { m in
                var record = m["reproduction"] as? [String: Any] ?? [:]
                record["scenarios"] = [path]
                m["reproduction"] = record
            }
            let r = try assertSafe(status: 1, ["does not record the scenario file \(path)"])
            XCTAssertFalse(r.stderr.contains("root:"), r.stderr)
        }
    }

    func testSymlinksAreReportedByNameAndNeverFollowed() throws {
        let summary = dir.appendingPathComponent("R/summary.csv")
        try FileManager.default.removeItem(at: summary)
        XCTAssertEqual(symlink(dir.appendingPathComponent("sentinel.txt").path, summary.path), 0)
        XCTAssertEqual(symlink("/etc/passwd", dir.appendingPathComponent("R/notes").path), 0)
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("R/pipe").path, 0o600), 0)
        try assertSafe(
            status: 1,
            [
                "summary.csv: is a symbolic link, not the file govsim wrote; not followed",
                "notes: in the folder but not in the manifest (a symbolic link)",
                "pipe: in the folder but not in the manifest (a named pipe)",
            ])
    }

    func testAManifestThatIsASymlinkIsRefused() throws {
        try FileManager.default.removeItem(at: manifestURL)
        XCTAssertEqual(symlink(dir.appendingPathComponent("sentinel.txt").path, manifestURL.path), 0)
        try assertSafe(status: 1, ["manifest.json: is a symbolic link"])
    }

    func testNamesThatAreNotPlainAreRefused() throws {
        for name in ["../sentinel.txt", "/etc/passwd", "sub/x.csv", ".hidden", "..", "a\u{1b}[2Jb", ""] {
            try editManifest { m in
                var files = m["files"] as? [[String: Any]] ?? []
                files[0]["name"] = name
                m["files"] = files
            }
            try assertSafe(status: 1, ["not a plain file name inside the folder"])
        }
    }

    func testEditedFactsAreReportedNeverReproduced() throws {
        let original = try Data(contentsOf: manifestURL)
        let edits: [(String, (inout [String: Any]) -> Void)] = [
            ("manifest.json: runs is 61 in the folder, but the re-run records 60", { $0["runs"] = 61 }),
            ("manifest.json: seed is \"4\" in the folder", { $0["seed"] = "4" }),
            ("manifest.json: horizon is 5 in the folder", { $0["horizon"] = 5 }),
            ("written by govsim 9.9.9; this is govsim", { $0["govsim_version"] = "9.9.9" }),
            (
                "manifest.json: resolved_scenario.parameters.baseline.spending is \"2000\" in the folder",
                { m in
                    var resolved = m["resolved_scenario"] as? [String: Any] ?? [:]
                    var parameters = resolved["parameters"] as? [String: Any] ?? [:]
                    parameters["baseline.spending"] = "2000"
                    resolved["parameters"] = parameters
                    m["resolved_scenario"] = resolved
                }
            ),
            (
                "reproduction.seed is 4, but the manifest records seed 3; the manifest was edited, so it is not re-run",
                { m in
                    var record = m["reproduction"] as? [String: Any] ?? [:]
                    record["seed"] = "4"
                    m["reproduction"] = record
                }
            ),
            // A record asking for far more work than the folder holds is refused before running.
            (
                "reproduction.runs is 100000000, but the manifest records runs 60",
                { m in
                    var record = m["reproduction"] as? [String: Any] ?? [:]
                    record["runs"] = 100_000_000
                    m["reproduction"] = record
                }
            ),
            (
                "reproduction.subcommand is calibrate, but the manifest records subcommand run",
                { m in
                    var record = m["reproduction"] as? [String: Any] ?? [:]
                    record["subcommand"] = "calibrate"
                    m["reproduction"] = record
                }
            ),
            (
                "summary.csv: not reproduced",
                { m in
                    var record = m["reproduction"] as? [String: Any] ?? [:]
                    record["seed"] = "4"
                    m["reproduction"] = record
                    m["seed"] = "4"
                }
            ),
        ]
        for (message, edit) in edits {
            try original.write(to: manifestURL)
            try editManifest(edit)
            let r = try assertSafe(status: 1, [message])
            XCTAssertFalse(r.stdout.contains("reproduced"), r.stdout)
        }
    }

    func testTamperedInputsAreRefused() throws {
        try editManifest { m in
            var inputs = m["inputs"] as? [[String: Any]] ?? []
            inputs[0]["content_base64"] = Data("version: 1\nname: small\nhorizon: 4\nruns: 60\nseed: 4\n".utf8).base64EncodedString()
            m["inputs"] = inputs
        }
        try assertSafe(status: 1, ["the recorded bytes of s.yaml do not match its recorded size and SHA-256"])
    }

    func testAHugeSparseFileIsCheckedByItsSize() throws {
        XCTAssertEqual(truncate(dir.appendingPathComponent("R/runs.csv").path, 3_000_000_000), 0)
        try assertSafe(status: 1, ["runs.csv: changed since govsim wrote it (3000000000 bytes"])
        // Also unlisted: reported by name, never read.
        try Data().write(to: dir.appendingPathComponent("R/extra.bin"))
        XCTAssertEqual(truncate(dir.appendingPathComponent("R/extra.bin").path, 3_000_000_000), 0)
        try assertSafe(["verify", "R", "--files-only"], status: 1, ["extra.bin: in the folder but not in the manifest"])
    }

    func testAnOversizedManifestIsRefusedByItsSize() throws {
        try Data("{\"files\": [".utf8).write(to: manifestURL)
        XCTAssertEqual(truncate(manifestURL.path, 2_000_000_000), 0)
        try assertSafe(status: 1, ["manifest.json: 2000000000 bytes, more than the 48 MiB manifest govsim writes"])
    }

    /// Within the size limit, a manifest's values are bounded too: parsing stays within the limits.
    func testAManifestOfJunkWithinTheSizeLimitIsRefusedCheaply() throws {
        let original = try Data(contentsOf: manifestURL)
        try Data(("{\"files\": [], \"x\": [" + String(repeating: "0,", count: 250_000) + "0]}").utf8).write(to: manifestURL)
        try assertSafe(status: 1, ["holds more than 200000 values"])
        try Data(("{\"files\": [], \"x\": \"" + String(repeating: "a", count: 30_000_000) + "\"}").utf8).write(to: manifestURL)
        try assertSafe(status: 1, ["has no `reproduction` record"])
        let recorded: [String: Any] = [
            "role": "scenario", "path": "s.yaml", "bytes": 5, "sha256": String(repeating: "0", count: 64),
            "content_base64": String(repeating: "QUFB", count: 7_000_000),
        ]
        try original.write(to: manifestURL)
        try editManifest { m in m["inputs"] = [recorded] }
        try assertSafe(status: 1, ["the recorded bytes of s.yaml do not match its recorded size and SHA-256"])
    }

    func testInvalidAndDeeplyNestedJSONIsRefused() throws {
        try Data("{not json".utf8).write(to: manifestURL)
        try assertSafe(status: 1, ["manifest.json: not valid JSON"])
        try Data((String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8).write(to: manifestURL)
        try assertSafe(status: 1, ["nested more than 64 levels deep"])
        try Data("[1, 2]".utf8).write(to: manifestURL)
        try assertSafe(status: 1, ["has no list of files"])
    }

    func testWrongTypesAreRefused() throws {
        let original = try Data(contentsOf: manifestURL)
        let edits: [(String, (inout [String: Any]) -> Void)] = [
            (
                "has no size (`bytes`)",
                { m in
                    var files = m["files"] as? [[String: Any]] ?? []
                    files[0]["bytes"] = "many"
                    m["files"] = files
                }
            ),
            (
                "has no SHA-256",
                { m in
                    var files = m["files"] as? [[String: Any]] ?? []
                    files[0]["sha256"] = 42
                    m["files"] = files
                }
            ),
            ("`reproduction` is not an object", { $0["reproduction"] = ["subcommand", "run"] }),
            ("`inputs` is not a list", { $0["inputs"] = "s.yaml" }),
            (
                "inputs[0]: `bytes` must be a whole number",
                { m in
                    var inputs = m["inputs"] as? [[String: Any]] ?? []
                    inputs[0]["bytes"] = -5
                    m["inputs"] = inputs
                }
            ),
        ]
        for (message, edit) in edits {
            try original.write(to: manifestURL)
            try editManifest(edit)
            try assertSafe(status: 1, [message])
        }
    }

    func testAFolderWithoutARecordNamesWhatIsMissing() throws {
        try editManifest { m in m["reproduction"] = nil }
        try assertSafe(
            status: 1,
            [
                "has no `reproduction` record of the command's options (it records govsim \(GovSimVersion.string)), so it cannot be re-run; check its files with --files-only"
            ])
        try assertSafe(["verify", "R", "--files-only"], status: 0, ["intact: 6 files"])
    }
}
