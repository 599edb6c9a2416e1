import Foundation
import XCTest

/// Acceptance 6 of issue 13: `govsim trace` writes every intermediate quantity per year, and one
/// year is rebuilt by hand from the model's equations (docs/model.md) and the appraisal's.
final class TraceCommandTests: XCTestCase {
    func testTraceYearRebuiltByHand() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = """
            version: 1
            name: trace-test
            horizon: 10
            baseline:
              labour_share: 0.5
            effects:
              full_adoption_uplift: 0.12
              causal_share: 0.8
              complementarity: 0.25
            spending:
              capture_rate: 0.4
            appraisal:
              gdp_deflator: 0.03

            """
        try Data(yaml.utf8).write(to: dir.appendingPathComponent("t.yaml"))
        let r = try GovSimProcess.run(["trace", "t.yaml", "--out", "tr"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = try String(contentsOf: dir.appendingPathComponent("tr/trace.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 12, "header and years 2025-2035")
        let header = lines[0].split(separator: ",").map(String.init)
        for column in [
            "adoption_data_as_product", "maturity_customer_focus", "phi", "j_curve", "uplift_ratio", "operating_spending",
            "net_savings", "discount_factor", "pv_cash_releasing", "staff_time_reinvested",
        ] {
            XCTAssertTrue(header.contains(column), column)
        }
        func row(_ year: Int) -> [String: Double] {
            let cells = lines[year - 2025 + 1].split(separator: ",").map { Double($0)! }
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
        let base = row(2025), y = row(2030)
        // The trace's central run has the effect switch at its mean: U·(1 − no_effect_probability 0.15).
        let (u, c, kappa, theta, labour) = (0.12 * (1 - 0.15), 0.8, 0.25, 0.4, 0.5)
        // Φ(M) = (1 − κ)·Σ wᵢMᵢ + κ·(Π Mᵢ)^{1/4}, default weights 0.20, 0.35, 0.20, 0.25.
        let kinds = ["customer_focus", "data_as_product", "rapid_iteration", "outcome_accountability"]
        let weights = [0.20, 0.35, 0.20, 0.25]
        let m = kinds.map { y["maturity_\($0)"]! }
        let phi = (1 - kappa) * zip(weights, m).map(*).reduce(0, +) + kappa * pow(m.reduce(1, *), 0.25)
        XCTAssertEqual(y["phi"]!, phi, accuracy: 1e-9)
        // ρ = (1 + U·c·Φ(M)) / (1 + U·c·Φ(s)) · (1 − J); Φ(s) is the base year's Φ.
        let rho = (1 + u * c * phi) / (1 + u * c * base["phi"]!) * (1 - y["j_curve"]!)
        XCTAssertEqual(y["uplift_ratio"]!, rho, accuracy: 1e-9)
        let scale = y["cost_scale"]!, labourTerm = y["labour_term"]!
        XCTAssertEqual(y["spending_counterfactual"]!, scale * (labourTerm + 1 - labour), accuracy: 1e-9)
        let operating = scale * (labourTerm * (1 - theta * (1 - 1 / rho)) + 1 - labour)
        XCTAssertEqual(y["operating_spending"]!, operating, accuracy: 1e-9)
        XCTAssertEqual(y["spending"]!, operating + y["investment"]! + y["run_cost"]!, accuracy: 1e-9)
        let costLines = ["rollout", "build", "fixed_programme", "training", "double_running"].map { y["investment_\($0)"]! }
        XCTAssertEqual(costLines.reduce(0, +), y["investment"]!, accuracy: 1e-9, "the investment's lines sum to it")
        XCTAssertEqual(y["net_savings"]!, y["spending_counterfactual"]! - y["spending"]!, accuracy: 1e-9)
        XCTAssertEqual(y["staff_time_reinvested"]!, scale * labourTerm * (1 - theta) * (1 - 1 / rho), accuracy: 1e-9)
        let cash = y["spending_counterfactual"]! - operating
        XCTAssertEqual(y["cash_releasing_savings"]!, cash, accuracy: 1e-9)
        // Year 5: GDP deflator 1.03⁵, Green Book factor 1.035⁻⁵.
        XCTAssertEqual(y["gdp_deflator_index"]!, pow(1.03, 5), accuracy: 1e-12)
        XCTAssertEqual(y["discount_factor"]!, pow(1.035, -5), accuracy: 1e-12)
        XCTAssertEqual(y["pv_cash_releasing"]!, cash / pow(1.03, 5) * pow(1.035, -5), accuracy: 1e-9)
        XCTAssertGreaterThan(cash, 0, "a non-trivial year")
    }

    func testPortfolioIsRefusedInOneLine() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = GovSimProcess.packageRoot.appendingPathComponent("scenarios/ministry-portfolio.yaml").path
        let r = try GovSimProcess.run(["trace", scenario, "--out", "tr"], in: dir)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("govsim trace follows one organisation"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("tr").path))
    }
}
