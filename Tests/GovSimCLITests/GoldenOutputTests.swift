import Foundation
import GovSimCore
import XCTest

/// The golden test: every output file of a small fixed-seed run of every shipped scenario through
/// every command (and of a scenario left at the catalog's defaults) must have the SHA-256 committed in `Tests/Golden/outputs.sha256`. Any change of
/// the model's numbers, of an output's layout or of a default therefore fails here, and changing
/// the list is a deliberate act: `scripts/update-golden.sh` regenerates it, and CHANGELOG.md says
/// why the bytes changed.
///
/// What is hashed is the file's bytes with two normalisations, so that the list holds across
/// machines and version bumps but nothing else: `manifest.json` without its top-level
/// `invocation` and `environment` members (time, threads, output folder, host), and every
/// occurrence of `GovSimVersion.string` replaced by `<version>`.
///
/// The cases run in a scratch folder holding a copy of `scenarios/` (scenario paths are
/// relative, so the package's location does not reach the bytes), two processes at a time.
/// With `GOVSIM_UPDATE_GOLDEN=1` the test writes the list instead of comparing (what the script
/// does); it still fails if a command fails.
final class GoldenOutputTests: XCTestCase {
    /// The committed list: lines `<sha256>  <case>/<file>`, sorted by case and file.
    static let listURL = GovSimProcess.packageRoot.appendingPathComponent("Tests/Golden/outputs.sha256")

    /// The shipped scenarios (every `scenarios/*.yaml`, so a new one is covered, or reported as
    /// missing from the list, without editing this test), plus the built-in reference (`nil`).
    static func shippedScenarios() throws -> [String?] {
        let folder = GovSimProcess.packageRoot.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return [nil] + files
    }

    /// A scenario file the test writes: only the required keys, so that its outputs pin the
    /// catalog's defaults (the shipped scenarios set most parameters themselves).
    static let defaultsFile = "catalog-defaults.yaml"

    /// Each case: a name (the folder the outputs go to) and the arguments. Sizes are tiny: the
    /// test checks bytes, not statistics; every command's every output file still appears.
    static func cases() throws -> [(name: String, arguments: [String])] {
        var cases: [(String, [String])] = []
        for scenario in try shippedScenarios() {
            let label = scenario.map { String($0.dropLast(".yaml".count)) } ?? "built-in"
            let file = scenario.map { ["scenarios/" + $0] } ?? []
            cases += [
                ("\(label)-run", ["run"] + file + ["--runs", "100", "--seed", "11"]),
                ("\(label)-calibrate", ["calibrate"] + file + ["--runs", "100", "--seed", "11"]),
                ("\(label)-compare", ["compare"] + file + ["--runs", "50", "--seed", "11"]),
                ("\(label)-sensitivity-src", ["sensitivity"] + file + ["--runs", "60", "--seed", "11"]),
                ("\(label)-sensitivity-sobol", ["sensitivity"] + file + ["--method", "sobol", "--base-samples", "4", "--bootstrap", "10", "--seed", "11"]),
            ]
        }
        // The appraisal's single-scenario commands (issue 13): the central trace and switching values.
        cases.append(("built-in-trace", ["trace"]))
        cases.append(("built-in-sensitivity-switching", ["sensitivity", "--method", "switching", "--runs", "40", "--seed", "11"]))
        cases.append(("example-panel-fit", ["fit", "scenarios/data/example-panel.csv", "--response", "productivity", "--robust", "hc3"]))
        // A scenario that sets nothing: every parameter at its ParameterCatalog default.
        cases.append(("catalog-defaults-run", ["run", defaultsFile, "--runs", "100", "--seed", "11"]))
        return cases
    }

