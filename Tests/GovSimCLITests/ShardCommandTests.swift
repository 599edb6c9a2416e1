import Foundation
import XCTest

final class ShardCommandTests: XCTestCase {
    func testFourShardsInParallelMergeToTheSingleRun() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let single = try GovSimProcess.run(["run", "--runs", "4500", "--out", "single", "--quiet"], in: dir)
        XCTAssertEqual(single.status, 0, single.stderr)
        // Four shards as separate processes at the same time, as a job array would run them.
        let shards = (1...4).map { k -> Process in
            let p = Process()
            p.executableURL = GovSimProcess.executable
            p.arguments = ["run", "--runs", "4500", "--shard", "\(k)/4", "--out", "shard-\(k)", "--quiet"]
            p.currentDirectoryURL = dir
            return p
        }
        for p in shards { try p.run() }
        for p in shards { p.waitUntilExit(); XCTAssertEqual(p.terminationStatus, 0) }
        let merge = try GovSimProcess.run(["merge", "shard-4", "shard-2", "shard-1", "shard-3", "--out", "merged", "--quiet"], in: dir)
        XCTAssertEqual(merge.status, 0, merge.stderr)
        for file in ["summary.csv", "runs.csv", "budget.csv", "report.html"] {
            XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("merged/\(file)")),
                           try Data(contentsOf: dir.appendingPathComponent("single/\(file)")), "\(file) differs")
        }
    }

    func testShardsFromTheEnvironmentAndMissingShards() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A Kubernetes Indexed Job gives a 0-based JOB_COMPLETION_INDEX.
        let r = try GovSimProcess.run(["run", "--runs", "3000", "--shard-from-env", "--shards", "3", "--out", "s2", "--quiet"], in: dir,
                                      environment: ["JOB_COMPLETION_INDEX": "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let description = try String(contentsOf: dir.appendingPathComponent("s2/shard.json"), encoding: .utf8)
        XCTAssertTrue(description.contains("\"shard\": 2"), description)
        let merge = try GovSimProcess.run(["merge", "s2", "--out", "m"], in: dir)
        XCTAssertEqual(merge.status, 1)
        XCTAssertTrue(merge.stderr.contains("shards 1, 3 of 3 are missing"), merge.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("m").path))
        let bad = try GovSimProcess.run(["run", "--shard", "5/4"], in: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("1 ≤ K ≤ N"), bad.stderr)
    }
}
