import GovSimTestSupport
import XCTest

@testable import GovSimOutput

final class ManifestReproductionTests: XCTestCase {
    func testRunSpecificFactsAreInTheirOwnSections() throws {
        var m = Manifest(
            command: ["govsim", "run", "--threads", "2"], scenarioName: "s", scenarioFile: "s.yaml",
            scenarioSHA256: SHA256.hex(Array("x: 1\n".utf8)), seed: 3, runs: 10, horizon: 2)
        m.scenarioContent = "x: 1\n"
        m.invocation = ["threads": .integer(2)]
        m.environment = .object(["architecture": .string("x86_64")])
        let json = try JSONValue.parse(Data(m.render(files: [(name: "a.csv", contents: Array("1\n".utf8))]).utf8))
        XCTAssertNil(json["command"])
        XCTAssertEqual(json["invocation"]?["command"]?.arrayValue?.compactMap(\.stringValue), ["govsim", "run", "--threads", "2"])
        XCTAssertEqual(json["invocation"]?["threads"]?.intValue, 2)
        XCTAssertEqual(json["scenario"]?["content"]?.stringValue, "x: 1\n")
        XCTAssertEqual(json["scenario"]?["bytes"]?.intValue, 5)
        XCTAssertEqual(json["files"]?.arrayValue?.first?["sha256"]?.stringValue, SHA256.hex(Array("1\n".utf8)))
        XCTAssertEqual(json["seed"]?.stringValue, "3")
    }

    func testResolvedScenarioListsEveryParameter() throws {
        let s = TestSupport.reference
        let resolved = s.resolvedJSON
        XCTAssertEqual(resolved["parameters"]?.objectValue?.count, s.parameters.count)
        XCTAssertEqual(resolved["parameters"]?["baseline.spending"]?.stringValue, "1000")
        XCTAssertEqual(resolved["curves"]?["data_as_product"]?.stringValue, "plan")
        XCTAssertEqual(resolved["seed"]?.stringValue, "20251")
    }

    func testJSONRoundTripKeepsTypes() throws {
        let value = JSONValue.object([
            "b": .bool(true), "i": .integer(3), "x": .number(0.5), "s": .string("é\n"), "n": .null,
            "a": .array([.integer(1), .bool(false)]),
        ])
        XCTAssertEqual(try JSONValue.parse(Data(value.render().utf8)), value)
    }

    func testEnvironmentFacts() throws {
        let env = RunEnvironment.describe()
        XCTAssertEqual(env["swift_language_mode"]?.stringValue, "6")
        XCTAssertNotNil(env["swift_compiler"]?.stringValue)
        XCTAssertFalse(env["operating_system"]?.stringValue?.isEmpty ?? true)
        #if os(Linux)
            XCTAssertTrue(RunEnvironment.readWholeFile("/proc/self/maps")?.contains("\n") ?? false, "procfs reads to the end")
        #endif
        // Not inside the source folder's .build: no commit claimed.
        XCTAssertEqual(RunEnvironment.sourceCheckout(executable: "/usr/bin/env"), .string("unknown"))
    }

