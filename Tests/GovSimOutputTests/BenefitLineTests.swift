import GovSimTestSupport
import XCTest

@testable import GovSimOutput

final class BenefitLineTests: XCTestCase {
    static let lines = """
        benefits:
          online_forms:
            category: citizen_time
            driver: customer_focus
            transactions: 2
            minutes_saved: {triangular: {min: 5, mode: 10, max: 15}}
            value_of_time: 12
          fewer_overpayments:
            category: error_and_fraud
            driver: data_as_product
            volume: 0.5
            unit_value: 4

        """

    /// One line set by hand on a two-year trajectory: its PV is the discounted real values, extended
    /// and decayed after the horizon and in the residual value like the other benefits; it enters
    /// the economic case only.
    func testLinePresentValueByHand() {
        var t = RunTrajectory(horizon: 2)
        for year in 1...2 {
            t[.spendingCounterfactual, year] = 100
            t[.spending, year] = 100
        }
        t.benefitLines = [0, 3, 6]  // one line: years 0, 1, 2
        XCTAssertEqual(t.benefitLineCount, 1)
        let settings = AppraisalSettings(schedule: .flat(0.10), period: 4, benefitDecay: 0.5, gdpDeflator: 0.25, residualYears: 1)
        let a = RunAppraisal(trajectory: t, settings: settings)
        let d = (0...5).map { pow(1.1, -Double($0)) }
        // Real base-year values: not deflated. After the horizon: 6 halving each year (3, 1.5), residual 0.75.
        XCTAssertEqual(a.economic.benefitLines.count, 1)
        XCTAssertEqual(a.economic.benefitLines[0], 3 * d[1] + 6 * d[2] + 3 * d[3] + 1.5 * d[4], accuracy: 1e-12)
        XCTAssertEqual(a.economic.residualValue, 0.75 * d[5], accuracy: 1e-12)
        XCTAssertEqual(a.economic.benefits, a.economic.benefitLines[0] + a.economic.residualValue, accuracy: 1e-12)
        XCTAssertEqual(a.economic.paybackYear, 1)
        XCTAssertEqual(a.financial.benefits, 0, "a benefit line releases no cash")
        XCTAssertEqual(a.financial.paybackYear, nil)
        XCTAssertEqual(a.financial.benefitLines, [0], "a non-cash line is 0 in the financial case")
    }

    func testLinesAreReadWithTheirFactors() throws {
        let s = try TestSupport.load(TestSupport.header + BenefitLineTests.lines)
        XCTAssertEqual(
            s.benefitLines,
            [
                BenefitLine(name: "online_forms", category: .citizenTime, driver: .customerFocus),
                BenefitLine(name: "fewer_overpayments", category: .errorAndFraud, driver: .dataAsProduct),
            ])
        XCTAssertEqual(s["benefits.online_forms.minutes_saved"].mean, 10, accuracy: 1e-12)
        XCTAssertEqual(s["benefits.fewer_overpayments.unit_value"], .fixed(4))
        XCTAssertTrue(s.specs.contains { $0.path == "benefits.online_forms.value_of_time" })
    }

