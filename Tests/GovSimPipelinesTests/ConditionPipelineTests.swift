import Foundation
import GovSimEngineTestSupport
import GovSimTestSupport
import XCTest

@testable import GovSimPipelines

final class ConditionPipelineTests: XCTestCase {
    func testConditionedRunsAreByteIdenticalForAnyThreads() throws {
        // The reference scenario with its default programme-risk correlation (issue 14): the
        // correlated inputs are moved too. 1,100 runs: two simulation blocks, many move blocks.
        var (document, s) = PipelineTestSupport.document(runs: 1100)
        s.horizon = 4
        let truth = ConditioningFixtures.scenario(runs: 1, horizon: 4, seed: 5150)
        let (outturn, _) = ConditioningFixtures.outturn(
            truth: truth, run: 0, years: 2, sds: ConditioningFixtures.kpis.map { ($0.0, 2 * $0.1) },
            noiseSeed: 1)
        var reference: [(name: String, contents: Data)]?
        for threads in [1, 2, 8] {
            let options = RunPipeline.Options(
                document: document, scenario: s, record: ReproductionRecord(.run),
                context: PipelineContext(command: ["govsim", "test"], threads: threads, outputFolder: "out"))
            let sink = InMemoryArtifacts()
            let outcome = try ConditionPipeline.run(options, outturn: outturn, threads: threads, into: sink)
            XCTAssertTrue(outcome.conditioning.stages.contains { $0.acceptance != nil }, "the test should exercise the moves")
            let files = sink.files.filter { $0.name != "manifest.json" }
            XCTAssertEqual(
                files.map(\.name),
                ["runs.csv", "summary.csv", "budget.csv", "appraisal.csv", "correlations.csv", "posterior.csv", "report.html"])
            if let reference {
                for (a, b) in zip(reference, files) { XCTAssertEqual(a.contents, b.contents, "\(a.name), threads \(threads)") }
            } else {
                reference = files
            }
            let manifest = try PipelineTestSupport.stableManifest(sink.files.last?.contents)
            XCTAssertNotNil(manifest["conditioning"]?["stages"]?.arrayValue)
        }
        // The conditioned forecast differs from the unconditioned one.
        let plain = InMemoryArtifacts()
        _ = try RunPipeline.run(
            RunPipeline.Options(document: document, scenario: s, record: ReproductionRecord(.run), context: PipelineTestSupport.context()),
            threads: 2, into: plain)
        XCTAssertNotEqual(plain.files.first { $0.name == "summary.csv" }?.contents, reference?.first { $0.name == "summary.csv" }?.contents)
        _ = document
    }
}
