import Foundation
import GovSimCore
import XCTest

/// The golden test: every output file of a small fixed-seed run of every shipped scenario through
/// every command (and of a scenario left at the catalog's defaults) must have the SHA-256
/// committed in `Tests/Golden/outputs.sha256`. Any change of the model's numbers, of an output's
/// layout or of a default therefore fails here, and changing the list is a deliberate act:
/// `scripts/update-golden.sh` regenerates it, and CHANGELOG.md says why the bytes changed.
///
/// What is hashed is the file's bytes with two normalisations, so that the list holds across
/// machines and version bumps but nothing else: `manifest.json` without its top-level
/// `invocation` and `environment` members (time, threads, output folder, host), and every
/// occurrence of `GovSimVersion.string` replaced by `<version>`.
///
/// The cases and their processes are ``GoldenRuns`` (shared with `MultiProcessDeterminismTests`,
/// which requires the processes of a case to agree); the list is compared with each case's
/// first process (`GoldenRuns.first`, so this test alone runs one process per case). With `GOVSIM_UPDATE_GOLDEN=1` the test writes the list instead of comparing
/// (what the script does); it still fails if a command fails.
final class GoldenOutputTests: XCTestCase {
    /// The committed list: lines `<sha256>  <case>/<file>`, sorted by case and file.
    static let listURL = GovSimProcess.packageRoot.appendingPathComponent("Tests/Golden/outputs.sha256")

    func testEveryShippedScenarioWritesTheGoldenBytes() throws {
        var lines: [String] = []
        var failed = false
        for (c, first) in zip(try GoldenRuns.cases(), try GoldenRuns.first.get()) {
            guard GoldenRuns.succeeded(first) else {
                XCTFail("govsim \(first.arguments.joined(separator: " ")): exit \(first.status): \(first.stderr)")
                failed = true
                continue
            }
            for (name, hash) in first.hashes.sorted(by: { $0.key < $1.key }) { lines.append("\(hash)  \(c.name)/\(name)") }
        }
        let actual = lines.joined(separator: "\n") + "\n"
        if GoldenRuns.updating {
            guard !failed else { return }  // never a list with a command's files missing
            try FileManager.default.createDirectory(at: Self.listURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: Self.listURL, options: .atomic)
            return
        }
        let expected = try String(contentsOf: Self.listURL, encoding: .utf8)
        let differences = Self.differences(expected: expected, actual: actual)
        XCTAssertTrue(
            differences.isEmpty,
            "the outputs differ from Tests/Golden/outputs.sha256 (\(differences.count) files): "
                + differences.prefix(20).joined(separator: "; ")
                + ". If the change is deliberate, run scripts/update-golden.sh and say why in CHANGELOG.md")
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
            case (let x?, let y?) where x != y: out.append("\(name) changed")
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
        XCTAssertEqual(
            Self.differences(expected: expected, actual: actual),
            ["x/b.csv changed", "x/c.csv no longer written", "x/d.csv is new"])
        XCTAssertEqual(Self.differences(expected: expected, actual: expected), [])
    }

    func testVersionReplacement() {
        XCTAssertEqual(
            String(
                decoding: Self.replacing(Array("0.1.0".utf8), with: Array("<v>".utf8), in: Array("govsim 0.1.0, 0.10,0.1 0.1.0".utf8)),
                as: UTF8.self), "govsim <v>, 0.10,0.1 <v>")
    }
}