    /// HEAD through a worktree's `.git` file, `commondir` and packed refs.
    func testGitHeadOfAWorktree() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("govsim-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let common = root.appendingPathComponent("main/.git")
        let worktreeGit = common.appendingPathComponent("worktrees/wt")
        let checkout = root.appendingPathComponent("wt")
        for url in [worktreeGit, checkout] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        let commit = String(repeating: "ab", count: 20)
        try Data("gitdir: \(worktreeGit.path)\n".utf8).write(to: checkout.appendingPathComponent(".git"))
        try Data("ref: refs/heads/feature\n".utf8).write(to: worktreeGit.appendingPathComponent("HEAD"))
        try Data("../..\n".utf8).write(to: worktreeGit.appendingPathComponent("commondir"))
        try Data("# pack-refs with: peeled\n\(commit) refs/heads/feature\n".utf8).write(to: common.appendingPathComponent("packed-refs"))
        XCTAssertEqual(RunEnvironment.gitHead(of: checkout), commit)
        // A loose ref wins over the packed one; a detached HEAD is read as is.
        let loose = String(repeating: "cd", count: 20)
        try FileManager.default.createDirectory(at: common.appendingPathComponent("refs/heads"), withIntermediateDirectories: true)
        try Data("\(loose)\n".utf8).write(to: common.appendingPathComponent("refs/heads/feature"))
        XCTAssertEqual(RunEnvironment.gitHead(of: checkout), loose)
        try Data("\(commit)\n".utf8).write(to: worktreeGit.appendingPathComponent("HEAD"))
        XCTAssertEqual(RunEnvironment.gitHead(of: checkout), commit)
        XCTAssertNil(RunEnvironment.gitHead(of: root))
    }
}

final class ReproductionCheckTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("govsim-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func file(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func testFirstDifferingLineReadsBothFilesInPieces() throws {
        func diff(_ a: String, _ b: String) throws -> (Int, String?, String?)? {
            try FolderFile.firstDifferingLine(try file("a", a), try file("b", b))
        }
        XCTAssertNil(try diff("a\nb\n", "a\nb\n"))
        let d = try diff("h\n1,2\n3,4\n", "h\n1,2\n3,5\n")
        XCTAssertEqual(d?.0, 3)
        XCTAssertEqual(d?.1, "3,4")
        XCTAssertEqual(d?.2, "3,5")
        let shorter = try diff("h\n1\n", "h\n1\n2\n")
        XCTAssertEqual(shorter?.0, 3)
        XCTAssertNil(shorter?.1)
        XCTAssertEqual(shorter?.2, "2")
        XCTAssertEqual(try diff("x", "y")?.0, 1)
        // Beyond one 64 KiB piece, and a line longer than the cap is cut.
        let long = String(repeating: "z", count: 100_000)
        let far = try diff(String(repeating: "r\n", count: 40_000) + long + "1\n", String(repeating: "r\n", count: 40_000) + long + "2\n")
        XCTAssertEqual(far?.0, 40_001)
        XCTAssertEqual(far?.1, String(repeating: "z", count: 160) + "…")
    }

    func testFolderFilesAreNeverFollowedThroughALink() throws {
        let target = try file("secret", "password\n")
        let link = dir.appendingPathComponent("runs.csv").path
        XCTAssertEqual(symlink(target, link), 0)
        XCTAssertEqual(FolderFile.status(link)?.isRegular, false)
        XCTAssertEqual(FolderFile.status(link)?.kind, "a symbolic link")
        XCTAssertThrowsError(try FolderFile.sha256(link))
        XCTAssertThrowsError(try FolderFile.firstDifferingLine(link, target))
        XCTAssertEqual(try FolderFile.sha256(target), SHA256.hex(Array("password\n".utf8)))
    }

    func testPlainNames() {
        for name in ["runs.csv", "report.html", "a b.csv"] { XCTAssertTrue(FolderFile.isPlainName(name), name) }
        for name in [
            "", ".", "..", "../x", "a/b", "/etc/passwd", ".hidden", "a\0b", "a\nb", "x\u{1b}[2J", String(repeating: "a", count: 256),
        ] {
            XCTAssertFalse(FolderFile.isPlainName(name), name)
        }
    }

    func testNestingIsBounded() {
        XCTAssertNil(ReproductionCheck.nestingProblem(Data("{\"a\": [[\"[[[[\"]]}".utf8)))
        XCTAssertNotNil(
            ReproductionCheck.nestingProblem(Data((String(repeating: "[", count: 65) + String(repeating: "]", count: 65)).utf8)))
    }

    func testFactDifferencesNameTheFirstDifferingMember() {
        let a = JSONValue.object([
            "runs": .integer(10), "resolved_scenario": .object(["parameters": .object(["x": .string("1"), "y": .string("2")])]),
            "invocation": .object(["threads": .integer(1)]),
        ])
        let b = JSONValue.object([
            "runs": .integer(10), "resolved_scenario": .object(["parameters": .object(["x": .string("1"), "y": .string("3")])]),
            "invocation": .object(["threads": .integer(8)]),
        ])
        let problems = ReproductionCheck.factDifferences(recorded: a, rerun: b)
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(
            problems[0].hasPrefix("manifest.json: resolved_scenario.parameters.y is \"2\" in the folder, but the re-run records \"3\""),
            problems[0])
        XCTAssertEqual(ReproductionCheck.factDifferences(recorded: a, rerun: a), [])
    }
}

