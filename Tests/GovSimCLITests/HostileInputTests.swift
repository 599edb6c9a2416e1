import Foundation
import XCTest

/// Hostile and broken inputs, each through the built `govsim`: a non-zero exit status without a
/// crash, a one-line `error: file:line:column: …` message (path problems have no line), within
/// 2 seconds of CPU time, with a peak resident memory under 100 MB, and nothing written (no `outputs/`
/// folder, no temporary folder).
///
/// Small cases are files in `HostileInputs/` (one test each, and `testEveryCorpusFileHasATest`
/// keeps the folder and the table in step); large ones (alias bombs, deep nesting, a 100 MB
/// file) are generated at run time into the test's temporary folder.
final class HostileInputTests: XCTestCase {
    static let corpus = GovSimProcess.packageRoot.appendingPathComponent("Tests/GovSimCLITests/HostileInputs")

    /// Corpus file → the location the message must start with (after `error: `) and fragments
    /// it must contain.
    static let expectations: [String: (location: String, fragments: [String])] = [
        "absurd-size.yaml": ("absurd-size.yaml:3:1: ", ["GiB of memory", "use fewer --runs or a shorter horizon"]),
        "beta-huge-shape.yaml": ("beta-huge-shape.yaml:4:23: ", ["beta shapes must be between 0.01 and 100000"]),
        "beta-negative-shape.yaml": ("beta-negative-shape.yaml:4:23: ", ["must be positive"]),
        "control-character.yaml": ("control-character.yaml:3:20: ", ["control characters"]),
        "duplicate-key.yaml": ("duplicate-key.yaml:4:1: ", ["duplicate key `runs`", "line 3"]),
        "duplicate-nested-key.yaml": ("duplicate-nested-key.yaml:6:3: ", ["duplicate key `spending`", "line 4"]),
        "empty.yaml": ("empty.yaml:1:1: ", ["the file is empty"]),
        "fractional-runs.yaml": ("fractional-runs.yaml:3:7: ", ["whole number", "10.5"]),
        "infinity.yaml": ("infinity.yaml:4:18: ", ["must be a finite number"]),
        "invalid-utf8.yaml": ("invalid-utf8.yaml:2:10: ", ["not valid UTF-8"]),
        "lognormal-p5-above-p95.yaml": ("lognormal-p5-above-p95.yaml:4:25: ", ["p5 (0.15) must be below p95 (0.07)"]),
        "multiple-documents.yaml": ("multiple-documents.yaml:3:1: ", ["single document"]),
        "name-escape-sequence.yaml": ("name-escape-sequence.yaml:2:7: ", ["control character U+001B"]),
        "nan.yaml": ("nan.yaml:4:13: ", ["must be a finite number", ".nan"]),
        "negative-horizon.yaml": ("negative-horizon.yaml:3:10: ", ["horizon must be a whole number between 1 and 200"]),
        "negative-probability.yaml": ("negative-probability.yaml:4:30: ", ["between 0 and 1"]),
        "negative-runs.yaml": ("negative-runs.yaml:3:7: ", ["runs must be a whole number between 1 and 100000000"]),
        "negative-seed.yaml": ("negative-seed.yaml:3:7: ", ["seed must be a whole number"]),
        "normal-negative-sd.yaml": ("normal-negative-sd.yaml:4:14: ", ["sd must be positive"]),
        "not-a-mapping.yaml": ("not-a-mapping.yaml:1:1: ", ["must be a mapping"]),
        "only-comments.yaml": ("only-comments.yaml:1:1: ", ["the file is empty"]),
        "organisation-name-bidi.yaml": ("organisation-name-bidi.yaml:5:5: ", ["organisation name", "control character U+202E"]),
        "overflow.yaml": ("overflow.yaml:4:13: ", ["must be a finite number", "1e999"]),
        "pert-huge-lambda.yaml": ("pert-huge-lambda.yaml:5:22: ", ["pert lambda", "at most 10000"]),
        "probability-above-one.yaml": ("probability-above-one.yaml:4:30: ", ["is 1.5", "between 0 and 1"]),
        "quoted-number.yaml": ("quoted-number.yaml:4:13: ", ["quoted text", "remove the quotes"]),
        "student-t-huge-df.yaml": ("student-t-huge-df.yaml:4:25: ", ["df must be between 0.02 and 100000", "1e+50"]),
        "tab-indentation.yaml": ("tab-indentation.yaml:4:1: ", ["YAML syntax error"]),
        "triangular-mode-outside.yaml": ("triangular-mode-outside.yaml:4:20: ", ["mode (9) must lie between"]),
        "unclosed-bracket.yaml": ("unclosed-bracket.yaml:5:1: ", ["YAML syntax error", "flow sequence"]),
        "unclosed-quote.yaml": ("unclosed-quote.yaml:5:1: ", ["quoted scalar"]),
        "undefined-alias.yaml": ("undefined-alias.yaml:4:13: ", ["undefined alias"]),
        "uniform-min-above-max.yaml": ("uniform-min-above-max.yaml:4:20: ", ["min (7) must be below max (3)"]),
        "unknown-distribution.yaml": ("unknown-distribution.yaml:4:15: ", ["unknown distribution `gaussian`"]),
        "unknown-key.yaml": ("unknown-key.yaml:3:1: ", ["did you mean `baseline`?"]),
        "variant-name-control.yaml": ("variant-name-control.yaml:4:3: ", ["variant name", "control character U+009B"]),
        "wrong-type-list.yaml": ("wrong-type-list.yaml:3:7: ", ["not a list"]),
        "wrong-type-text.yaml": ("wrong-type-text.yaml:3:10: ", ["found the text \"ten\""]),
    ]