    /// The trace's line columns follow B(t) = V · max(0, M(t) − s) / (T − s), rebuilt from the
    /// trace's own maturity column, and its PV column is B(t) × the discount factor; the
    /// simulated economic case adds the same PV.
    func testTraceColumnsRebuildTheLineFromTheDriverMaturity() throws {
        let s = try TestSupport.load(TestSupport.header + "runs: 1\n" + BenefitLineTests.lines)
        let trace = RunTrace(scenario: s)
        let table = trace.table()
        let columns = trace.columns
        for name in [
            "benefit_line_online_forms", "pv_benefit_line_online_forms", "benefit_line_fewer_overpayments",
            "pv_benefit_line_fewer_overpayments",
        ] {
            XCTAssertTrue(columns.contains(name), name)
        }
        let central = trace.scenario
        let start = central["practices.customer_focus.start_adoption"].mean
        let target = central["practices.customer_focus.target_adoption"].mean
        let full = 2 * 10.0 / 60 * 12  // transactions × minutes ÷ 60 × value of time, the triangular's mean 10
        let k = PracticeKind.allCases.firstIndex(of: .customerFocus)!
        var positive = 0
        for y in trace.years where y.year > 0 {
            let expected = full * max(0, y.maturity[k] - start) / (target - start)
            XCTAssertEqual(y.benefitLines[0], expected, accuracy: 1e-12)
            if expected > 0 { positive += 1 }
        }
        XCTAssertGreaterThan(positive, 3)
        let row = table.rows[3]
        func cell(_ name: String) -> Double {
            guard case .number(let x) = row[columns.firstIndex(of: name)!] else { XCTFail(name); return .nan }
            return x
        }
        XCTAssertEqual(cell("benefit_line_online_forms"), trace.years[3].benefitLines[0], accuracy: 1e-12)
        XCTAssertEqual(cell("pv_benefit_line_online_forms"), cell("benefit_line_online_forms") * cell("discount_factor"), accuracy: 1e-12)

        // appraisal.csv carries a PV per line, in the economic case only.
        let result = SimulationEngine(scenario: s, threads: 1).run()
        let csv = AppraisalTable.make(result)
        let measure = AppraisalTable.header.firstIndex(of: "measure")!, caseColumn = AppraisalTable.header.firstIndex(of: "case")!
        let lineRows = csv.rows.filter {
            if case .text("pv_benefits_line_online_forms") = $0[measure] { return true }; return false
        }
        XCTAssertEqual(lineRows.count, 2)
        for r in lineRows {
            guard case .text(let c) = r[caseColumn], case .number(let v) = r[AppraisalTable.header.firstIndex(of: "value")!] else {
                return XCTFail()
            }
            if c == "financial" { XCTAssertEqual(v, 0) } else { XCTAssertGreaterThan(v, 0) }
        }
    }

    private func firstError(_ yaml: String) -> Diagnostic? { TestSupport.diagnostics(TestSupport.header + yaml).first }

    func testValidationErrorsNameTheLineAndSuggest() {
        var bad = BenefitLineTests.lines.replacingOccurrences(of: "category: citizen_time", with: "category: citizen_tme")
        var d = firstError(bad)
        XCTAssertEqual(d?.line, 5)
        XCTAssertTrue(d?.description.contains("benefits.online_forms.category must be one of") ?? false, "\(String(describing: d))")
        XCTAssertTrue(d?.description.contains("did you mean `citizen_time`?") ?? false, "\(String(describing: d))")

        bad = BenefitLineTests.lines.replacingOccurrences(of: "driver: data_as_product", with: "driver: data_as_products")
        d = firstError(bad)
        XCTAssertEqual(d?.line, 12)
        XCTAssertTrue(d?.description.contains("did you mean `data_as_product`?") ?? false, "\(String(describing: d))")

        bad = BenefitLineTests.lines.replacingOccurrences(of: "    value_of_time: 12\n", with: "")
        d = firstError(bad)
        XCTAssertTrue(d?.description.contains("benefit line `online_forms` has no `value_of_time`") ?? false, "\(String(describing: d))")

        bad = BenefitLineTests.lines.replacingOccurrences(of: "minutes_saved:", with: "minute_saved:")
        d = firstError(bad)
        XCTAssertEqual(d?.line, 8)
        XCTAssertTrue(d?.description.contains("minutes_saved") ?? false, "did you mean: \(String(describing: d))")

        bad = BenefitLineTests.lines.replacingOccurrences(of: "unit_value: 4", with: "unit_value: -4")
        d = firstError(bad)
        XCTAssertEqual(d?.line, 14)
        XCTAssertTrue(d?.description.contains("benefits.fewer_overpayments.unit_value") ?? false, "\(String(describing: d))")

        bad = BenefitLineTests.lines.replacingOccurrences(of: "  online_forms:", with: "  Online-Forms:")
        d = firstError(bad)
        XCTAssertEqual(d?.line, 4)
        XCTAssertTrue(d?.description.contains("must be a lower-case identifier") ?? false, "\(String(describing: d))")

        for d in TestSupport.diagnostics(
            TestSupport.header + BenefitLineTests.lines.replacingOccurrences(of: "category: citizen_time", with: "category: citizen_tme"))
        {
            XCTAssertFalse(d.description.contains("\n"), "one line")
        }
    }

    func testPortfolioWithLinesIsRefused() {
        let yaml =
            TestSupport.header + BenefitLineTests.lines
            + "portfolio:\n  organisations:\n    a: {service_users: 1}\n    b: {service_users: 2}\n"
        let d = TestSupport.diagnostics(yaml)
        XCTAssertTrue(d.contains { $0.message.contains("benefit lines cannot be combined with a portfolio") && $0.line == 3 }, "\(d)")
    }
}
