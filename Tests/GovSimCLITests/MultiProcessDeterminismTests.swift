import Foundation
import GovSimCore
import XCTest

/// Every shipped scenario through every command that takes it, each case in at least 8 separate
/// processes with Swift's per-process hash seeding (SWIFT_DETERMINISTIC_HASHING removed from the
/// child's environment): every output file must have one SHA-256 across the processes.
/// `manifest.json` is compared without its `invocation` and `environment` sections (facts of the
/// particular run: time, thread count, output folder).
///
/// A Dictionary or Set iterated into a floating-point sum, an output order or a hash changes
/// from process to process; one such sum (the `from_fit` coefficients) made about 1 process in 6
/// write different last digits. See `fromFitProcesses` for the process count of that case.
final class MultiProcessDeterminismTests: XCTestCase {
    /// Processes per case.
    static let processes = 8

    /// Processes for `govsim run` of the `from_fit` scenario (evidence-based.yaml). With the
    /// Dictionary-order bug, a process writes the majority bytes with probability about 5/6
    /// (5 of 30 differed), so all n processes agree — and a reverted fix passes — with
    /// probability about (5/6)^n (+ (1/6)^n for all in the minority, negligible):
    /// (5/6)^25 = 0.0105, (5/6)^26 = 0.0087 < 1%. So 26. The other commands on that scenario
    /// read the same coefficients and add (5/6)^8 ≈ 0.23 each on top.
    static let fromFitProcesses = 26

    static let scenarios = GovSimProcess.packageRoot.appendingPathComponent("scenarios")

    private var dir: URL!
    override func setUpWithError() throws { dir = try GovSimProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// The commands a scenario can take, with tiny sizes. `scenario` nil: the built-in reference.
    /// What differs between processes is the iteration order of a Dictionary or Set, which does
    /// not depend on the number of runs: 20 runs (one block, as 100 were) go through every step
    /// of each command (scenario resolution, fits, sampling, model, aggregation, every output
    /// file) at a fraction of the cost; `sensitivity` keeps 60 runs (its regression needs more
    /// runs than inputs) and the smallest Sobol' design (2 base samples).
    static func cases(_ scenario: String?) -> [(name: String, arguments: [String])] {
        let file = scenario.map { [scenarios.appendingPathComponent($0).path] } ?? []
        return [
            ("run", ["run"] + file + ["--runs", "20"]),
            ("calibrate", ["calibrate"] + file + ["--runs", "20"]),
            // All the scenario's variants (or the built-in no-programme variant when it has none).
            ("compare", ["compare"] + file + ["--runs", "20"]),
            ("sensitivity-src", ["sensitivity"] + file + ["--runs", "60"]),
            ("sensitivity-sobol", ["sensitivity"] + file + ["--method", "sobol", "--base-samples", "2", "--bootstrap", "10"]),
        ]
    }

    func testBuiltInReference() throws { try check(Self.cases(nil), label: "built-in") }
    func testReferenceFile() throws { try check(Self.cases("reference.yaml"), label: "reference") }
    func testCautiousRollout() throws { try check(Self.cases("cautious-rollout.yaml"), label: "cautious") }
    func testDigitalFirst() throws { try check(Self.cases("digital-first.yaml"), label: "digital") }
    func testMinistryPortfolio() throws { try check(Self.cases("ministry-portfolio.yaml"), label: "ministry") }
    func testWithBenefitLines() throws { try check(Self.cases("with-benefit-lines.yaml"), label: "benefit-lines") }

    /// The scenario files the tests above cover: every shipped scenario must be one of them.
    static let covered: Set<String> = ["reference.yaml", "cautious-rollout.yaml", "digital-first.yaml", "ministry-portfolio.yaml",
                                       "evidence-based.yaml", "with-benefit-lines.yaml"]

    func testEveryShippedScenarioIsCovered() throws {
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Self.scenarios.path).filter { $0.hasSuffix(".yaml") }
        XCTAssertEqual(shipped.sorted(), Self.covered.sorted(), "add a test case for each new scenario in scenarios/")
    }

    func testEvidenceBasedFromFit() throws {
        let cases = Self.cases("evidence-based.yaml")
        try check([cases[0]], label: "evidence", processes: Self.fromFitProcesses)
        try check(Array(cases.dropFirst()), label: "evidence")
    }

    func testFitOnTheExamplePanel() throws {
        let data = Self.scenarios.appendingPathComponent("data/example-panel.csv").path
        try check([("fit", ["fit", data, "--response", "productivity", "--robust", "hc3"])], label: "panel")
    }

