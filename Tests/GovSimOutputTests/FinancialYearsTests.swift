import Foundation
import GovSimTestSupport
import XCTest

@testable import GovSimOutput

/// Financial years in the money tables (issue 13): the pro-rata split of calendar years, by hand.
final class FinancialYearsTests: XCTestCase {
    /// April–March: FY 2026-27 = 9/12 × 2026 + 3/12 × 2027; the first financial year starts in the
    /// base year (index 0), the last ends in the final simulated year.
    func testAprilToMarchSplitsCalendarYearsProRata() {
        let fy = FinancialYears(startMonth: 4)
        let periods = fy.periods(firstYear: 2025, first: 1, last: 3)
        XCTAssertEqual(periods.map(\.label), ["2025-26", "2026-27", "2027-28"])
        let yearly = [0.0, 120, 240, 360]  // calendar 2025 … 2028
        // By hand: 0.75·0 + 0.25·120 = 30; 0.75·120 + 0.25·240 = 150; 0.75·240 + 0.25·360 = 270.
        XCTAssertEqual(periods.map { fy.value($0, of: yearly) }, [30, 150, 270])
        XCTAssertEqual(periods[1].parts.map(\.index), [1, 2])
        XCTAssertEqual(periods[1].parts.map(\.weight), [0.75, 0.25])
    }

    /// October–September (US federal): 3/12 of the starting year, 9/12 of the next; labels roll
    /// over the century.
    func testOctoberStartAndCenturyLabel() {
        let fy = FinancialYears(startMonth: 10)
        let periods = fy.periods(firstYear: 2098, first: 1, last: 2)
        XCTAssertEqual(periods.map(\.label), ["2098-99", "2099-00"])
        XCTAssertEqual(fy.value(periods[0], of: [12, 24, 36]), 0.25 * 12 + 0.75 * 24)
    }

    /// Month 1 gives the calendar years themselves, unsplit.
    func testJanuaryIsTheCalendarYear() {
        let fy = FinancialYears(startMonth: 1)
        XCTAssertTrue(fy.isCalendar)
        let periods = fy.periods(firstYear: 2025, first: 1, last: 2)
        XCTAssertEqual(periods.map(\.label), ["2026", "2027"])
        XCTAssertEqual(periods.map { fy.value($0, of: [5, 7, 11]) }, [7, 11])
    }

    /// appraisal.csv's financial case by year: net = savings − investment − run cost; real =
    /// nominal ÷ (1 + GDP deflator)^t; with April financial years each row is the pro-rata split
    /// of the calendar rows of the same run (common random numbers: same seed).
    func testAppraisalTableByYearNominalRealAndFinancialYears() throws {
        var s = TestSupport.reference
        s.runs = 60
        s.horizon = 6
        let calendar = SimulationEngine(scenario: s, threads: 2).run()
        s["appraisal.financial_year_start_month"] = .fixed(4)
        let april = SimulationEngine(scenario: s, threads: 2).run()
        func rows(_ result: SimulationResult) -> [String: Double] {
            var out: [String: Double] = [:]
            for row in AppraisalTable.make(result).rows {
                guard case .text("financial_by_year") = row[1], case .text(let measure) = row[2], case .text(let statistic) = row[3],
                    case .number(let value) = row[4], case .text(let basis) = row[6]
                else { continue }
                out["\(measure)|\(statistic)|\(basis.hasPrefix("nominal") ? "nominal" : "real")"] = value
            }
            return out
        }
        let c = rows(calendar), a = rows(april)
        XCTAssertEqual(c.count, 4 * 6 * 2)
        XCTAssertEqual(a.count, 4 * 6 * 2)
        let g = s["appraisal.gdp_deflator"].mean
        for t in 1...6 {
            let y = String(2025 + t)
            let savings = try XCTUnwrap(c["cash_releasing_savings|mean_\(y)|nominal"])
            let net = try XCTUnwrap(c["net_cash_benefit|mean_\(y)|nominal"])
            XCTAssertEqual(
                net, savings - c["investment|mean_\(y)|nominal"]! - c["run_cost|mean_\(y)|nominal"]!, accuracy: 1e-9 * max(1, abs(savings)))
            XCTAssertEqual(net, calendar.summary[.netSavings]![t].mean, accuracy: 1e-9 * max(1, abs(net)))
            XCTAssertEqual(c["net_cash_benefit|mean_\(y)|real"]!, net / pow(1 + g, Double(t)), accuracy: 1e-9 * max(1, abs(net)))
        }
        // FY 2027-28 = 9/12 of calendar 2027 + 3/12 of calendar 2028 (same runs: same seed).
        for measure in AppraisalTable.yearlyMeasures {
            let expected = 0.75 * c["\(measure)|mean_2027|nominal"]! + 0.25 * c["\(measure)|mean_2028|nominal"]!
            XCTAssertEqual(try XCTUnwrap(a["\(measure)|mean_2027-28|nominal"]), expected, accuracy: 1e-9 * max(1, abs(expected)), measure)
        }
        XCTAssertNotNil(a["investment|mean_2025-26|nominal"], "the first financial year starts in the base year")
        XCTAssertTrue(AppraisalTable.make(april).render().contains("financial_year_start_month,value,4,month"))
    }
}
