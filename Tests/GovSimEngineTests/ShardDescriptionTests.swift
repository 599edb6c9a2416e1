import Foundation
import XCTest

@testable import GovSimEngine

final class ShardDescriptionTests: XCTestCase {
    private func description(runs: Int = 4096, shard: Int = 2, of shards: Int = 4) -> ShardDescription {
        var d = ShardDescription(
            scenarioFile: "scenarios/x.yaml", scenarioBytes: Array("name: x\n".utf8),
            dataFiles: [.init(path: "data/a.csv", contents: Data("year,v\n2020,1\n".utf8))],
            runs: runs, seed: UInt64.max, sampling: "lhs", shard: shard, shards: shards, runsCSVRows: true)
        d.recordAggregate(Array(repeating: 7, count: 800))
        return d
    }

    func testRoundTripsThroughItsOwnEncoding() throws {
        let d = description()
        let decoded = try ShardDescription.decode(d.encoded())
        XCTAssertEqual(decoded, d)
        XCTAssertEqual(decoded.seedValue, UInt64.max)
        XCTAssertEqual([decoded.firstBlock, decoded.endBlock], [1, 2])
        XCTAssertEqual(decoded.runRange, 1024..<2048)
        XCTAssertEqual(decoded.dataFileContents["data/a.csv"], Data("year,v\n2020,1\n".utf8))
    }

    /// The shards' block ranges tile the blocks exactly, for every count of shards.
    func testBlockRangesTileTheRun() {
        for blocks in [1, 2, 3, 7, 10, 97] {
            for n in 1...blocks {
                let ranges = (1...n).map { ShardDescription.blockRange(shard: $0, of: n, blockCount: blocks) }
                XCTAssertEqual(ranges.first?.lowerBound, 0)
                XCTAssertEqual(ranges.last?.upperBound, blocks)
                for (a, b) in zip(ranges, ranges.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
                XCTAssertTrue(ranges.allSatisfy { !$0.isEmpty }, "\(n) of \(blocks)")
            }
        }
    }

    func testRefusesOutOfRangeFields() throws {
        func refused(_ edit: (inout ShardDescription) -> Void, _ fragment: String, line: UInt = #line) {
            var d = description()
            edit(&d)
            XCTAssertThrowsError(try ShardDescription.decode(d.encoded()), line: line) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(error)", line: line)
            }
        }
        refused({ $0.shard = 0 }, "`shard` is 0")
        refused({ $0.shards = 4_000_000_000 }, "`shards` is 4000000000")
        refused({ $0.firstBlock = 0 }, "blocks 0..<2 are not those of shard 2 of 4")
        refused({ $0.runs = Int.max }, "`runs` is")
        refused({ $0.seed = "18446744073709551616" }, "`seed`")
        refused({ $0.aggregateBytes = 0 }, "`aggregate_bytes` is 0")
        refused({ $0.aggregateFormat = 7 }, "`aggregate_format` is 7, but this govsim reads aggregates of format 1")
        refused({ $0.aggregateSHA256 = "" }, "`aggregate_sha256` is not a SHA-256")
        refused({ $0.scenarioContent += " " }, "`scenario_content` does not have the SHA-256")
        refused({ $0.dataFiles.append($0.dataFiles[0]) }, "repeated")
        refused({ $0.scenarioFile = "x\u{1b}[2J.yaml" }, "`scenario_file`")
        refused({ $0.govsimVersion = "" }, "`govsim_version`")
        XCTAssertThrowsError(try ShardDescription.decode(Data(count: ShardDescription.maximumBytes + 1)))
        XCTAssertThrowsError(try ShardDescription.decode(Data("{\"shard\": 1}".utf8))) { error in
            XCTAssertTrue("\(error)".hasPrefix("has no `"), "\(error)")
        }
    }
}