final class ReproductionRecordTests: XCTestCase {
    func testRoundTripAndGeneratedArguments() throws {
        var record = ReproductionRecord(.compare)
        record.scenarios = ["-rf.yaml"]
        record.runs = 500
        record.seed = "18446744073709551615"
        record.variants = ["fast-rollout", "data-first"]
        record.rankBy = "npv_net_savings"
        let decoded = try ReproductionRecord.decode(record.json, manifest: "m")
        XCTAssertEqual(decoded, record)
        XCTAssertEqual(record.json["seed"]?.stringValue, "18446744073709551615", "a seed beyond 2^63 survives as text")
        XCTAssertEqual(
            record.arguments(output: "/tmp/w/results"),
            [
                "--out=/tmp/w/results", "--runs=500", "--seed=18446744073709551615", "--variants=fast-rollout,data-first",
                "--rank-by=npv_net_savings", "--", "-rf.yaml",
            ])
        var merge = ReproductionRecord(.merge)
        merge.shards = 2
        merge.runs = 2048
        XCTAssertEqual(merge.shardRecord(2).arguments(output: "s2"), ["--out=s2", "--runs=2048", "--shard=2/2", "--quiet"])
        XCTAssertEqual(merge.arguments(output: "r", shardFolders: ["s1", "s2"]), ["--out=r", "--quiet", "--", "s1", "s2"])
        // --no-runs-csv: recorded by run, re-run with the flag, inherited by a merge's shards.
        var run = ReproductionRecord(.run)
        run.noRunsCSV = true
        XCTAssertEqual(try ReproductionRecord.decode(run.json, manifest: "m"), run)
        XCTAssertEqual(run.json["no_runs_csv"], .bool(true))
        XCTAssertEqual(run.arguments(output: "o"), ["--out=o", "--no-runs-csv", "--quiet"])
        merge.noRunsCSV = true
        XCTAssertNil(merge.problem)
        XCTAssertEqual(
            merge.shardRecord(1).arguments(output: "s1"), ["--out=s1", "--runs=2048", "--shard=1/2", "--no-runs-csv", "--quiet"])
        var compare = ReproductionRecord(.compare)
        compare.noRunsCSV = true
        XCTAssertEqual(compare.problem, "no_runs_csv is not an option of compare")
    }