    func testEveryShippedScenarioWritesTheGoldenBytes() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: GovSimProcess.packageRoot.appendingPathComponent("scenarios"),
                                         to: dir.appendingPathComponent("scenarios"))
        try Data("version: 1\nname: catalog-defaults\n".utf8).write(to: dir.appendingPathComponent(Self.defaultsFile))
        let cases = try Self.cases()
        let results = GoldenResults(count: cases.count)
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            results.set(i, Result { try GovSimProcess.run(cases[i].arguments + ["--out", cases[i].name], in: dir) })
        }
        var lines: [String] = []
        var failed = false
        for (i, c) in cases.enumerated() {
            let r = try results.get(i).get()
            // calibrate exits 2 when the scenario is not calibrated; its files are written all the same.
            guard r.status == 0 || (c.arguments[0] == "calibrate" && r.status == 2) else {
                XCTFail("govsim \(c.arguments.joined(separator: " ")): exit \(r.status): \(r.stderr)")
                failed = true
                continue
            }
            let folder = dir.appendingPathComponent(c.name)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                lines.append("\(SHA256.hex(try Self.normalised(folder.appendingPathComponent(name))))  \(c.name)/\(name)")
            }
        }
        let actual = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["GOVSIM_UPDATE_GOLDEN"] == "1" {
            guard !failed else { return }   // never a list with a command's files missing
            try FileManager.default.createDirectory(at: Self.listURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: Self.listURL, options: .atomic)
            return
        }
        let expected = try String(contentsOf: Self.listURL, encoding: .utf8)
        let differences = Self.differences(expected: expected, actual: actual)
        XCTAssertTrue(differences.isEmpty,
                      "the outputs differ from Tests/Golden/outputs.sha256 (\(differences.count) files): "
                      + differences.prefix(20).joined(separator: "; ")
                      + ". If the change is deliberate, run scripts/update-golden.sh and say why in CHANGELOG.md")
    }

    /// The hashed form of an output file (see the type's comment).
    static func normalised(_ url: URL) throws -> [UInt8] {
        let bytes = try MultiProcessDeterminismTests.comparable(url)
        return replacing(Array(GovSimVersion.string.utf8), with: Array("<version>".utf8), in: bytes)
    }

    /// `bytes` with every occurrence of `pattern` replaced by `replacement`.
    static func replacing(_ pattern: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == pattern[0], i + pattern.count <= bytes.count, bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                out += replacement
                i += pattern.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// One line per file whose hash differs, that is missing or that is new.
    static func differences(expected: String, actual: String) -> [String] {
        func table(_ text: String) -> [String: String] {
            var t: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
                if parts.count == 2 { t[parts[1].trimmingCharacters(in: .whitespaces)] = String(parts[0]) }
            }
            return t
        }
        let e = table(expected), a = table(actual)
        var out: [String] = []
        for name in Set(e.keys).union(a.keys).sorted() {
            switch (e[name], a[name]) {
            case let (x?, y?) where x != y: out.append("\(name) changed")
            case (_?, nil): out.append("\(name) no longer written")
            case (nil, _?): out.append("\(name) is new")
            default: break
            }
        }
        return out
    }

    /// The comparison names each kind of difference.
    func testDifferencesNameChangedMissingAndNewFiles() {
        let expected = "aa  x/a.csv\nbb  x/b.csv\ncc  x/c.csv\n"
        let actual = "aa  x/a.csv\nbd  x/b.csv\ndd  x/d.csv\n"
        XCTAssertEqual(Self.differences(expected: expected, actual: actual),
                       ["x/b.csv changed", "x/c.csv no longer written", "x/d.csv is new"])
        XCTAssertEqual(Self.differences(expected: expected, actual: expected), [])
    }

    func testVersionReplacement() {
        XCTAssertEqual(String(decoding: Self.replacing(Array("0.1.0".utf8), with: Array("<v>".utf8), in: Array("govsim 0.1.0, 0.10,0.1 0.1.0".utf8)),
                              as: UTF8.self), "govsim <v>, 0.10,0.1 <v>")
    }
}

/// Results filled in by concurrent jobs; the lock orders the accesses.
private final class GoldenResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<GovSimProcess.Result, Error>]
    init(count: Int) { items = Array(repeating: .failure(CocoaError(.featureUnsupported)), count: count) }
    func set(_ i: Int, _ r: Result<GovSimProcess.Result, Error>) { lock.lock(); items[i] = r; lock.unlock() }
    func get(_ i: Int) -> Result<GovSimProcess.Result, Error> { lock.lock(); defer { lock.unlock() }; return items[i] }
}
