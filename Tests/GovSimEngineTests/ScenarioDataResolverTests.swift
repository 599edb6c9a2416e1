import GovSimTestSupport
import XCTest

@testable import GovSimEngine

final class ScenarioDataResolverTests: XCTestCase {
    private let scenarioFolder = TestSupport.packageRoot.appendingPathComponent("scenarios")

    private func read(_ relative: String) throws -> Data {
        try Data(contentsOf: scenarioFolder.appendingPathComponent(relative))
    }

    private func evidenceBased() throws -> Scenario {
        let loaded = try TestSupport.load(TestSupport.scenarioText("evidence-based.yaml"))
        return try ScenarioDataResolver.resolve(loaded, scenarioFile: "evidence-based.yaml", read: read)
    }

    func testLoaderRecordsReferencesAndSwitchesToTrendMode() throws {
        let s = try TestSupport.load(TestSupport.scenarioText("evidence-based.yaml"))
        XCTAssertTrue(s.spendingTrend)
        XCTAssertEqual(s.histories.map(\.parameter), ["baseline.spending"])
        XCTAssertEqual(s.histories.first?.column, "spending")
        XCTAssertEqual(s.fitPrior?.form, .t)
        XCTAssertNotNil(s.parameters["baseline.spending_trend"])
        XCTAssertNil(s.parameters["baseline.demand_growth"])
    }

    func testSpendingHistorySetsTheTrend() throws {
        let s = try evidenceBased()
        let fit = try XCTUnwrap(s.baselineFits.first).fit
        // The generating growth (scripts/make-spending-history.py) is 0.031 with noise 0.012 over
        // 15 years: the fitted growth lies within 4 standard errors of it.
        XCTAssertEqual(fit.logGrowthRate, 0.031, accuracy: 4 * fit.logGrowthRateStandardError)
        XCTAssertEqual(s["baseline.spending"].mean, fit.trendValue(atYear: 2025), accuracy: 1e-9)
        XCTAssertEqual(s["baseline.spending_trend"].mean, fit.logGrowthRate, accuracy: 1e-12)
        XCTAssertEqual(s["baseline.spending_noise_sd"], .fixed(fit.residualStandardDeviation))
    }

    func testMedianCounterfactualSpendingFollowsTheFittedTrend() throws {
        var s = try evidenceBased()
        s.runs = 4000
        let fit = s.baselineFits[0].fit
        let result = SimulationEngine(scenario: s, threads: 2).run()
        let start = s["baseline.spending"].mean
        for t in [1, 5, 10] {
            let median = result.summary[.spendingCounterfactual]![t].p50
            // log-SD of the path at year t: growth uncertainty, yearly noise, and productivity
            // shocks on the labour share; the median's s.e. is 1.2533·sd/√n. Allow 4 s.e.
            let sd =
                (Double(t * t) * pow(fit.logGrowthRateStandardError, 2) + Double(t) * pow(fit.residualStandardDeviation, 2)
                + Double(t) * pow(0.45 * 0.01, 2)).squareRoot()
            let tolerance = 4 * 1.2533 * sd / (4000.0).squareRoot() + 0.0005
            XCTAssertEqual(log(median / start), fit.logGrowthRate * Double(t), accuracy: tolerance, "year \(t)")
        }
    }