    func testHostileRecordsAreRefusedNamingTheMember() {
        func refusal(_ members: [String: JSONValue]) -> String {
            do {
                _ = try ReproductionRecord.decode(.object(members), manifest: "m.json")
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertTrue(refusal(["subcommand": .string("verify")]).contains("verify re-runs only run, calibrate"))
        XCTAssertTrue(refusal(["subcommand": .string("init")]).contains("`init`"))
        XCTAssertTrue(refusal(["subcommand": .string("run"), "force": .bool(true)]).contains("reproduction.force is not an option"))
        XCTAssertTrue(refusal(["subcommand": .string("run"), "runs": .string("10")]).contains("reproduction.runs is not a whole number"))
        XCTAssertTrue(refusal(["subcommand": .string("run"), "runs": .integer(-1)]).contains("runs is -1"))
        XCTAssertTrue(refusal(["subcommand": .string("run"), "seed": .string("-3")]).contains("seed is `-3`"))
        XCTAssertTrue(refusal(["subcommand": .string("run"), "method": .string("sobol")]).contains("method is not an option of run"))
        XCTAssertTrue(refusal(["subcommand": .string("run"), "shard": .integer(3), "shards": .integer(2)]).contains("shard is 3 of 2"))
        XCTAssertTrue(refusal(["subcommand": .string("merge")]).contains("shards must be given"))
        XCTAssertTrue(refusal(["subcommand": .string("fit"), "data": .string("d.csv")]).contains("response"))
        XCTAssertTrue(refusal(["subcommand": .string("run"), "scenarios": .array([.string("a\u{1b}[2J")])]).contains("unprintable"))
        XCTAssertTrue(refusal(["subcommand": .string("sensitivity"), "base_samples": .integer(1 << 40)]).contains("base_samples"))
        XCTAssertTrue(refusal(["runs": .integer(3)]).contains("has no `subcommand`"))
        XCTAssertEqual(
            refusal(["subcommand": .string("sensitivity"), "method": .string("sobol"), "base_samples": .integer(64)]), "accepted")
    }
}

final class InputSourcesTests: XCTestCase {
    func testDiskReadsAreRecordedAndServedBackByThePathAsGiven() throws {
        let disk = InputSources.disk()
        let yaml = Data("version: 1\n".utf8), csv = Data("year,x\n2020,1\n".utf8)
        XCTAssertEqual(try disk.read(role: "scenario", path: "s.yaml") { yaml }, yaml)
        XCTAssertEqual(try disk.read(role: "data", path: "data/h.csv", scenario: "s.yaml") { csv }, csv)
        XCTAssertEqual(disk.inputs.map(\.path), ["s.yaml", "data/h.csv"])
        let parsed = try InputSources.parse(disk.json, manifest: "m")
        XCTAssertEqual(parsed, disk.inputs)
        let recorded = InputSources.recorded(parsed, folder: "X")
        XCTAssertEqual(
            try recorded.read(role: "data", path: "data/h.csv", scenario: "s.yaml") {
                XCTFail("read the disk"); return Data()
            }, csv)
        XCTAssertThrowsError(try recorded.read(role: "data", path: "data/h.csv", scenario: "other.yaml") { Data() }) { error in
            XCTAssertTrue("\(error)".contains("does not record the data file data/h.csv named in other.yaml"), "\(error)")
        }
    }

    func testTooLargeFilesAreRecordedWithoutBytesAndSaySo() throws {
        let disk = InputSources.disk()
        let big = Data(count: InputSources.recordLimit + 1)
        _ = try disk.read(role: "data", path: "big.csv", scenario: "s.yaml") { big }
        XCTAssertNil(disk.inputs[0].content)
        XCTAssertEqual(disk.warnings.count, 1)
        XCTAssertTrue(disk.warnings[0].hasPrefix("big.csv: 16777217 bytes, more than the 16 MiB"), disk.warnings[0])
        let recorded = InputSources.recorded(try InputSources.parse(disk.json, manifest: "m"), folder: "X")
        XCTAssertThrowsError(try recorded.read(role: "data", path: "big.csv", scenario: "s.yaml") { Data() }) { error in
            XCTAssertTrue(
                "\(error)".contains("the data file big.csv named in s.yaml (16777217 bytes) was larger than the 16 MiB"), "\(error)")
        }
    }

    func testEditedRecordedBytesAreRefused() throws {
        let entry: [String: JSONValue] = [
            "role": .string("scenario"), "path": .string("s.yaml"), "bytes": .integer(2),
            "sha256": .string(SHA256.hex(Array("ab".utf8))), "content_base64": .string(Data("ac".utf8).base64EncodedString()),
        ]
        XCTAssertThrowsError(try InputSources.parse(.array([.object(entry)]), manifest: "m")) { error in
            XCTAssertTrue("\(error)".contains("do not match its recorded size and SHA-256"), "\(error)")
        }
    }
}
