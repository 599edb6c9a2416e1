import XCTest

@testable import GovSimScenario

/// The eleven NIST StRD linear regression datasets, fitted through the same path as
/// `govsim fit` (CSV text → ``DataTable`` → ``DataTable/fitLinearRegression``), against the
/// minimum log relative errors (LRE) of `/work/shared/reference-data/README.md`.
final class NISTLinearRegressionTests: XCTestCase {
    /// Minimum LRE: (coefficients, standard errors and residual SD, R²).
    static let thresholds: [String: (coefficients: Double, errors: Double, rSquared: Double)] = [
        "Norris": (12, 12, 12), "NoInt1": (12, 12, 12), "NoInt2": (12, 12, 12),
        "Pontius": (11, 12, 12), "Longley": (10, 12, 12),
        "Wampler1": (8.5, 8.5, 12), "Wampler3": (8.5, 8.5, 12), "Wampler2": (11, 12, 12),
        "Wampler4": (7, 12, 12), "Wampler5": (5, 12, 12), "Filip": (7, 7, 9),
    ]

    func fit(_ dataset: NISTDataset) throws -> LinearRegression {
        let table = try DataTable(text: dataset.csv, fileName: "\(dataset.name).csv")
        return try table.fitLinearRegression(
            response: "y", predictors: dataset.predictorNames,
            intercept: dataset.hasIntercept)
    }

    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let dataset = try NISTDataset(name)
        let threshold = try XCTUnwrap(Self.thresholds[name])
        let fit = try self.fit(dataset)
        XCTAssertEqual(fit.estimates.count, dataset.certifiedEstimates.count, file: file, line: line)
        XCTAssertEqual(fit.hasIntercept, dataset.hasIntercept, file: file, line: line)
        for j in dataset.certifiedEstimates.indices {
            let lreB = logRelativeError(fit.estimates[j], certified: dataset.certifiedEstimates[j])
            XCTAssertGreaterThanOrEqual(
                lreB, threshold.coefficients,
                "\(name) B\(j + (dataset.hasIntercept ? 0 : 1)) = \(fit.estimates[j]), certified \(dataset.certifiedEstimates[j])",
                file: file, line: line)
            let lreSE = logRelativeError(fit.standardErrors[j], certified: dataset.certifiedStandardErrors[j])
            XCTAssertGreaterThanOrEqual(
                lreSE, threshold.errors,
                "\(name) SE(B\(j)) = \(fit.standardErrors[j]), certified \(dataset.certifiedStandardErrors[j])",
                file: file, line: line)
        }
        let lreSD = logRelativeError(fit.residualStandardDeviation, certified: dataset.certifiedResidualSD)
        XCTAssertGreaterThanOrEqual(
            lreSD, threshold.errors,
            "\(name) residual SD = \(fit.residualStandardDeviation), certified \(dataset.certifiedResidualSD)",
            file: file, line: line)
        let lreR2 = logRelativeError(fit.rSquared, certified: dataset.certifiedRSquared)
        XCTAssertGreaterThanOrEqual(
            lreR2, threshold.rSquared,
            "\(name) R² = \(fit.rSquared), certified \(dataset.certifiedRSquared)",
            file: file, line: line)
    }

    func testNorris() throws { try check("Norris") }
    func testPontius() throws { try check("Pontius") }
    func testNoInt1() throws { try check("NoInt1") }
    func testNoInt2() throws { try check("NoInt2") }
    func testLongley() throws { try check("Longley") }
    func testWampler1() throws { try check("Wampler1") }
    func testWampler2() throws { try check("Wampler2") }
    func testWampler3() throws { try check("Wampler3") }
    func testWampler4() throws { try check("Wampler4") }
    func testWampler5() throws { try check("Wampler5") }

    /// Filip (κ₂(X) ≈ 1.8e15) is fitted, not refused: after column scaling κ₂ ≈ 5.2e9, far
    /// below the rank limit 1/(82 ε) ≈ 5.5e13, and the estimates must then meet 7/7/9 digits.
    /// A refusal (thrown error) or a silently wrong answer both fail here.
    func testFilipIsFittedToSevenDigits() throws {
        let dataset = try NISTDataset("Filip")
        let fit: LinearRegression
        do {
            fit = try self.fit(dataset)
        } catch {
            return XCTFail("Filip was refused: \(error)")
        }
        try check("Filip")
        // Condition numbers (numpy.linalg.cond of X and of X with unit-norm columns: 1.768e15, 5.207e9).
        XCTAssertEqual(fit.unscaledConditionNumber / 1.768e15, 1, accuracy: 0.01)
        XCTAssertEqual(fit.conditionNumber / 5.207e9, 1, accuracy: 0.01)
    }

    /// The exact fit Wampler1 is not mistaken for anything else: R² is 1 and the standard
    /// errors are zero to the resolution of double precision relative to the data.
    func testWampler1IsAnExactFit() throws {
        let fit = try self.fit(try NISTDataset("Wampler1"))
        XCTAssertEqual(fit.rSquared, 1, accuracy: 1e-15)
        for se in fit.standardErrors { XCTAssertLessThan(se, 1e-8) }
        XCTAssertLessThan(fit.residualStandardDeviation, 1e-8)
    }

    /// Certified F statistics of the ANOVA tables (to 9 digits; 6 for Filip, whose residual SD is
    /// only required to 7), and their p-values against scipy 1.x `scipy.stats.f.sf(F, d1, d2)`
    /// evaluated at the certified F (one-off computation; values hard-coded here).
    func testFStatistics() throws {
        let certified: [String: (f: Double, p: Double)] = [
            "Norris": (5436385.54079785, 4.654040864083834e-90),
            "Longley": (330.285339234588, 4.984053422648473e-10),
            "NoInt1": (15750.25, 2.5316281865829484e-17),
            "Pontius": (185330865.995752, 3.0594453846146254e-130),
            "Filip": (2162.43954511489, 5.143458438351485e-84),
        ]
        for (name, reference) in certified {
            let fit = try self.fit(try NISTDataset(name))
            XCTAssertGreaterThanOrEqual(
                logRelativeError(fit.fStatistic, certified: reference.f), name == "Filip" ? 6 : 9,
                "\(name) F = \(fit.fStatistic)")
            // The p-value's relative sensitivity to F is large in the far tail; 4 digits suffice here.
            XCTAssertGreaterThanOrEqual(
                logRelativeError(fit.fPValue, certified: reference.p), name == "Filip" ? 2 : 4,
                "\(name) F p-value = \(fit.fPValue)")
        }
    }
}
