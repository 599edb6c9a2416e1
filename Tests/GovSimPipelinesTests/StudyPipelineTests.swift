import Foundation
import GovSimTestSupport
import XCTest

@testable import GovSimPipelines

/// ``CalibratePipeline``, ``SensitivityPipeline`` and ``ComparePipeline`` in process.
final class StudyPipelineTests: XCTestCase {
    func testCalibrateFiles() throws {
        let (document, scenario) = PipelineTestSupport.document()
        func calibrate(threads: Int) throws -> CalibratePipeline.Outcome {
            try CalibratePipeline.run(
                .init(
                    document: document, scenario: scenario, runs: 500, seed: 5, runsOption: 500,
                    record: ReproductionRecord(.calibrate), context: PipelineTestSupport.context(threads: threads)))
        }
        let one = try calibrate(threads: 1), two = try calibrate(threads: 2)
        XCTAssertEqual(one.files.map(\.name), ["calibration.csv", "manifest.json"])
        XCTAssertEqual(one.files[0].contents, two.files[0].contents)
        let manifest = try JSONValue.parse(one.files[1].contents)
        XCTAssertEqual(manifest["calibration_within_tolerance"], .bool(one.result.passed))
        XCTAssertEqual(manifest["runs"], .integer(500))
    }

    func testSensitivityRecordsScenarioRunsAndEvaluations() throws {
        let (document, scenario) = PipelineTestSupport.document(runs: 400)
        let options = SensitivityPipeline.Options(
            document: document, scenario: scenario, method: .sobol, baseSamples: 16, bootstrap: 10,
            record: ReproductionRecord(.sensitivity), context: PipelineTestSupport.context())
        try SensitivityPipeline.check(options)
        let outcome = try SensitivityPipeline.run(options)
        XCTAssertEqual(outcome.files.map(\.name), ["sensitivity.csv", "manifest.json"])
        let yearColumn = String(decoding: outcome.files[0].contents, as: UTF8.self).split(separator: "\n").dropFirst().map {
            $0.prefix { $0 != "," }
        }
        XCTAssertTrue(!yearColumn.isEmpty && yearColumn.allSatisfy { Int($0) != nil }, "year holds calendar years only")
        let manifest = try JSONValue.parse(outcome.files[1].contents)
        XCTAssertEqual(manifest["runs"], .integer(try XCTUnwrap(outcome.result).runs))
        XCTAssertEqual(manifest["sampling"], .string("saltelli-sobol"))
        XCTAssertEqual(manifest["base_samples"], .integer(16))
    }

    /// With a target the rows are whole-appraisal-period measures: sensitivity_totals.csv
    /// (`measure` for `year,metric`), and no sensitivity.csv mixing years with text.
    func testSensitivityTargetWritesTheTotalsFile() throws {
        let (document, scenario) = PipelineTestSupport.document(runs: 400)
        let options = SensitivityPipeline.Options(
            document: document, scenario: scenario, method: .src, baseSamples: 16, bootstrap: 10,
            target: .npsv, record: ReproductionRecord(.sensitivity), context: PipelineTestSupport.context())
        let outcome = try SensitivityPipeline.run(options)
        XCTAssertEqual(outcome.files.map(\.name), ["sensitivity_totals.csv", "manifest.json"])
        let lines = String(decoding: outcome.files[0].contents, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.first, "measure,input,method,index,value,ci_low,ci_high")
        XCTAssertTrue(lines.count > 1 && lines.dropFirst().allSatisfy { $0.hasPrefix("npsv,") }, lines.joined(separator: "\n"))
        let manifest = try JSONValue.parse(outcome.files[1].contents)
        XCTAssertTrue(String(decoding: outcome.files[1].contents, as: UTF8.self).contains("\"sensitivity_totals.csv\""))
        XCTAssertEqual(manifest["target"], .string("npsv"))
    }

    /// `--method switching` goes through the same pipeline: switching_values.csv and a manifest
    /// recording the method and the scenario's runs; the bytes do not depend on the thread count.
    func testSwitchingValuesFiles() throws {
        let (document, scenario) = PipelineTestSupport.document(runs: 60)
        func run(threads: Int) throws -> SensitivityPipeline.Outcome {
            let options = SensitivityPipeline.Options(
                document: document, scenario: scenario, method: .switching, baseSamples: 16, bootstrap: 10,
                record: ReproductionRecord(.sensitivity), context: PipelineTestSupport.context(threads: threads))
            try SensitivityPipeline.check(options)
            return try SensitivityPipeline.run(options)
        }
        let one = try run(threads: 1), three = try run(threads: 3)
        XCTAssertEqual(one.files.map(\.name), ["switching_values.csv", "manifest.json"])
        XCTAssertNil(one.result)
        XCTAssertNotNil(one.switching)
        XCTAssertEqual(one.files[0].contents, three.files[0].contents)
        let manifest = try JSONValue.parse(one.files[1].contents)
        XCTAssertEqual(manifest["method"], .string("switching"))
        XCTAssertEqual(manifest["runs"], .integer(60))
    }

    func testCompareRefusesAnUnknownVariant() throws {
        let (document, _) = PipelineTestSupport.document()
        let options = ComparePipeline.Options(
            documents: [document], variants: ["no-such-variant"], baseline: nil, overrides: ScenarioOverrides(),
            record: ReproductionRecord(.compare), context: PipelineTestSupport.context())
        XCTAssertThrowsError(try ComparePipeline.prepare(options)) { XCTAssertTrue($0 is PipelineError, "\($0)") }
    }

    func testCompareFiles() throws {
        let (document, _) = PipelineTestSupport.document()
        let options = ComparePipeline.Options(
            documents: [document], variants: nil, baseline: nil,
            overrides: ScenarioOverrides(runs: 40),
            record: ReproductionRecord(.compare), context: PipelineTestSupport.context())
        let prepared = try ComparePipeline.prepare(options)
        let outcome = ComparePipeline.run(prepared)
        XCTAssertEqual(
            outcome.files.map(\.name),
            [
                "comparison.csv", "comparison_totals.csv", "budget.csv", "summary.csv", "appraisal.csv", "options.csv",
                "value_of_information.csv", "switching_values.csv", "report.html", "manifest.json",
            ])
        let manifest = try JSONValue.parse(outcome.files.last!.contents)
        XCTAssertEqual(manifest["variants"], .array(prepared.variants.map { .string($0.name) }))
        XCTAssertEqual(manifest["runs"], .integer(40))
    }
}
