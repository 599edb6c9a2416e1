import Foundation
import XCTest

@testable import GovSimOutput

final class RegressionReportTests: XCTestCase {
    let x1: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    let x2: [Double] = [0.5, -1.2, 2.3, 0.1, -0.7, 1.9, 3.3, -2.0, 0.8, 1.1, -0.4, 2.7]
    let y: [Double] = [2.1, 1.7, 6.9, 5.2, 4.1, 9.8, 14.6, 3.0, 10.9, 12.5, 9.2, 19.8]

    func report(robust: LinearRegression.RobustCovariance? = nil) throws -> RegressionReport {
        let fit = try LinearRegression.fit(
            response: y, predictors: Matrix(columns: [x1, x2]),
            predictorNames: ["x1", "x2"], robust: robust)
        return RegressionReport(regression: fit, responseName: "y", dataName: "data.csv")
    }

    /// Parses `a,b` lines (no quoting needed for these tables).
    func cells(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testCoefficientsCSV() throws {
        let report = try report()
        let rows = cells(report.coefficientsTable.render())
        XCTAssertEqual(rows[0], ["term", "estimate", "std_error", "t_statistic", "p_value"])
        XCTAssertEqual(rows.map { $0[0] }, ["term", "intercept", "x1", "x2"])
        for j in 0..<3 {
            // Shortest round-trip numbers read back to the identical doubles.
            XCTAssertEqual(Double(rows[j + 1][1]), report.regression.estimates[j])
            XCTAssertEqual(Double(rows[j + 1][2]), report.regression.standardErrors[j])
            XCTAssertEqual(Double(rows[j + 1][3]), report.regression.tStatistics[j])
            XCTAssertEqual(Double(rows[j + 1][4]), report.regression.pValues[j])
        }
    }

    func testRobustReportUsesRobustErrors() throws {
        let report = try report(robust: .hc3)
        let rows = cells(report.coefficientsTable.render())
        XCTAssertEqual(Double(rows[2][2]), report.regression.robust!.standardErrors[1])
        XCTAssertNotEqual(Double(rows[2][2]), report.regression.standardErrors[1])
        let statistics = Dictionary(uniqueKeysWithValues: cells(report.statisticsTable.render()).map { ($0[0], $0[1]) })
        XCTAssertEqual(statistics["robust"], "hc3")
        XCTAssertTrue(report.summary.contains("HC3"))
    }

    func testStatisticsCSV() throws {
        let report = try report()
        let rows = cells(report.statisticsTable.render())
        XCTAssertEqual(rows[0], ["statistic", "value"])
        let statistics = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0[1]) })
        let r = report.regression
        XCTAssertEqual(statistics["n_obs"], "12")
        XCTAssertEqual(statistics["n_params"], "3")
        XCTAssertEqual(statistics["df_residual"], "9")
        XCTAssertEqual(statistics["f_df_model"], "2")
        XCTAssertEqual(Double(statistics["residual_sd"]!), r.residualStandardDeviation)
        XCTAssertEqual(Double(statistics["r_squared"]!), r.rSquared)
        XCTAssertEqual(Double(statistics["adj_r_squared"]!), r.adjustedRSquared)
        XCTAssertEqual(Double(statistics["f_statistic"]!), r.fStatistic)
        XCTAssertEqual(Double(statistics["f_p_value"]!), r.fPValue)
        XCTAssertEqual(Double(statistics["condition_number"]!), r.conditionNumber)
        XCTAssertEqual(Double(statistics["condition_number_unscaled"]!), r.unscaledConditionNumber)
        XCTAssertNil(statistics["robust"], "no robust row unless requested")
    }

    func testSummaryLooksLikeR() throws {
        let report = try report()
        let summary = report.summary
        let lines = summary.split(separator: "\n").map(String.init)
        let headerIndex = try XCTUnwrap(lines.firstIndex { $0.contains("Estimate") && $0.contains("Pr(>|t|)") })
        let termLines = lines[(headerIndex + 1)...(headerIndex + 3)]
        XCTAssertEqual(termLines.map { String($0.prefix(9)).trimmingCharacters(in: .whitespaces) }, ["intercept", "x1", "x2"])
        // Columns are aligned: every "Pr(>|t|)" value ends at the same position.
        let end = lines[headerIndex].range(of: "Pr(>|t|)")!.upperBound.utf16Offset(in: lines[headerIndex])
        for line in termLines {
            let trimmed = line.replacingOccurrences(of: #" ?(\*{1,3}|\.)$"#, with: "", options: .regularExpression)
            XCTAssertEqual(trimmed.count, end, "aligned: '\(line)'")
        }
        // x1 and x2 have |t| ≈ 9.9 and 10.0 on 9 df: p < 0.001.
        XCTAssertTrue(termLines.dropFirst().allSatisfy { $0.hasSuffix("***") }, summary)
        XCTAssertFalse(termLines.first!.hasSuffix("*"), "intercept p ≈ 0.55 gets no star: \(summary)")
        XCTAssertTrue(summary.contains("Signif. codes"))
        XCTAssertTrue(summary.contains("Residual standard deviation: "))
        XCTAssertTrue(summary.contains("on 9 degrees of freedom"))
        XCTAssertTrue(summary.contains("R²: "))
        XCTAssertTrue(summary.contains("F statistic: "))
        XCTAssertTrue(summary.contains("on 2 and 9 DF"))
    }

    func testFilesAndManifest() throws {
        let files = try report().files()
        XCTAssertEqual(files.map(\.name), ["coefficients.csv", "statistics.csv", "summary.txt", "manifest.json"])
        let manifest = try XCTUnwrap(try JSONSerialization.jsonObject(with: files[3].contents) as? [String: Any])
        XCTAssertEqual(manifest["command"] as? String, "fit")
        XCTAssertEqual(manifest["response"] as? String, "y")
        XCTAssertEqual(manifest["terms"] as? [String], ["intercept", "x1", "x2"])
        XCTAssertEqual(manifest["govsim_version"] as? String, GovSimVersion.string)
    }
}
