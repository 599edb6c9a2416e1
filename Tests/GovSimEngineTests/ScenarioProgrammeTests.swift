import GovSimTestSupport
import XCTest

@testable import GovSimEngine

/// `Scenario+Programme.swift`: the programme's duration and the default correlation of
/// programme risk.
final class ScenarioProgrammeTests: XCTestCase {
    /// Overrun, delay and delivery are rank-correlated by default (+r, −r, −r), and the sample
    /// shows it (Iman–Conover keeps the marginals).
    func testProgrammeRiskIsCorrelatedByDefault() throws {
        var s = try TestSupport.load(TestSupport.header + "runs: 2048\n")
        let c = try XCTUnwrap(s.correlation)
        let o = try XCTUnwrap(c.names.firstIndex(of: "spending.cost_overrun"))
        let d = try XCTUnwrap(c.names.firstIndex(of: "programme_risk.delay"))
        let q = try XCTUnwrap(c.names.firstIndex(of: "programme_risk.delivery"))
        XCTAssertEqual(c[o, d], 0.5)
        XCTAssertEqual(c[o, q], -0.5)
        XCTAssertEqual(c[d, q], -0.5)
        s.runs = 2048
        let sampler = InputSampler(scenario: s)
        let values = sampler.blockValues(runs: 0..<1024) + sampler.blockValues(runs: 1024..<2048)
        func column(_ path: String) -> [Double] { values.map { $0[sampler.layout.position(path)] } }
        let rho = SpearmanCorrelation.coefficient(column("spending.cost_overrun"), column("programme_risk.delay"))
        // Standard error of a rank correlation near 0.5 with n = 2048: about (1 − ρ²)/√n ≈ 0.017.
        XCTAssertEqual(rho, 0.5, accuracy: 0.06)
        XCTAssertLessThan(SpearmanCorrelation.coefficient(column("programme_risk.delay"), column("programme_risk.delivery")), -0.3)
    }

    /// `programme_risk.correlation: 0` restores independence; the scenario's own pair wins.
    func testCorrelationCanBeTurnedOffOrOverridden() throws {
        XCTAssertNil(try TestSupport.load(TestSupport.header + "programme_risk:\n  correlation: 0\n").correlation)
        let s = try TestSupport.load(
            TestSupport.header + "correlations:\n  pairs:\n    - [spending.cost_overrun, programme_risk.delay, 0.2]\n")
        let c = try XCTUnwrap(s.correlation)
        let o = try XCTUnwrap(c.names.firstIndex(of: "spending.cost_overrun")),
            d = try XCTUnwrap(c.names.firstIndex(of: "programme_risk.delay"))
        XCTAssertEqual(c[o, d], 0.2)
        XCTAssertEqual(c[o, try XCTUnwrap(c.names.firstIndex(of: "programme_risk.delivery"))], -0.5, "the other pairs keep the default")
        // Fixed inputs are not correlated.
        XCTAssertNil(
            try TestSupport.load(
                TestSupport.header + "spending:\n  cost_overrun: 1.2\nprogramme_risk:\n  delay: 1\n  full_delivery_probability: 1\n"
            ).correlation)
    }

    /// The correlation is read once, at load: a variant cannot override it.
    func testVariantsCannotOverrideTheCorrelation() {
        let d = TestSupport.diagnostics(TestSupport.header + "variants:\n  v:\n    programme_risk.correlation: 0\n")
        XCTAssertEqual(d.first?.line, 5)
        XCTAssertTrue(d.first?.description.contains("cannot be overridden here") ?? false, "\(d)")
    }

    /// A fixed programme cost without a duration, profile or plan is refused at its key.
    func testFixedCostNeedsADuration() {
        let d = TestSupport.diagnostics(TestSupport.header + "investment:\n  fixed_per_year: 4\n")
        XCTAssertEqual(d.first?.line, 4)
        XCTAssertTrue(d.first?.description.contains("add `investment.duration") ?? false, "\(d)")
        XCTAssertNoThrow(try TestSupport.load(TestSupport.header + "investment:\n  fixed_per_year: 4\n  duration: 5\n"))
        let profile = TestSupport.diagnostics(TestSupport.header + "investment:\n  profile: {2024: 3}\n")
        XCTAssertTrue(
            profile.first?.description.contains("investment.profile: year 2024 is outside the simulated years") ?? false, "\(profile)")
    }
}
