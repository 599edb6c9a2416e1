import XCTest

@testable import GovSimNumerics

final class LinearRegressionTests: XCTestCase {
    // A small heteroskedastic data set. Reference values were computed once with numpy
    // (`XtXi = np.linalg.inv(X.T @ X)`, b = XtXi Xᵀy, e = y − Xb, h = diag(X XtXi Xᵀ),
    // sandwich XtXi (Xᵀ diag(ω) X) XtXi with ω = e²·n/(n−p) for HC1 and e²/(1−h)² for HC3,
    // MacKinnon & White 1985) and are hard-coded below. The formulas there are the textbook
    // ones, independent of the QR route taken by LinearRegression.
    let x1: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    let x2: [Double] = [0.5, -1.2, 2.3, 0.1, -0.7, 1.9, 3.3, -2.0, 0.8, 1.1, -0.4, 2.7]
    let y: [Double] = [2.1, 1.7, 6.9, 5.2, 4.1, 9.8, 14.6, 3.0, 10.9, 12.5, 9.2, 19.8]
    let referenceEstimates = [0.44838382345697925, 0.9760455149992608, 2.177124279592138]
    let referenceSE = [0.7148313662945275, 0.09872424360904286, 0.2177299478410134]
    let referenceHC1 = [0.8883203514947124, 0.11832928012427604, 0.23674980219405953]
    let referenceHC3 = [1.119731377803512, 0.15331626807277268, 0.3078789885300721]
    let referenceHC3Covariance01 = -0.15517421328649197
    let referenceHC1Covariance12 = 0.0035262299957293706
    let referenceLeverages = [
        0.29728092212206303, 0.3065686419388207, 0.29530072410226105, 0.13240234471208315,
        0.1562435348012413, 0.13940692576720357, 0.3155460322151618, 0.38031870351214225,
        0.12746416432688057, 0.16939559627604556, 0.30183981084675654, 0.37823259937934084,
    ]

    func fit(robust: LinearRegression.RobustCovariance? = nil) throws -> LinearRegression {
        try LinearRegression.fit(
            response: y, predictors: Matrix(columns: [x1, x2]), predictorNames: ["x1", "x2"],
            intercept: true, robust: robust)
    }

