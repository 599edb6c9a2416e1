import Foundation
import GovSimTestSupport
import XCTest

@testable import GovSimOutput
@testable import GovSimPipelines

/// ``RunPipeline`` in process: options in, artifacts out.
final class RunPipelineTests: XCTestCase {
    func run(threads: Int, runsCSV: Bool = true) throws -> (InMemoryArtifacts, RunPipeline.Outcome) {
        let (document, scenario) = PipelineTestSupport.document()
        var record = ReproductionRecord(.run)
        if !runsCSV { record.noRunsCSV = true }
        let manifest = CommandManifest(
            command: ["govsim", "run"], record: record, documents: [document],
            scenarioName: scenario.name, seed: scenario.seed, runs: scenario.runs,
            horizon: scenario.horizon, sampling: scenario.sampling.rawValue,
            threads: threads, outputFolder: "out")
        let sink = InMemoryArtifacts()
        let outcome = try RunPipeline.run(
            .init(document: document, scenario: scenario, manifest: manifest, runsCSV: runsCSV),
            threads: threads, into: sink)
        return (sink, outcome)
    }

    /// `--no-runs-csv`: no runs.csv and no listing of it; every other file byte for byte the same
    /// (at 1 and 3 threads), the record says so, and no run's record is kept in memory.
    func testWithoutRunsCSVTheOtherFilesAreUnchanged() throws {
        let (with, _) = try run(threads: 1)
        for threads in [1, 3] {
            let (without, outcome) = try run(threads: threads, runsCSV: false)
            XCTAssertEqual(
                without.files.map(\.name),
                ["summary.csv", "budget.csv", "appraisal.csv", "correlations.csv", "report.html", "manifest.json"])
            for (name, contents) in without.files where name != "manifest.json" { XCTAssertEqual(contents, with[name], name) }
            XCTAssertEqual(
                try PipelineTestSupport.listing(without["manifest.json"]),
                ["summary.csv", "budget.csv", "appraisal.csv", "correlations.csv", "report.html"])
            XCTAssertEqual(try JSONValue.parse(without["manifest.json"]!)["reproduction"]?["no_runs_csv"], .bool(true))
            XCTAssertTrue(outcome.result.records.isEmpty)
            XCTAssertEqual(outcome.result.budgets.count, 600)
        }
    }

