import XCTest

@testable import GovSimPipelines

/// ``ShardChoice``: `--shard K/N` and the schedulers' environments.
final class ShardChoiceTests: XCTestCase {
    func testParse() throws {
        XCTAssertTrue(try ShardChoice.parse("2/4") == (2, 4))
        for bad in ["0/4", "5/4", "2", "a/b", "2/0", "1/2/3"] {
            XCTAssertThrowsError(try ShardChoice.parse(bad), bad) { XCTAssertTrue("\($0)".contains("write K/N"), "\($0)") }
        }
    }

    func testEnvironment() throws {
        XCTAssertTrue(
            try ShardChoice.fromEnvironment(
                ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"], shards: nil) == (3, 4))
        XCTAssertTrue(try ShardChoice.fromEnvironment(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "5"], shards: 8) == (5, 8))
        XCTAssertTrue(try ShardChoice.fromEnvironment(["JOB_COMPLETION_INDEX": "0"], shards: 3) == (1, 3))
        XCTAssertThrowsError(try ShardChoice.fromEnvironment(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "4"], shards: nil))
        XCTAssertThrowsError(try ShardChoice.fromEnvironment(["JOB_COMPLETION_INDEX": "3"], shards: 3))
        XCTAssertThrowsError(try ShardChoice.fromEnvironment(["JOB_COMPLETION_INDEX": "1"], shards: nil))
        XCTAssertThrowsError(try ShardChoice.fromEnvironment([:], shards: 2))
    }
}