    func assertClose(_ a: [Double], _ b: [Double], relative: Double, _ what: String, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, line: line)
        for (x, r) in zip(a, b) { XCTAssertEqual(x, r, accuracy: relative * abs(r), "\(what): \(a) vs \(b)", line: line) }
    }

    func testClassicalFitMatchesReference() throws {
        let fit = try fit()
        XCTAssertEqual(fit.termNames, ["intercept", "x1", "x2"])
        assertClose(fit.estimates, referenceEstimates, relative: 1e-12, "estimates")
        assertClose(fit.standardErrors, referenceSE, relative: 1e-12, "standard errors")
        assertClose(fit.leverages, referenceLeverages, relative: 1e-12, "leverages")
        XCTAssertEqual(fit.leverages.reduce(0, +), 3, accuracy: 1e-13, "leverages sum to p")
        XCTAssertEqual(fit.residualDegreesOfFreedom, 9)
        XCTAssertNil(fit.robust)
        // t and p are consistent with the estimates and SEs.
        for j in 0..<3 {
            XCTAssertEqual(fit.tStatistics[j], fit.estimates[j] / fit.standardErrors[j], accuracy: 1e-12 * abs(fit.tStatistics[j]))
            XCTAssertEqual(fit.pValues[j], SpecialFunctions.studentTTwoSidedP(fit.tStatistics[j], df: 9), accuracy: 1e-15)
        }
        // R² two ways: 1 − RSS/TSS and the squared correlation of y and ŷ.
        let meanY = y.reduce(0, +) / 12, meanFit = fit.fittedValues.reduce(0, +) / 12
        let sxy = zip(y, fit.fittedValues).reduce(0) { $0 + ($1.0 - meanY) * ($1.1 - meanFit) }
        let sxx = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) }
        let syy = fit.fittedValues.reduce(0) { $0 + ($1 - meanFit) * ($1 - meanFit) }
        XCTAssertEqual(fit.rSquared, sxy * sxy / (sxx * syy), accuracy: 1e-13)
        XCTAssertEqual(fit.adjustedRSquared, 1 - (1 - fit.rSquared) * 11 / 9, accuracy: 1e-15)
        // Covariance diagonal = SE².
        for j in 0..<3 { XCTAssertEqual(fit.covariance[j, j], fit.standardErrors[j] * fit.standardErrors[j], accuracy: 1e-15) }
    }

    func testHC1MatchesReference() throws {
        let robust = try XCTUnwrap(try fit(robust: .hc1).robust)
        XCTAssertEqual(robust.kind, .hc1)
        assertClose(robust.standardErrors, referenceHC1, relative: 1e-12, "HC1")
        XCTAssertEqual(robust.covariance[1, 2], referenceHC1Covariance12, accuracy: 1e-12 * abs(referenceHC1Covariance12))
        XCTAssertEqual(robust.covariance[2, 1], robust.covariance[1, 2])
        XCTAssertEqual(robust.tStatistics[1], referenceEstimates[1] / referenceHC1[1], accuracy: 1e-10)
    }

    func testHC3MatchesReference() throws {
        let fit = try fit(robust: .hc3)
        let robust = try XCTUnwrap(fit.robust)
        assertClose(robust.standardErrors, referenceHC3, relative: 1e-12, "HC3")
        XCTAssertEqual(robust.covariance[0, 1], referenceHC3Covariance01, accuracy: 1e-12 * abs(referenceHC3Covariance01))
        // Classical results are unchanged by asking for robust ones.
        assertClose(fit.standardErrors, referenceSE, relative: 1e-12, "classical SE with HC3")
        XCTAssertEqual(robust.pValues[2], SpecialFunctions.studentTTwoSidedP(robust.tStatistics[2], df: 9), accuracy: 1e-15)
    }

    func testHC3RefusesLeverageOne() {
        // The dummy d is 1 in row 5 only: that row alone determines d's coefficient (h = 1).
        let d: [Double] = (0..<12).map { $0 == 4 ? 1 : 0 }
        XCTAssertThrowsError(
            try LinearRegression.fit(
                response: y, predictors: Matrix(columns: [x1, d]),
                predictorNames: ["x1", "d"], robust: .hc3)
        ) { error in
            XCTAssertEqual(error as? RegressionError, .leverageOne(observation: 4))
        }
        // HC1 is defined.
        XCTAssertNoThrow(
            try LinearRegression.fit(
                response: y, predictors: Matrix(columns: [x1, d]),
                predictorNames: ["x1", "d"], robust: .hc1))
    }

    func testCollinearColumnsAreNamedWithTheirDependency() throws {
        let x3 = zip(x1, x2).map { $0 + 2 * $1 }
        XCTAssertThrowsError(
            try LinearRegression.fit(
                response: y, predictors: Matrix(columns: [x1, x2, x3]),
                predictorNames: ["x1", "x2", "x3"])
        ) { error in
            guard case .collinear(let report)? = error as? RegressionError else { return XCTFail("\(error)") }
            XCTAssertEqual(report.rank, 3)
            XCTAssertEqual(report.columnCount, 4)
            XCTAssertEqual(report.dependencies.count, 1)
            let dependency = report.dependencies[0]
            XCTAssertTrue(["x1", "x2", "x3"].contains(dependency.name))
            // The stated relation holds on the data: dropped ≈ Σ coefficient · retained.
            let columns = ["intercept": [Double](repeating: 1, count: 12), "x1": x1, "x2": x2, "x3": x3]
            var reconstructed = [Double](repeating: 0, count: 12)
            for term in dependency.dependsOn {
                for i in 0..<12 { reconstructed[i] += term.coefficient * columns[term.name]![i] }
            }
            for i in 0..<12 { XCTAssertEqual(reconstructed[i], columns[dependency.name]![i], accuracy: 1e-10) }
            XCTAssertFalse(dependency.dependsOn.contains { $0.name == "intercept" }, "the intercept is not involved")
            let message = "\(error)"
            for name in ["x1", "x2", "x3"] { XCTAssertTrue(message.contains("'\(name)'"), message) }
        }
    }

    func testConstantPredictorIsCollinearWithTheIntercept() {
        let constant = [Double](repeating: 5, count: 12)
        XCTAssertThrowsError(
            try LinearRegression.fit(
                response: y, predictors: Matrix(columns: [x1, constant]),
                predictorNames: ["x1", "c"])
        ) { error in
            guard case .collinear(let report)? = error as? RegressionError else { return XCTFail("\(error)") }
            let dependency = report.dependencies[0]
            // Either 'c' ≈ 5·intercept or 'intercept' ≈ 0.2·'c'.
            if dependency.name == "c" {
                XCTAssertEqual(dependency.dependsOn.map(\.name), ["intercept"])
                XCTAssertEqual(dependency.dependsOn[0].coefficient, 5, accuracy: 1e-12)
            } else {
                XCTAssertEqual(dependency.name, "intercept")
                XCTAssertEqual(dependency.dependsOn.map(\.name), ["c"])
                XCTAssertEqual(dependency.dependsOn[0].coefficient, 0.2, accuracy: 1e-12)
            }
        }
    }

    func testZeroColumnIsReported() {
        let zero = [Double](repeating: 0, count: 12)
        XCTAssertThrowsError(
            try LinearRegression.fit(
                response: y, predictors: Matrix(columns: [x1, zero]),
                predictorNames: ["x1", "z"])
        ) { error in
            guard case .collinear(let report)? = error as? RegressionError else { return XCTFail("\(error)") }
            XCTAssertEqual(report.dependencies, [.init(name: "z", dependsOn: [])])
            XCTAssertTrue("\(error)".contains("'z' is zero in every row"))
        }
    }

    func testNearlyCollinearBeyondDoublePrecisionIsRefused() {
        // x1b differs from x1 by a relative 1e-15 in one entry: numerically the same column.
        var x1b = x1
        x1b[3] *= 1 + 1e-15
        XCTAssertThrowsError(
            try LinearRegression.fit(
                response: y, predictors: Matrix(columns: [x1, x1b]),
                predictorNames: ["a", "b"])
        ) { error in
            guard case .collinear(let report)? = error as? RegressionError else { return XCTFail("\(error)") }
            XCTAssertTrue(["a", "b"].contains(report.dependencies[0].name))
        }
        // A relative difference of 1e-6 is resolvable (κ ≈ 1e6) and is fitted.
        var x1c = x1
        x1c[3] *= 1 + 1e-6
        XCTAssertNoThrow(
            try LinearRegression.fit(
                response: y, predictors: Matrix(columns: [x1, x1c]),
                predictorNames: ["a", "c"]))
    }

    func testTooFewObservationsAndConstantResponse() {
        XCTAssertThrowsError(
            try LinearRegression.fit(
                response: [1, 2, 3], predictors: Matrix(columns: [[1, 2, 4], [0, 1, 1]]),
                predictorNames: ["a", "b"])
        ) { error in
            XCTAssertEqual(error as? RegressionError, .tooFewObservations(observations: 3, parameters: 3))
        }
        XCTAssertThrowsError(
            try LinearRegression.fit(
                response: [2, 2, 2, 2], predictors: Matrix(columns: [[1, 2, 3, 5]]),
                predictorNames: ["a"])
        ) { error in
            XCTAssertEqual(error as? RegressionError, .constantResponse(value: 2))
        }
        XCTAssertThrowsError(
            try LinearRegression.fit(
                response: [0, 0, 0], predictors: Matrix(columns: [[1, 2, 3]]),
                predictorNames: ["a"], intercept: false)
        ) { error in
            XCTAssertEqual(error as? RegressionError, .zeroResponse)
        }
        XCTAssertThrowsError(
            try LinearRegression.fit(
                response: [1, .nan, 3], predictors: Matrix(columns: [[1, 2, 3]]),
                predictorNames: ["a"])
        ) { error in
            guard case .nonFiniteValue(observation: 1, term: nil, _)? = error as? RegressionError else { return XCTFail("\(error)") }
        }
    }

    func testNoInterceptUsesUncentredRSquared() throws {
        let fit = try LinearRegression.fit(response: y, predictors: Matrix(columns: [x1]), predictorNames: ["x1"], intercept: false)
        let uncentred = fit.fittedValues.reduce(0) { $0 + $1 * $1 } / y.reduce(0) { $0 + $1 * $1 }
        XCTAssertEqual(fit.rSquared, uncentred, accuracy: 1e-14)
        XCTAssertEqual(fit.adjustedRSquared, 1 - (1 - fit.rSquared) * 12 / 11, accuracy: 1e-15)
        // b = Σxy/Σx² through the origin.
        let b = zip(x1, y).reduce(0) { $0 + $1.0 * $1.1 } / x1.reduce(0) { $0 + $1 * $1 }
        XCTAssertEqual(fit.estimates[0], b, accuracy: 1e-14 * b)
        XCTAssertEqual(fit.fStatistic, fit.tStatistics[0] * fit.tStatistics[0], accuracy: 1e-9 * fit.fStatistic)
    }

    func testRescalingAColumnRescalesItsCoefficientOnly() throws {
        let base = try fit()
        let scaled = try LinearRegression.fit(
            response: y, predictors: Matrix(columns: [x1.map { $0 * 1e8 }, x2]),
            predictorNames: ["x1", "x2"])
        XCTAssertEqual(scaled.estimates[1] * 1e8, base.estimates[1], accuracy: 1e-13 * base.estimates[1])
        XCTAssertEqual(scaled.standardErrors[1] * 1e8, base.standardErrors[1], accuracy: 1e-13 * base.standardErrors[1])
        XCTAssertEqual(scaled.estimates[2], base.estimates[2], accuracy: 1e-13 * base.estimates[2])
        // Column scaling makes κ of the scaled design unit-independent, but not the unscaled one.
        XCTAssertEqual(scaled.conditionNumber, base.conditionNumber, accuracy: 1e-10 * base.conditionNumber)
        XCTAssertGreaterThan(scaled.unscaledConditionNumber, 1e6 * base.unscaledConditionNumber)
    }

    func testExactFitHasZeroErrorsAndInfiniteF() throws {
        let exact = zip(x1, x2).map { 1 + 2 * $0 - 0.5 * $1 }
        let fit = try LinearRegression.fit(response: exact, predictors: Matrix(columns: [x1, x2]), predictorNames: ["x1", "x2"])
        XCTAssertEqual(fit.estimates[0], 1, accuracy: 1e-14)
        XCTAssertEqual(fit.estimates[1], 2, accuracy: 1e-14)
        XCTAssertEqual(fit.estimates[2], -0.5, accuracy: 1e-14)
        XCTAssertEqual(fit.rSquared, 1)
        XCTAssertLessThan(fit.residualStandardDeviation, 1e-14)
        for se in fit.standardErrors { XCTAssertLessThan(se, 1e-14) }
    }
}
