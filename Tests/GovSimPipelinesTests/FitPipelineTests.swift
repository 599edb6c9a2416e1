import Foundation
import GovSimTestSupport
import XCTest

@testable import GovSimPipelines

/// ``FitPipeline`` in process: a data file's bytes in, the output folder's files out.
final class FitPipelineTests: XCTestCase {
    func testFilesAndManifest() throws {
        let data = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("scenarios/data/example-panel.csv"))
        let outcome = try FitPipeline.run(
            .init(
                dataPath: "panel.csv", data: data, response: "productivity",
                predictors: ["customer_focus", "rapid_iteration"], robust: .hc3,
                command: ["govsim", "fit"], outputFolder: "out"))
        XCTAssertEqual(outcome.files.map(\.name), ["coefficients.csv", "statistics.csv", "summary.txt", "manifest.json"])
        let manifest = try JSONValue.parse(outcome.files[3].contents)
        XCTAssertEqual(manifest["subcommand"], .string("fit"))
        XCTAssertEqual(manifest["robust"], .string("hc3"))
        XCTAssertEqual(manifest["terms"], .array(["intercept", "customer_focus", "rapid_iteration"].map { .string($0) }))
        XCTAssertEqual(try PipelineTestSupport.listing(outcome.files[3].contents), ["coefficients.csv", "statistics.csv", "summary.txt"])
        let record = try ReproductionRecord.decode(manifest["reproduction"]!, manifest: "manifest.json")
        XCTAssertEqual(record.predictors, ["customer_focus", "rapid_iteration"])
        XCTAssertEqual(record.robust, "hc3")
        XCTAssertEqual(String(decoding: outcome.files[2].contents, as: UTF8.self), outcome.summary)
    }

    func testAnUnknownColumnIsADataTableError() throws {
        let data = Data("a,b\n1,2\n2,3\n3,5\n".utf8)
        XCTAssertThrowsError(
            try FitPipeline.run(
                .init(
                    dataPath: "d.csv", data: data, response: "zzz", predictors: nil, robust: nil,
                    command: [], outputFolder: "out"))
        ) { XCTAssertTrue($0 is DataTableError, "\($0)") }
    }
}