    func testPriorsFromTheExampleFit() throws {
        let s = try evidenceBased()
        guard case .studentT(let location, let scale, let df) = s["effects.full_adoption_uplift"] else {
            return XCTFail("expected a t prior, got \(s["effects.full_adoption_uplift"])")
        }
        let table = try DataTable(data: read("data/fit-panel/coefficients.csv"), fileName: "coefficients.csv")
        let estimates = try table.numericColumn("estimate"), errors = try table.numericColumn("std_error")
        XCTAssertEqual(location, estimates.dropFirst().reduce(0, +) / 100, accuracy: 1e-12)
        XCTAssertEqual(scale, errors.dropFirst().reduce(0) { $0 + $1 * $1 }.squareRoot() / 100, accuracy: 1e-12)
        XCTAssertEqual(df, 395)
        let weights = PracticeKind.allCases.map { s["effects.weights.\($0.rawValue)"].mean }
        XCTAssertEqual(weights.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(weights[0], estimates[1] / estimates.dropFirst().reduce(0, +), accuracy: 1e-12)
        XCTAssertEqual(s["effects.complementarity"], .fixed(0))
        // Calibration reports the implied leader-versus-peer gap: Γ = U·(a_L − a_P)/(1 + U·a_P) with
        // equal adoption of every practice (complementarity 0), a monotone map of the t prior's
        // quantiles (leader 0.9, peer 0.3 by default).
        let r = CalibrationStudy.run(s, runs: 4000, seed: 1, threads: 2)
        let gap = { (u: Double) in u * (0.9 - 0.3) / (1 + u * 0.3) }
        let t95 = SpecialFunctions.studentTQuantile(0.95, df: df)
        XCTAssertEqual(r.p50, 100 * gap(location), accuracy: 0.05)
        XCTAssertEqual(r.p95 - r.p5, 100 * (gap(location + t95 * scale) - gap(location - t95 * scale)), accuracy: 0.15)
    }

    func testCommittedFitIsUpToDate() throws {
        // scenarios/data/fit-panel/ is the output of `govsim fit` on the example panel; refit and compare.
        let panel = try DataTable(data: read("data/example-panel.csv"), fileName: "example-panel.csv")
        let regression = try panel.fitLinearRegression(
            response: "productivity",
            predictors: PracticeKind.allCases.map(\.rawValue), intercept: true, robust: nil)
        let committed = try DataTable(data: read("data/fit-panel/coefficients.csv"), fileName: "coefficients.csv")
        XCTAssertEqual(try committed.numericColumn("estimate"), regression.estimates)
    }

    func testMissingHistoryFileNamesTheScenarioLine() throws {
        let s = try TestSupport.load(TestSupport.header + "baseline:\n  spending: {history: nope.csv, column: spending}\n")
        XCTAssertThrowsError(try ScenarioDataResolver.resolve(s, scenarioFile: "x.yaml") { _ in throw CocoaError(.fileNoSuchFile) }) {
            error in
            let d = (error as! ScenarioError).diagnostics[0]
            XCTAssertEqual(d.line, 4)
            XCTAssertTrue(d.description.hasPrefix("x.yaml:4:"), d.description)
            XCTAssertTrue(d.message.contains("nope.csv"))
        }
    }

    func testBadHistoryDataNamesRowAndColumn() throws {
        let s = try TestSupport.load(TestSupport.header + "baseline:\n  spending: {history: h.csv, column: spending}\n")
        let csv = Data("year,spending\n2020,100\n2021,abc\n2022,110\n".utf8)
        XCTAssertThrowsError(try ScenarioDataResolver.resolve(s, scenarioFile: "x.yaml") { _ in csv }) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("h.csv:3"), text)
            XCTAssertTrue(text.contains("spending"), text)
        }
        let missingColumn = try TestSupport.load(TestSupport.header + "baseline:\n  spending: {history: h.csv, column: spend}\n")
        XCTAssertThrowsError(try ScenarioDataResolver.resolve(missingColumn, scenarioFile: "x.yaml") { _ in csv }) { error in
            XCTAssertTrue("\(error)".contains("spend"), "\(error)")
        }
    }

    func testHistoryNeedsAColumnAndFromFitRejectsUnknownKeys() {
        XCTAssertTrue(
            TestSupport.diagnostics(TestSupport.header + "baseline:\n  spending: {history: h.csv}\n")
                .first?.message.contains("no `column`") ?? false)
        XCTAssertTrue(
            TestSupport.diagnostics(TestSupport.header + "effects:\n  from_fit: {coefficients: c.csv, dist: t}\n")
                .first?.description.contains("unknown key `dist`") ?? false)
    }

    // MARK: - Derived values pass the parameters' range checks

    /// The message of resolving a scenario whose history `parameter` reads `csv`.
    private func historyError(_ parameter: String, _ csv: String) throws -> String? {
        let s = try TestSupport.load(TestSupport.header + "baseline:\n  \(parameter): {history: h.csv, column: v}\n")
        do { _ = try ScenarioDataResolver.resolve(s, scenarioFile: "x.yaml") { _ in Data(csv.utf8) } } catch let e as ScenarioError {
            XCTAssertEqual(e.diagnostics.first?.line, 4)
            return e.diagnostics.first?.message
        }
        return nil
    }

    private static func series(_ value: (Int) -> Double) -> String {
        "year,v\n" + (0..<12).map { "\(2013 + $0),\(value($0))\n" }.joined()
    }

    func testProductivityHistoryGrowingTooFastIsRefused() throws {
        let message = try XCTUnwrap(
            historyError("productivity_trend", Self.series { 100 * pow(1.8, Double($0)) * (1 + 0.001 * Double($0 % 2)) }))
        XCTAssertTrue(message.contains("growth rate of 0.8") && message.contains("baseline.productivity_trend"), message)
        XCTAssertTrue(message.contains("between -0.5 and 0.5"), message)
    }

    func testNoisyHistoryIsRefusedInsteadOfClamped() throws {
        // Log residual SD about 1.4: beyond spending_noise_sd's 0.5 (it was silently clamped to 0.5).
        let message = try XCTUnwrap(historyError("spending", Self.series { $0 % 2 == 0 ? 10 : 300 }))
        XCTAssertTrue(message.contains("a residual SD of") && message.contains("baseline.spending_noise_sd"), message)
    }

    func testSatisfactionHistoryInfiniteLevelIsRefused() throws {
        let message = try XCTUnwrap(historyError("satisfaction", "year,v\n2010,1e307\n2011,1.4e307\n2012,1.9e307\n"))
        XCTAssertTrue(message.contains("infinity") && message.contains("baseline.satisfaction"), message)
    }

    func testAcceptableHistoryStillResolves() throws {
        XCTAssertNil(try historyError("spending", Self.series { 500 * pow(1.03, Double($0)) * (1 + 0.01 * Double($0 % 3 - 1)) }))
    }
}
