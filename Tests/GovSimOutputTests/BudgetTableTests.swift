import GovSimTestSupport
import XCTest

@testable import GovSimOutput

final class BudgetTableTests: XCTestCase {
    /// The rows of budget.csv from a small simulation: every measure and statistic, values that
    /// are the runs' own (mean NPV, investment quantiles), and payback shares that add up to 1.
    func testRowsSummariseTheRunsBudgets() throws {
        var s = TestSupport.reference
        s.runs = 200
        s.horizon = 6
        s.sensitivityDiscountRates = [0.07]
        let result = SimulationEngine(scenario: s, threads: 2).run()
        let table = BudgetTable.make(result)
        XCTAssertTrue(table.render().hasPrefix("variant,measure,statistic,value\n"))
        var values: [String: Double] = [:]
        for row in table.rows {
            guard case .text(let variant) = row[0], case .text(let measure) = row[1], case .text(let statistic) = row[2] else {
                return XCTFail("row \(row)")
            }
            XCTAssertEqual(variant, s.name)
            switch row[3] {
            case .number(let x): values["\(measure)/\(statistic)"] = x
            case .integer(let i): values["\(measure)/\(statistic)"] = Double(i)
            default: XCTFail("row \(row)")
            }
        }
        let npv = QuantileSummary(result.budgets.map { $0.npv[0] })
        XCTAssertEqual(values["npv_net_savings/mean"], npv.mean)
        XCTAssertEqual(values["npv_net_savings/prob_positive"], npv.fractionPositive)
        XCTAssertEqual(values["npv_net_savings_at_0.07/mean"], QuantileSummary(result.budgets.map { $0.npv[1] }).mean)
        XCTAssertEqual(values["cumulative_investment/p95"], QuantileSummary(result.budgets.map(\.cumulativeInvestment)).quantiles[4])
        XCTAssertNil(values["cumulative_investment/prob_positive"], "only NPVs have prob_positive")
        XCTAssertEqual(values["benefit_cost_ratio/runs_with_cost"], Double(result.budgets.compactMap(\.benefitCostRatio).count))
        let shares = (1...6).map { values["payback_year/share_\(s.startYear + $0)"]! } + [values["payback_year/share_never"]!]
        XCTAssertEqual(shares.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertNil(values["payback_year/share_\(s.startYear + 7)"], "no year beyond the horizon")
    }
}