    var dir: URL!

    override func setUpWithError() throws { dir = try GovSimProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    // MARK: - Harness

    /// Runs `govsim arguments…` in the test folder and checks every property of a refusal.
    /// - Parameters:
    ///   - location: what the message must start with after `error: `.
    ///   - maximumLines: 1, except for files with many independent errors.
    @discardableResult
    func assertRefused(
        _ arguments: [String], location: String, _ fragments: [String] = [], maximumLines: Int = 1,
        environment: [String: String] = [:],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> MeasuredProcess.Result {
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        let r = try MeasuredProcess.run(arguments, in: dir, environment: environment)
        let what = arguments.joined(separator: " ")
        XCTAssertFalse(r.timedOut, "\(what): did not finish", file: file, line: line)
        XCTAssertNotEqual(r.status, 0, "\(what): exit status 0", file: file, line: line)
        XCTAssertLessThan(r.status, 128, "\(what): killed by signal \(r.status - 128) (a crash): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", "\(what): wrote to standard output", file: file, line: line)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertTrue((1...maximumLines).contains(lines.count), "\(what): \(lines.count) lines: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(
            r.stderr.hasPrefix("error: " + location), "\(what): expected `error: \(location)…`, got: \(r.stderr)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(r.stderr.contains(fragment), "\(what): '\(fragment)' missing in: \(r.stderr)", file: file, line: line)
        }
        XCTAssertLessThan(r.cpuSeconds, 2, "\(what): took \(r.cpuSeconds) s of CPU (\(r.seconds) s wall)", file: file, line: line)
        XCTAssertLessThan(r.peakKilobytes, 100_000, "\(what): peak memory \(r.peakKilobytes) kB", file: file, line: line)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        XCTAssertEqual(after.subtracting(before), [], "\(what): wrote something", file: file, line: line)
        return r
    }

    /// Copies a corpus file into the test folder and checks `govsim run` refuses it as its table says.
    private func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expectation = try XCTUnwrap(Self.expectations[name], "\(name) has no entry in the table", file: file, line: line)
        try FileManager.default.copyItem(at: Self.corpus.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        try assertRefused(["run", name], location: expectation.location, expectation.fragments, file: file, line: line)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }

    /// A "billion laughs" document: nine levels of anchors, each a list of nine aliases of the
    /// previous one (9⁹ ≈ 387 million strings if expanded), used at `use`.
    private static func aliasBomb(use: String) -> String {
        var text = "version: 1\nname: laughs\nlol0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for i in 1...8 {
            text += "lol\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        return text + use
    }

    // MARK: - The corpus

    func testEveryCorpusFileHasATest() throws {
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path))
        XCTAssertEqual(files, Set(Self.expectations.keys))
    }

