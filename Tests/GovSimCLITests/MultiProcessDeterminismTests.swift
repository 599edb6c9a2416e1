import Foundation
import GovSimCore
import XCTest

/// Every shipped scenario through every command that takes it, each case in at least 3 separate
/// processes with Swift's per-process hash seeding (SWIFT_DETERMINISTIC_HASHING removed from the
/// child's environment) and with 1, 2 and 3 threads: every output file must have one SHA-256 across
/// the processes. `manifest.json` is compared without its `invocation` and `environment`
/// sections (facts of the particular run: time, thread count, output folder).
///
/// The cases and their processes are the golden test's (``GoldenRuns``: run once, read by both
/// tests), so each process is checked against the others here and against the committed list
/// there. See ``GoldenRuns/processes`` for why 3 processes per case suffice and
/// ``GoldenRuns/fromFitProcesses`` for the case that needs 26.
///
/// A Dictionary or Set iterated into a floating-point sum, an output order or a hash changes
/// from process to process; one such sum (the `from_fit` coefficients) made about 1 process in 6
/// write different last digits.
final class MultiProcessDeterminismTests: XCTestCase {
    static let scenarios = GovSimProcess.packageRoot.appendingPathComponent("scenarios")

    func testEveryCaseWritesTheSameBytesInEveryProcess() throws {
        if GoldenRuns.updating { throw XCTSkip("GOVSIM_UPDATE_GOLDEN=1 runs one process per case") }
        for outcome in try GoldenRuns.all.get() {
            let label = outcome.case.name
            XCTAssertGreaterThanOrEqual(outcome.processes.count, GoldenRuns.processes, label)
            for p in outcome.processes {
                XCTAssertTrue(GoldenRuns.succeeded(p), "\(p.arguments.joined(separator: " ")): exit \(p.status): \(p.stderr)")
            }
            let fileSets = Set(outcome.processes.map { $0.hashes.keys.sorted() })
            XCTAssertEqual(fileSets.count, 1, "\(label): the processes wrote different files: \(fileSets)")
            XCTAssertFalse(outcome.processes[0].hashes.isEmpty, "\(label) wrote nothing")
            for name in outcome.processes[0].hashes.keys.sorted() {
                let versions = Set(outcome.processes.compactMap { $0.hashes[name] })
                XCTAssertEqual(
                    versions.count, 1, "\(label): \(name) differs between \(outcome.processes.count) processes (\(versions.count) versions)"
                )
            }
        }
    }

    /// Every shipped scenario goes through every command, and the `from_fit` run has its count.
    func testEveryShippedScenarioIsCoveredByEveryCommand() throws {
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Self.scenarios.path).filter { $0.hasSuffix(".yaml") }
        XCTAssertTrue(shipped.contains("evidence-based.yaml"))
        let cases = try GoldenRuns.cases()
        for scenario in shipped.map({ Optional($0) }) + [nil] {
            let file = scenario.map { "scenarios/" + $0 }
            let covered = Set(
                cases.filter { c in
                    c.processes >= GoldenRuns.processes
                        && (file.map { c.arguments.contains($0) } ?? !c.arguments.contains { $0.hasPrefix("scenarios/") })
                }.map { c in c.arguments[0] + (c.arguments.contains("sobol") ? "-sobol" : "") })
            XCTAssertTrue(
                covered.isSuperset(of: ["run", "calibrate", "compare", "sensitivity", "sensitivity-sobol"]),
                "\(scenario ?? "built-in"): \(covered)")
        }
        XCTAssertEqual(
            cases.first { $0.arguments.starts(with: ["run", "scenarios/evidence-based.yaml"]) }?.processes, GoldenRuns.fromFitProcesses)
        XCTAssertTrue(cases.contains { $0.arguments[0] == "fit" })
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
        let json = Array(
            "{\n  \"a\": 1,\n  \"environment\": {\"x\": [1, {\"y\": \"}\"}]},\n  \"b\": \"q\\\"\",\n  \"invocation\": {\"c\": 2}\n}\n".utf8)
        XCTAssertEqual(
            String(decoding: Self.removingTopLevelMembers(["invocation", "environment"], from: json), as: UTF8.self),
            "{\n  \"a\": 1,\n  \n  \"b\": \"q\\\"\",\n  }\n")
    }
}
