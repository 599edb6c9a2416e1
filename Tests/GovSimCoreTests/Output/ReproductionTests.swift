import XCTest
@testable import GovSimCore

final class ManifestReproductionTests: XCTestCase {
    func testRunSpecificFactsAreInTheirOwnSections() throws {
        var m = Manifest(command: ["govsim", "run", "--threads", "2"], scenarioName: "s", scenarioFile: "s.yaml",
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
        XCTAssertEqual(resolved["curves"]?["data_as_product"]?.stringValue, "bass")
        XCTAssertEqual(resolved["seed"]?.stringValue, "20251")
    }

    func testJSONRoundTripKeepsTypes() throws {
        let value = JSONValue.object(["b": .bool(true), "i": .integer(3), "x": .number(0.5), "s": .string("é\n"), "n": .null,
                                      "a": .array([.integer(1), .bool(false)])])
        XCTAssertEqual(try JSONValue.parse(Data(value.render().utf8)), value)
    }

    func testEnvironmentFacts() throws {
        let env = RunEnvironment.describe()
        XCTAssertEqual(env["swift_language_mode"]?.stringValue, "5")
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
    func testFirstDifferingLine() {
        func diff(_ a: String, _ b: String) -> (Int, String?, String?)? {
            ReproductionCheck.firstDifferingLine(Data(a.utf8), Data(b.utf8))
        }
        XCTAssertNil(diff("a\nb\n", "a\nb\n"))
        let d = diff("h\n1,2\n3,4\n", "h\n1,2\n3,5\n")
        XCTAssertEqual(d?.0, 3)
        XCTAssertEqual(d?.1, "3,4")
        XCTAssertEqual(d?.2, "3,5")
        let shorter = diff("h\n1\n", "h\n1\n2\n")
        XCTAssertEqual(shorter?.0, 3)
        XCTAssertNil(shorter?.1)
        XCTAssertEqual(shorter?.2, "2")
        XCTAssertEqual(diff("x", "y")?.0, 1)
    }

    func testLineDifferenceReport() {
        let report = ReproductionCheck.lineDifference(Data("a\nb\n".utf8), Data("a\nc\n".utf8), first: "recorded", second: "re-run")
        XCTAssertEqual(report, "; first difference at line 2:\n    recorded: \"b\"\n    re-run:   \"c\"")
    }

    func testPortablePaths() {
        XCTAssertTrue(ReproductionCheck.isPortable("scenarios/a.yaml"))
        XCTAssertTrue(ReproductionCheck.isPortable("outputs/reference"))
        XCTAssertFalse(ReproductionCheck.isPortable("/tmp/a.yaml"))
        XCTAssertFalse(ReproductionCheck.isPortable("../a.yaml"))
        XCTAssertFalse(ReproductionCheck.isPortable("a/../../b"))
        XCTAssertFalse(ReproductionCheck.isPortable(""))
    }
}
