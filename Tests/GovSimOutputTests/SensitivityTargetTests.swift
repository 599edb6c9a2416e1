import GovSimTestSupport
import XCTest

@testable import GovSimEngine
@testable import GovSimOutput

/// `govsim sensitivity --target npv|npsv|bcr|payback`: the indices of one appraisal measure per run.
final class SensitivityTargetTests: XCTestCase {
    private func reference(runs: Int) -> Scenario {
        var s = TestSupport.reference
        s.runs = runs
        return s
    }

    /// The analysed column is each run's appraisal measure, the same runs as the appraisal's.
    func testTargetOutputsAreTheRunsAppraisalMeasures() {
        let s = reference(runs: 300)
        let appraisals = AppraisalEvaluator(threads: 2).appraisals(s)
        let plan = PlanSimulator(scenario: s)
        for target in SensitivityStudy.Target.allCases {
            let outputs = SensitivityStudy.regressionSamples(plan, runs: s.runs, target: target, threads: 2).outputs.column(0)
            let expected = appraisals.map { target.value(of: $0, period: s.appraisal.period) }
            XCTAssertEqual(outputs, expected, "\(target)")
        }
        let never = RunAppraisal(financial: RunAppraisal.CaseValues(), economic: RunAppraisal.CaseValues())
        XCTAssertEqual(SensitivityStudy.Target.payback.value(of: never, period: 30), 31, "never paying back counts as period + 1")
        XCTAssertTrue(SensitivityStudy.Target.bcr.value(of: never, period: 30).isNaN, "no cost: no ratio")
    }

    /// SRC rows: one per input and index, measure = the target; the SRC equals the
    /// regression of the measure on the inputs done by hand; cost overrun lowers the NPV.
    func testSRCOfNPVMatchesTheRegressionOfTheRunsNPV() throws {
        let s = reference(runs: 600)
        let result = try SensitivityStudy.src(s, target: .npv, threads: 2)
        XCTAssertEqual(result.target, .npv)
        XCTAssertEqual(result.rows.filter { $0.index == "src" }.count, result.inputNames.count)
        XCTAssertTrue(result.rows.allSatisfy { $0.year == nil && $0.metric == nil && $0.target == .npv })
        let plan = PlanSimulator(scenario: s)
        let (inputs, outputs) = SensitivityStudy.regressionSamples(plan, runs: s.runs, threads: 2)
        _ = outputs
        let npv = AppraisalEvaluator(threads: 1).appraisals(s).map(\.financial.npv)
        let direct = try StandardizedRegression(inputs: inputs.matrix(), output: npv, inputNames: plan.inputNames)
        for (j, name) in plan.inputNames.enumerated() {
            let row = try XCTUnwrap(result.rows.first { $0.input == name && $0.index == "src" })
            XCTAssertEqual(row.value, direct.src[j], accuracy: 1e-12, name)
        }
        let overrun = try XCTUnwrap(result.targetRanking().first { $0.input == "spending.cost_overrun" })
        XCTAssertLessThan(overrun.value, -0.1, "a larger overrun lowers the NPV")
        // The whole-period measure has no year: its own file, `measure` for `year,metric`, so
        // that sensitivity.csv's `year` holds calendar years only.
        XCTAssertEqual(SensitivityTable.fileName(result), "sensitivity_totals.csv")
        let table = SensitivityTable.make(result).render()
        XCTAssertTrue(table.hasPrefix("measure,input,method,index,value,ci_low,ci_high\n"), table)
        XCTAssertTrue(table.contains("\nnpv,spending.cost_overrun,src,src,"), table)
        XCTAssertFalse(table.contains("all,"), table)
        let tornado = SensitivityTable.tornado(result)
        XCTAssertTrue(tornado.hasPrefix("What drives the appraisal's npv over \(s.startYear)–\(s.startYear + s.appraisal.period)"), tornado)
        XCTAssertTrue(tornado.contains(result.targetRanking()[0].input), tornado)
    }

    func testSobolIndicesOfNPSV() throws {
        var s = reference(runs: 100)
        s.horizon = 5
        let result = try SensitivityStudy.sobol(s, baseSamples: 64, bootstrap: 20, target: .npsv, threads: 2)
        let total = result.rows.filter { $0.index == "total_order" }
        XCTAssertEqual(total.count, result.inputNames.count)
        XCTAssertTrue(total.allSatisfy { $0.target == .npsv && $0.ciLow! <= $0.ciHigh! })
        XCTAssertEqual(result.targetRanking().count, result.inputNames.count)
    }
}