    /// Runs each case in `processes` processes (two at a time) and requires one hash per file.
    private func check(_ cases: [(name: String, arguments: [String])], label: String, processes: Int = processes,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertGreaterThanOrEqual(processes, 8)
        var jobs: [(folder: String, arguments: [String])] = []
        for c in cases {
            for p in 0..<processes {
                let folder = "\(label)-\(c.name)-\(p)"
                jobs.append((folder, c.arguments + ["--out", folder]))
            }
        }
        let results = ResultBox(count: jobs.count)
        let slots = DispatchSemaphore(value: 2)
        let group = DispatchGroup()
        let workDir: URL = dir
        for (i, job) in jobs.enumerated() {
            slots.wait()
            DispatchQueue.global().async(group: group) {
                defer { slots.signal() }
                let r = try? GovSimProcess.run(job.arguments, in: workDir, removing: ["SWIFT_DETERMINISTIC_HASHING"])
                results.set(i, r)
            }
        }
        group.wait()
        for (i, job) in jobs.enumerated() {
            guard let r = results.get(i) else { XCTFail("\(job.arguments) did not start", file: file, line: line); return }
            // calibrate exits 2 when the scenario is not calibrated; its files are written all the same.
            XCTAssertTrue(r.status == 0 || (job.arguments[0] == "calibrate" && r.status == 2),
                          "\(job.arguments.joined(separator: " ")): exit \(r.status): \(r.stderr)", file: file, line: line)
        }
        for c in cases {
            var hashes: [String: Set<String>] = [:]
            var fileSets = Set<[String]>()
            for p in 0..<processes {
                let folder = dir.appendingPathComponent("\(label)-\(c.name)-\(p)")
                let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                fileSets.insert(names)
                for name in names {
                    hashes[name, default: []].insert(SHA256.hex(try Self.comparable(folder.appendingPathComponent(name))))
                }
            }
            XCTAssertEqual(fileSets.count, 1, "\(label) \(c.name): the processes wrote different files: \(fileSets)", file: file, line: line)
            XCTAssertFalse(hashes.isEmpty, "\(label) \(c.name) wrote nothing", file: file, line: line)
            for (name, set) in hashes.sorted(by: { $0.key < $1.key }) {
                XCTAssertEqual(set.count, 1, "\(label) \(c.name): \(name) differs between \(processes) processes (\(set.count) versions)",
                               file: file, line: line)
            }
        }
    }

    /// The file's bytes; for manifest.json, its text without the top-level `invocation` and
    /// `environment` members (cut out of the text, not re-rendered, so that a change in key
    /// order elsewhere still shows).
    static func comparable(_ url: URL) throws -> [UInt8] {
        let data = try Data(contentsOf: url)
        guard url.lastPathComponent == "manifest.json" else { return Array(data) }
        XCTAssertNotNil(try? JSONSerialization.jsonObject(with: data) as? [String: Any], "\(url.path) is not a JSON object")
        return removingTopLevelMembers(["invocation", "environment"], from: Array(data))
    }

    /// `json` (an object) without the top-level members named `keys`, each with its separating comma.
    static func removingTopLevelMembers(_ keys: Set<String>, from json: [UInt8]) -> [UInt8] {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var out: [UInt8] = []
        var i = 0, depth = 0
        /// Index just past the string starting at `start` (a quote).
        func endOfString(_ start: Int) -> Int {
            var j = start + 1
            while j < json.count, json[j] != quote { j += json[j] == backslash ? 2 : 1 }
            return j + 1
        }
        /// Index just past the value starting at or after `start` (nested objects, arrays, strings).
        func endOfValue(_ start: Int) -> Int {
            var j = start, level = 0
            while j < json.count {
                let c = json[j]
                if c == quote { j = endOfString(j); if level == 0 { return j }; continue }
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { level += 1 }
                if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                    if level == 0 { return j }
                    level -= 1
                    if level == 0 { return j + 1 }
                }
                if level == 0, c == UInt8(ascii: ",") { return j }
                j += 1
            }
            return j
        }
        while i < json.count {
            let c = json[i]
            if c == quote {
                let end = endOfString(i)
                if depth == 1, let key = String(bytes: json[(i + 1)..<(end - 1)], encoding: .utf8), keys.contains(key) {
                    var j = end
                    while j < json.count, json[j] != UInt8(ascii: ":") { j += 1 }
                    j = endOfValue(j + 1)
                    while j < json.count, json[j] == UInt8(ascii: " ") || json[j] == UInt8(ascii: "\n") { j += 1 }
                    if j < json.count, json[j] == UInt8(ascii: ",") { j += 1 }
                    i = j
                    continue
                }
                out.append(contentsOf: json[i..<end])
                i = end
                continue
            }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") { depth -= 1 }
            out.append(c)
            i += 1
        }
        return out
    }

    /// The cut keeps everything else byte for byte.
    func testRemovingManifestSectionsKeepsTheRest() {
        let json = Array("{\n  \"a\": 1,\n  \"environment\": {\"x\": [1, {\"y\": \"}\"}]},\n  \"b\": \"q\\\"\",\n  \"invocation\": {\"c\": 2}\n}\n".utf8)
        XCTAssertEqual(String(decoding: Self.removingTopLevelMembers(["invocation", "environment"], from: json), as: UTF8.self),
                       "{\n  \"a\": 1,\n  \n  \"b\": \"q\\\"\",\n  }\n")
    }
}

/// Results filled in by concurrent jobs.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [GovSimProcess.Result?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: GovSimProcess.Result?) { lock.lock(); items[i] = r; lock.unlock() }
    func get(_ i: Int) -> GovSimProcess.Result? { lock.lock(); defer { lock.unlock() }; return items[i] }
}
