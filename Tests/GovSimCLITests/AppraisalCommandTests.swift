import Foundation
import GovSimCore
import XCTest

/// The budget planner's appraisal outputs of issue 13, through the command line.
final class AppraisalCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try GovSimProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// Rows of appraisal.csv as [variant, case, measure, statistic] → value.
    private func appraisal(_ path: String) throws -> [String: String] {
        let text = try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.removeFirst(), "variant,case,measure,statistic,value,unit,price_basis")
        var out: [String: String] = [:]
        for line in lines {
            // The price basis is quoted and may contain commas: only the first five fields matter.
            let cells = line.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
            out[cells[0...3].joined(separator: "/")] = cells[4]
        }
        return out
    }

    /// Acceptance 1: run writes appraisal.csv with both cases; mean NPV = PV benefits − PV costs
    /// (1e-9 relative) and BCR = ratio of the mean PVs in each case; the terminal shows NPV,
    /// NPSV, BCR and P(NPV > 0).
    func testRunWritesBothCasesThatAddUp() throws {
        let r = try GovSimProcess.run(["run", "--runs", "400", "--out", "r"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        for text in ["NPV (financial case)", "NPSV (economic case)", "BCR", "P(>0)"] { XCTAssertTrue(r.stdout.contains(text), r.stdout) }
        let rows = try appraisal("r/appraisal.csv")
        for c in ["financial", "economic"] {
            func value(_ measure: String, _ statistic: String = "mean") throws -> Double {
                try XCTUnwrap(Double(try XCTUnwrap(rows["reference/\(c)/\(measure)/\(statistic)"], "\(c) \(measure) \(statistic)")))
            }
            let benefits = try value("pv_benefits"), costs = try value("pv_costs"), npv = try value("npv")
            XCTAssertEqual(npv, benefits - costs, accuracy: 1e-9 * max(abs(benefits), abs(costs)))
            XCTAssertEqual(try value("bcr", "ratio_of_means"), benefits / costs, accuracy: 1e-12 * benefits / costs)
            XCTAssertEqual(
                benefits,
                try value("pv_benefits_cash_releasing") + value("pv_benefits_staff_time_reinvested") + value("pv_benefits_residual_value"),
                accuracy: 1e-9 * abs(benefits))
            let p = try value("npv", "prob_positive")
            XCTAssertTrue((0...1).contains(p))
        }
        // The economic case adds the reinvested staff time; the financial case does not.
        XCTAssertEqual(rows["reference/financial/pv_benefits_staff_time_reinvested/mean"], "0")
        XCTAssertGreaterThan(Double(rows["reference/economic/pv_benefits_staff_time_reinvested/mean"]!)!, 0)
        let html = try String(contentsOf: dir.appendingPathComponent("r/report.html"), encoding: .utf8)
        for text in ["NPV (financial) / NPSV (economic): mean", "Benefit–cost ratio", "P(NPV &gt; 0)"] {
            XCTAssertTrue(html.contains(text), text)
        }
    }

    /// Acceptance 5: compare writes report.html with the options table and EVPI/EVPPI, and
    /// `--rank-by cumulative_investment` ranks the cheaper plan first.
    func testCompareWritesTheOptionsReportAndRanksCheaperFirst() throws {
        let scenario = GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml").path
        let r = try GovSimProcess.run(
            [
                "compare", scenario, "--variants", "fast-rollout,data-first", "--baseline", "reference",
                "--runs", "300", "--rank-by", "cumulative_investment", "--out", "cmp",
            ], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let ranked = r.stdout.split(separator: "\n").filter { $0.contains("fast-rollout") || $0.contains("data-first") }
        // data-first budgets less investment than fast-rollout (lower is better for investment).
        XCTAssertTrue(ranked.first?.contains("data-first") ?? false, r.stdout)
        let html = try String(contentsOf: dir.appendingPathComponent("cmp/report.html"), encoding: .utf8)
        for text in [
            "Options: economic and financial case", "Value of information", "EVPI", "no-programme", "fast-rollout", "data-first",
            "Sensitivity in money and switching values", "id=\"tornado-chart-title\"", "P(best NPV)",
        ] {
            XCTAssertTrue(html.contains(text), text)
        }
        let options = try String(contentsOf: dir.appendingPathComponent("cmp/options.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(options.count, 5, "header, three options and business as usual")
        XCTAssertTrue(options.last!.hasPrefix("no-programme,0,0,0,0,0,0,"), String(options.last!))
        // P(best) by NPSV and by NPV: shares of runs, each summing to 1 over the options.
        let optionsTable = try DataTable(text: options.joined(separator: "\n"), fileName: "options.csv")
        let header = optionsTable.columnNames, rows = optionsTable.rows
        for column in ["prob_best", "prob_best_npv"] {
            let k = try XCTUnwrap(header.firstIndex(of: column), column)
            XCTAssertEqual(rows.map { Double($0[k])! }.reduce(0, +), 1, accuracy: 1e-9, column)
        }
        try checkTornado(options: rows, header: header)
        let voi = try String(contentsOf: dir.appendingPathComponent("cmp/value_of_information.csv"), encoding: .utf8).split(separator: "\n")
        let evpi = Double(voi[1].split(separator: ",", omittingEmptySubsequences: false)[2])!
        XCTAssertTrue(voi[1].hasPrefix("evpi,,"))
        XCTAssertGreaterThan(voi.count, 5, "an EVPPI row per uncertain input")
        for row in voi.dropFirst(2) {
            let value = Double(row.split(separator: ",")[2])!
            XCTAssertLessThanOrEqual(value, evpi + 1e-9, String(row))
        }
        XCTAssertNoThrow(try appraisal("cmp/appraisal.csv"))
    }

    /// compare's switching_values.csv: the tornado's changes are the sweeps' means minus the
    /// baseline's mean NPSV (which is options.csv's), the preferred option is the one ranked
    /// first by NPSV, and each switching value lies between its input's low and high values
    /// where the preferred option's lead changes sign.
    private func checkTornado(options: [[String]], header: [String]) throws {
        let text = try String(contentsOf: dir.appendingPathComponent("cmp/switching_values.csv"), encoding: .utf8)
        let table = try DataTable(text: text, fileName: "switching_values.csv")
        let lines = [table.columnNames] + table.rows
        let h = lines[0]
        func col(_ name: String) throws -> Int { try XCTUnwrap(h.firstIndex(of: name), name) }
        let rankColumn = try XCTUnwrap(header.firstIndex(of: "rank_npsv"))
        let npsvColumn = try XCTUnwrap(header.firstIndex(of: "npsv"))
        let first = try XCTUnwrap(options.first { $0[rankColumn] == "1" })
        let second = try XCTUnwrap(options.first { $0[rankColumn] == "2" })
        let reference = try XCTUnwrap(options.first { $0[0] == "reference" })
        XCTAssertGreaterThan(lines.count, 5, "a row per decisive input")
        var moved = 0, switches = 0
        for row in lines.dropFirst() {
            XCTAssertEqual(row[try col("baseline")], "reference")
            XCTAssertEqual(row[try col("preferred")], first[0])
            XCTAssertEqual(row[try col("runner_up")], second[0])
            let base = Double(row[try col("mean_base")])!
            XCTAssertEqual(base, Double(reference[npsvColumn])!, accuracy: 1e-6 * max(1, abs(base)))
            XCTAssertEqual(
                Double(row[try col("difference_base")])!, Double(first[npsvColumn])! - Double(second[npsvColumn])!,
                accuracy: 1e-6 * max(1, abs(base)))
            for side in ["low", "high"] {
                XCTAssertEqual(
                    Double(row[try col("change_at_\(side)")])!, Double(row[try col("mean_at_\(side)")])! - base,
                    accuracy: 1e-6 * max(1, abs(base)))
            }
            if Double(row[try col("change_at_high")])! != 0 { moved += 1 }
            let dLow = Double(row[try col("difference_at_low")])!, dHigh = Double(row[try col("difference_at_high")])!
            let low = Double(row[try col("low")])!, high = Double(row[try col("high")])!
            if let sw = Double(row[try col("switching_value")]) {
                switches += 1
                XCTAssertNotEqual(dLow < 0, dHigh < 0, "a switching value only where the lead changes sign: \(row)")
                XCTAssertGreaterThanOrEqual(sw, min(low, high) - 1e-9)
                XCTAssertLessThanOrEqual(sw, max(low, high) + 1e-9)
            } else {
                XCTAssertEqual(dLow < 0, dHigh < 0, "the lead changes sign but no switching value: \(row)")
            }
        }
        XCTAssertGreaterThan(moved, 3, "the sweeps move the baseline's NPSV")
        _ = switches
    }
}