    func testAbsurdSize() throws { try check("absurd-size.yaml") }
    func testBetaHugeShape() throws { try check("beta-huge-shape.yaml") }
    func testBetaNegativeShape() throws { try check("beta-negative-shape.yaml") }
    func testControlCharacter() throws { try check("control-character.yaml") }
    func testDuplicateKey() throws { try check("duplicate-key.yaml") }
    func testDuplicateNestedKey() throws { try check("duplicate-nested-key.yaml") }
    func testEmptyFile() throws { try check("empty.yaml") }
    func testFractionalRuns() throws { try check("fractional-runs.yaml") }
    func testInfinity() throws { try check("infinity.yaml") }
    func testInvalidUTF8() throws { try check("invalid-utf8.yaml") }
    func testLognormalP5AboveP95() throws { try check("lognormal-p5-above-p95.yaml") }
    func testMultipleDocuments() throws { try check("multiple-documents.yaml") }
    func testNameEscapeSequence() throws { try check("name-escape-sequence.yaml") }
    func testNaN() throws { try check("nan.yaml") }
    func testNegativeHorizon() throws { try check("negative-horizon.yaml") }
    func testNegativeProbability() throws { try check("negative-probability.yaml") }
    func testNegativeRuns() throws { try check("negative-runs.yaml") }
    func testNegativeSeed() throws { try check("negative-seed.yaml") }
    func testNormalNegativeSD() throws { try check("normal-negative-sd.yaml") }
    func testNotAMapping() throws { try check("not-a-mapping.yaml") }
    func testOnlyComments() throws { try check("only-comments.yaml") }
    func testOrganisationNameBidi() throws { try check("organisation-name-bidi.yaml") }
    func testOverflow() throws { try check("overflow.yaml") }
    func testPertHugeLambda() throws { try check("pert-huge-lambda.yaml") }
    func testProbabilityAboveOne() throws { try check("probability-above-one.yaml") }
    func testQuotedNumber() throws { try check("quoted-number.yaml") }
    func testStudentTHugeDegreesOfFreedom() throws { try check("student-t-huge-df.yaml") }
    func testTabIndentation() throws { try check("tab-indentation.yaml") }
    func testTriangularModeOutside() throws { try check("triangular-mode-outside.yaml") }
    func testUnclosedBracket() throws { try check("unclosed-bracket.yaml") }
    func testUnclosedQuote() throws { try check("unclosed-quote.yaml") }
    func testUndefinedAlias() throws { try check("undefined-alias.yaml") }
    func testUniformMinAboveMax() throws { try check("uniform-min-above-max.yaml") }
    func testUnknownDistribution() throws { try check("unknown-distribution.yaml") }
    func testUnknownKey() throws { try check("unknown-key.yaml") }
    func testVariantNameControl() throws { try check("variant-name-control.yaml") }
    func testWrongTypeList() throws { try check("wrong-type-list.yaml") }
    func testWrongTypeText() throws { try check("wrong-type-text.yaml") }

    // MARK: - Generated at run time

    func testAliasBombAsValue() throws {
        try write("bomb.yaml", Self.aliasBomb(use: "baseline: *l8\n"))
        try assertRefused(["run", "bomb.yaml"], location: "bomb.yaml:8:", ["more than 100000 YAML nodes"])
    }

    /// Yams hashes mapping keys to find duplicates; an aliased bomb as a key hung it before the
    /// input guard.
    func testAliasBombAsMappingKey() throws {
        try write("keybomb.yaml", Self.aliasBomb(use: "? *l8\n: 1\n"))
        try assertRefused(["run", "keybomb.yaml"], location: "keybomb.yaml:8:", ["more than 100000 YAML nodes"])
    }

    func testDeepFlowNesting() throws {
        try write("deep.yaml", String(repeating: "[", count: 100_000))
        try assertRefused(["run", "deep.yaml"], location: "deep.yaml:1:65: ", ["more than 64 levels"])
    }

    func testDeepBlockNesting() throws {
        var text = "version: 1\nname: deep\nbaseline:\n"
        for i in 1...70 { text += String(repeating: " ", count: i) + "k:\n" }
        try write("deep-block.yaml", text + String(repeating: " ", count: 71) + "1\n")
        try assertRefused(["run", "deep-block.yaml"], location: "deep-block.yaml:67:65: ", ["more than 64 levels"])
    }

    func testDeepCompactSequenceNesting() throws {
        try write("deep-list.yaml", "version: 1\nname: deep\nbaseline:\n" + String(repeating: "- ", count: 200_000) + "x\n")
        try assertRefused(["run", "deep-list.yaml"], location: "deep-list.yaml:4:", ["more than 64 levels"])
    }

