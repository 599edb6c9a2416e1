import Foundation
import XCTest

/// `run --shard` and `merge` report progress with `--progress` (a batch job's log is not a
/// terminal): plain lines on standard error ending with the shard's (or the whole run's) run
/// count, and nothing on standard error without it.
final class ShardProgressTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try GovSimProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func assertProgressLines(_ stderr: String, endingWith last: String, file: StaticString = #filePath, line: UInt = #line) {
        let lines = stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.last?.hasPrefix(last) == true, stderr, file: file, line: line)
        for l in lines { XCTAssertTrue(l.hasPrefix("progress: "), l, file: file, line: line) }
        XCTAssertFalse(stderr.contains("\r") || stderr.contains("\u{1B}"), "no redrawn bar in a log", file: file, line: line)
    }

    func testShardsAndMergeShowProgressInALog() throws {
        // 2,100 runs: blocks 0..<3 (1,024 + 1,024 + 52); shard 2 of 2 holds blocks 1..<3, 1,076 runs.
        // The reference scenario over 2 years keeps it quick in a debug build.
        let reference = try String(
            contentsOf: GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml"), encoding: .utf8)
        let small = reference.replacingOccurrences(of: "horizon: 15", with: "horizon: 3")
        XCTAssertNotEqual(small, reference)
        try small.write(to: dir.appendingPathComponent("small.yaml"), atomically: true, encoding: .utf8)
        let base = ["small.yaml", "--runs", "2100"]
        let first = try GovSimProcess.run(["run"] + base + ["--shard", "1/2", "--out", "s1"], in: dir)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stderr, "", "no progress without --progress when standard error is not a terminal")
        let second = try GovSimProcess.run(["run"] + base + ["--shard", "2/2", "--progress", "--out", "s2"], in: dir)
        XCTAssertEqual(second.status, 0, second.stderr)
        assertProgressLines(second.stderr, endingWith: "progress: 1,076 runs done in ")
        XCTAssertTrue(second.stdout.contains("Shard 2/2: blocks 1..<3 of 3 written to s2/"), second.stdout)

        let merge = try GovSimProcess.run(["merge", "s1", "s2", "--progress", "--out", "merged"], in: dir)
        XCTAssertEqual(merge.status, 0, merge.stderr)
        assertProgressLines(merge.stderr, endingWith: "progress: 2,100 runs done in ")
        XCTAssertTrue(merge.stdout.contains("Merged 2 shards"), merge.stdout)
    }
}
