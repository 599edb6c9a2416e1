import XCTest

@testable import GovSimEngine
@testable import GovSimOutput

final class EvaluationTableTests: XCTestCase {
    func testRowsAndCalibration() {
        let o = OutturnFile.Observation(year: 2027, yearIndex: 2, metric: .spending, value: 3, sd: nil, line: 2)
        let e = OutturnEvaluation(observations: [o], values: [[1, 2, 3, 4, 5]])
        XCTAssertEqual(
            EvaluationTable.make(e).render(),
            "year,metric,observed,pit,median,in_50,in_90,median_error,p5,p25,p75,p95\n2027,spending,3,0.5,3,true,true,0,1.2,2,4,4.8\n")
        XCTAssertEqual(
            EvaluationTable.calibration(e).render(),
            "band,nominal,points,inside,coverage,binomial_se\n50%,0.5,1,1,1,0.5\n90%,0.9,1,1,1,0.3\n")
    }
}