    /// runs.csv's block formatter writes the same bytes as the table's string form (shortest
    /// round-trip numbers, `never`, empty ratios), including numbers of every size and sign.
    func testRunsBytesEqualTheTableText() throws {
        let (_, outcome) = try run(threads: 1)
        let records = outcome.result.records
        XCTAssertEqual(RunsTable.bytes(records, startYear: 2025), Array(RunsTable.lines(records, startYear: 2025).utf8))
        var generator = SplitMix64(seed: 3)
        var values: [Double] = [
            0.1, -0.1, 1e-300, Double.leastNonzeroMagnitude, -2.5e-7, 1e15, 1e16, 123456789.125, 0.30000000000000004, 1e22, -1e-5,
            Double.greatestFiniteMagnitude, -Double.leastNormalMagnitude, 9007199254740992, 999999999999999.9,
        ]
        for _ in 0..<20_000 { values.append(Double(bitPattern: generator.next())) }
        for x in values where x.isFinite {
            var out: [UInt8] = []
            RunsTable.appendNumber(x, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), CSVTable.formatNumber(x), "\(x.bitPattern)")
        }
        for n in [0, 7, -7, 10, Int.max, Int.min + 1, 2025] {
            var out: [UInt8] = []
            RunsTable.appendInteger(n, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(n))
        }
    }

    func testFileSetAndManifestListing() throws {
        let (sink, outcome) = try run(threads: 1)
        XCTAssertEqual(
            sink.files.map(\.name),
            ["runs.csv", "summary.csv", "budget.csv", "appraisal.csv", "correlations.csv", "report.html", "manifest.json"])
        XCTAssertEqual(outcome.result.scenario.runs, 600)
        // runs.csv: a header and one line per run.
        let lines = String(decoding: sink["runs.csv"]!, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 601)
        // The manifest lists every other file, runs.csv second, with matching hashes.
        XCTAssertEqual(
            try PipelineTestSupport.listing(sink["manifest.json"]),
            ["summary.csv", "runs.csv", "budget.csv", "appraisal.csv", "correlations.csv", "report.html"])
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
        XCTAssertEqual(
            try PipelineTestSupport.stableManifest(one["manifest.json"]),
            try PipelineTestSupport.stableManifest(three["manifest.json"]))
    }

    func testShardsMergeToTheSameBytes() throws {
        let (document, scenario) = PipelineTestSupport.document(runs: 2100)
        func facts(_ subcommand: ReproductionRecord.Subcommand) -> CommandManifest {
            CommandManifest(
                command: ["govsim"], record: ReproductionRecord(subcommand), documents: [document], scenarioName: scenario.name,
                seed: scenario.seed, runs: scenario.runs, horizon: scenario.horizon, sampling: scenario.sampling.rawValue,
                threads: 2, outputFolder: "out")
        }
        let whole = InMemoryArtifacts()
        _ = try RunPipeline.run(.init(document: document, scenario: scenario, manifest: facts(.run)), threads: 2, into: whole)
        var shards: [(ShardPipeline.Prepared, InMemoryArtifacts)] = []
        for k in 1...2 {
            let prepared = try ShardPipeline.prepare(
                .init(
                    document: document, dataFiles: [], scenario: scenario, shard: k, shards: 2,
                    threads: 2, manifest: facts(.run)))
            let sink = InMemoryArtifacts()
            try prepared.write(into: sink)
            XCTAssertEqual(sink.files.map(\.name), ["runs-rows.csv", "aggregate.bin", "shard.json", "manifest.json"])
            shards.append((prepared, sink))
        }
        XCTAssertEqual(shards[0].0.blocks.upperBound, shards[1].0.blocks.lowerBound)
        // The merge reads nothing but the shards' aggregates and rows: no run is simulated or replayed.
        var merge = ShardMerge(scenario: scenario)
        for (prepared, sink) in shards {
            let description = try ShardDescription.decode(sink["shard.json"]!)
            XCTAssertEqual(description.aggregateSHA256, SHA256.hex(sink["aggregate.bin"]!))
            try merge.add(
                ShardAggregate.decode(
                    Array(sink["aggregate.bin"]!), plan: merge.planSimulator, runs: scenario.runs,
                    firstBlock: prepared.blocks.lowerBound, endBlock: prepared.blocks.upperBound))
        }
        let merged = InMemoryArtifacts()
        _ = try MergePipeline.run(
            .init(document: document, scenario: scenario, manifest: facts(.merge)), into: merged, result: merge.finish()
        ) { sink in
            for (_, shard) in shards { sink(Array(shard["runs-rows.csv"]!)) }
        }
        for (name, contents) in whole.files where name != "manifest.json" {
            XCTAssertEqual(contents, merged[name], name)
        }
    }

    func testTooManyShardsAreRefusedBeforeSimulating() throws {
        let (document, scenario) = PipelineTestSupport.document(runs: 600)
        let manifest = CommandManifest(
            command: ["govsim"], record: ReproductionRecord(.run), documents: [document], scenarioName: scenario.name,
            seed: scenario.seed, runs: scenario.runs, horizon: scenario.horizon, threads: 1, outputFolder: "out")
        XCTAssertThrowsError(
            try ShardPipeline.prepare(
                .init(
                    document: document, dataFiles: [], scenario: scenario, shard: 1, shards: 1000,
                    threads: 1, manifest: manifest))
        ) { error in
            XCTAssertTrue("\(error)".hasPrefix("--shard 1/1000: 600 runs make only"), "\(error)")
        }
    }
}