    /// Refused by size without reading it (the file is sparse: 100 MB of zeros after a YAML
    /// header), quickly and in little memory.
    func testHundredMegabyteFile() throws {
        let url = dir.appendingPathComponent("big.yaml")
        try Data("version: 1\nname: big\n".utf8).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 100_000_000)
        try handle.close()
        try assertRefused(["run", "big.yaml"], location: "big.yaml:1:1: ", ["larger than 1048576 bytes"])
    }

    func testMegabyteOfNodes() throws {
        try write("flat.yaml", "version: 1\nname: flat\nbaseline: [" + String(repeating: "1,", count: 500_000) + "1]\n")
        try assertRefused(["run", "flat.yaml"], location: "flat.yaml:3:", ["more than 100000 YAML nodes"])
    }

    /// 15,000 unknown keys: the loader stops after 50 errors; the command prints 20 and a count.
    func testManyUnknownKeys() throws {
        var text = "version: 1\nname: keys\nbaseline:\n"
        for i in 0..<15_000 { text += "  key\(i): 1\n" }
        try write("keys.yaml", text)
        let r = try assertRefused(["run", "keys.yaml"], location: "keys.yaml:4:3: ", ["unknown key `key0`"], maximumLines: 21)
        XCTAssertTrue(r.stderr.contains("more errors"), r.stderr)
    }

    /// 40,000 keys: refused before Yams hashes them all for its duplicate check.
    func testTooManyKeys() throws {
        var text = "version: 1\nname: keys\nbaseline:\n"
        for i in 0..<40_000 { text += "  key\(i): 1\n" }
        try write("keys.yaml", text)
        try assertRefused(["run", "keys.yaml"], location: "keys.yaml:20001:3: ", ["more than 20000 mapping keys"])
    }

    func testBinaryGarbage() throws {
        var state: UInt64 = 0x9E3779B97F4A7C15
        let bytes = (0..<4096).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        try Data(bytes).write(to: dir.appendingPathComponent("garbage.yaml"))
        try assertRefused(["run", "garbage.yaml"], location: "garbage.yaml:", ["not valid UTF-8"])
    }

    func testNULByte() throws {
        try write("nul.yaml", "version: 1\nname: x\u{0}y\n")
        try assertRefused(["run", "nul.yaml"], location: "nul.yaml:2:1: ", ["NUL byte"])
    }

    func testAbsurdRunsOnTheCommandLine() throws {
        // `run` streams runs.csv and keeps √runs-sized quantile windows, so 10^8 runs of one organisation fit
        // in memory (absurd-size.yaml covers a run too large for it); calibrate keeps every run.
        try assertRefused(["calibrate", "--runs", "100000000"], location: "100000000 runs × ", ["use fewer --runs"])
    }

    // MARK: - Paths

    func testMissingScenario() throws {
        try assertRefused(["run", "missing.yaml"], location: "missing.yaml: ", ["no such scenario file"])
    }

    func testScenarioIsAFolder() throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder.yaml"), withIntermediateDirectories: false)
        try assertRefused(["run", "folder.yaml"], location: "folder.yaml: ", ["is a folder"])
    }

    /// Reading /proc/self/mem from offset 0 fails with EIO even for root: an unreadable file
    /// that exists (`FileHandle.readData` crashed on it before).
    func testUnreadableScenario() throws {
        try assertRefused(["run", "/proc/self/mem"], location: "/proc/self/mem: ", ["cannot be read (Input/output error)"])
    }

    func testScenarioWithoutReadPermission() throws {
        try XCTSkipIf(geteuid() == 0, "root reads files of mode 000; unreadability is tested with /proc/self/mem instead")
        try write("secret.yaml", "version: 1\nname: secret\n")
        chmod(dir.appendingPathComponent("secret.yaml").path, 0)
        try assertRefused(["run", "secret.yaml"], location: "secret.yaml: ", ["Permission denied"])
    }

    /// A named pipe nobody writes to reads as empty instead of blocking forever.
    func testPipeWithNoWriter() throws {
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("pipe.yaml").path, 0o600), 0)
        try assertRefused(["run", "pipe.yaml"], location: "pipe.yaml:1:1: ", ["the file is empty"])
    }

    func testFitMissingData() throws {
        try assertRefused(["fit", "missing.csv", "--response", "y"], location: "missing.csv: ", ["no such file"])
    }

    func testFitDataIsAFolder() throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data.csv"), withIntermediateDirectories: false)
        try assertRefused(["fit", "data.csv", "--response", "y"], location: "data.csv: ", ["cannot read"])
    }

    func testFitUnreadableData() throws {
        try assertRefused(["fit", "/proc/self/mem", "--response", "y"], location: "/proc/self/mem: ", ["cannot read"])
    }
}
