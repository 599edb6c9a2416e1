import Foundation
import XCTest
@testable import GovSimCore

/// ``RunPipeline`` in process: options in, artifacts out.
final class RunPipelineTests: XCTestCase {
    func run(threads: Int) throws -> (InMemoryArtifacts, RunPipeline.Outcome) {
        let (document, scenario) = PipelineTestSupport.document()
        let manifest = CommandManifest(command: ["govsim", "run"], record: ReproductionRecord(.run), documents: [document],
                                       scenarioName: scenario.name, seed: scenario.seed, runs: scenario.runs,
                                       horizon: scenario.horizon, sampling: scenario.sampling.rawValue,
                                       threads: threads, outputFolder: "out")
        let sink = InMemoryArtifacts()
        let outcome = try RunPipeline.run(.init(document: document, scenario: scenario, manifest: manifest), threads: threads, into: sink)
        return (sink, outcome)
    }

    func testFileSetAndManifestListing() throws {
        let (sink, outcome) = try run(threads: 1)
        XCTAssertEqual(sink.files.map(\.name), ["runs.csv", "summary.csv", "budget.csv", "appraisal.csv", "report.html", "manifest.json"])
        XCTAssertEqual(outcome.result.scenario.runs, 600)
        // runs.csv: a header and one line per run.
        let lines = String(decoding: sink["runs.csv"]!, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 601)
        // The manifest lists every other file, runs.csv second, with matching hashes.
        XCTAssertEqual(try PipelineTestSupport.listing(sink["manifest.json"]), ["summary.csv", "runs.csv", "budget.csv", "appraisal.csv", "report.html"])
        let manifest = try JSONValue.parse(sink["manifest.json"]!)
        guard case .array(let files)? = manifest["files"] else { return XCTFail("no files listing") }
        for file in files {
            guard case .string(let name)? = file["name"], case .string(let hash)? = file["sha256"] else { return XCTFail("bad entry") }
            XCTAssertEqual(hash, SHA256.hex(sink[name]!), name)
        }
        XCTAssertEqual(manifest["subcommand"], .string("run"))
        XCTAssertEqual(manifest["quantiles"], .string("exact"))
    }

    func testBytesEqualAcrossThreadCounts() throws {
        let (one, _) = try run(threads: 1)
        let (three, _) = try run(threads: 3)
        for (name, contents) in one.files where name != "manifest.json" {
            XCTAssertEqual(contents, three[name], name)
        }
        XCTAssertEqual(try PipelineTestSupport.stableManifest(one["manifest.json"]),
                       try PipelineTestSupport.stableManifest(three["manifest.json"]))
    }

    func testShardsMergeToTheSameBytes() throws {
        let (document, scenario) = PipelineTestSupport.document(runs: 2100)
        func facts(_ subcommand: ReproductionRecord.Subcommand) -> CommandManifest {
            CommandManifest(command: ["govsim"], record: ReproductionRecord(subcommand), documents: [document], scenarioName: scenario.name,
                            seed: scenario.seed, runs: scenario.runs, horizon: scenario.horizon, sampling: scenario.sampling.rawValue,
                            threads: 2, outputFolder: "out")
        }
        let whole = InMemoryArtifacts()
        _ = try RunPipeline.run(.init(document: document, scenario: scenario, manifest: facts(.run)), threads: 2, into: whole)
        var shards: [(ShardPipeline.Prepared, InMemoryArtifacts)] = []
        for k in 1...2 {
            let prepared = try ShardPipeline.prepare(.init(document: document, dataFiles: [], scenario: scenario, shard: k, shards: 2,
                                                           threads: 2, manifest: facts(.run)))
            let sink = InMemoryArtifacts()
            try prepared.write(into: sink)
            XCTAssertEqual(sink.files.map(\.name), ["runs.bin", "shard.json", "manifest.json"])
            shards.append((prepared, sink))
        }
        XCTAssertEqual(shards[0].0.blocks.upperBound, shards[1].0.blocks.lowerBound)
        let merged = InMemoryArtifacts()
        let codec = ShardCodec(plan: SimulationEngine(scenario: scenario, threads: 1).plan)
        _ = try MergePipeline.run(.init(document: document, scenario: scenario, manifest: facts(.merge)), into: merged) { b, runs in
            let (prepared, sink) = shards.first { $0.0.blocks.contains(b) }!
            let perBlock = ParallelBlocks.blocks(runs: scenario.runs)
            let offset = perBlock[prepared.blocks.lowerBound..<b].reduce(0) { $0 + $1.count } * codec.bytesPerRun
            return Array(sink["runs.bin"]![offset..<(offset + runs * codec.bytesPerRun)])
        }
        for (name, contents) in whole.files where name != "manifest.json" {
            XCTAssertEqual(contents, merged[name], name)
        }
    }

    func testTooManyShardsAreRefusedBeforeSimulating() throws {
        let (document, scenario) = PipelineTestSupport.document(runs: 600)
        let manifest = CommandManifest(command: ["govsim"], record: ReproductionRecord(.run), documents: [document], scenarioName: scenario.name,
                                       seed: scenario.seed, runs: scenario.runs, horizon: scenario.horizon, threads: 1, outputFolder: "out")
        XCTAssertThrowsError(try ShardPipeline.prepare(.init(document: document, dataFiles: [], scenario: scenario, shard: 1, shards: 1000,
                                                             threads: 1, manifest: manifest))) { error in
            XCTAssertTrue("\(error)".hasPrefix("--shard 1/1000: 600 runs make only"), "\(error)")
        }
    }
}
