import XCTest
@testable import GovSimCore

final class CorrelatedSamplingTests: XCTestCase {
    private let correlated = """
    correlations:
      pairs:
        - [spending.cost_overrun, programme_risk.delay, 0.6]
        - [programme_risk.delay, effects.realisation_lag, 0.5]
        - [effects.full_adoption_uplift, effects.realisation_lag, -0.3]
    """

    private func inputs(_ s: Scenario) -> (names: [String], columns: [String: [Double]]) {
        let r = SimulationEngine(scenario: s, threads: 2).run()
        var columns: [String: [Double]] = [:]
        for (j, name) in r.inputNames.enumerated() { columns[name] = r.records.map { $0.inputs[j] } }
        return (r.inputNames, columns)
    }

    func testAchievedRankCorrelationsAreWithinTwoHundredthsAndMarginalsAreUnchanged() throws {
        for sampling in ["random", "lhs", "sobol"] {
            var s = try TestSupport.load(TestSupport.header + "sampling: \(sampling)\nruns: 10000\nhorizon: 3\n" + correlated)
            let withCorrelation = inputs(s).columns
            let target = s.correlation!
            for a in 0..<target.dimension {
                for b in (a + 1)..<target.dimension {
                    let rho = SpearmanCorrelation.coefficient(withCorrelation[target.names[a]]!, withCorrelation[target.names[b]]!)
                    XCTAssertEqual(rho, target[a, b], accuracy: 0.02, "\(sampling): \(target.names[a])~\(target.names[b])")
                }
            }
            // Iman–Conover only reorders: each input's values are those of the uncorrelated design.
            s.correlation = nil
            let without = inputs(s).columns
            for name in target.names {
                XCTAssertEqual(withCorrelation[name]!.sorted(), without[name]!.sorted(), "\(sampling): marginal of \(name)")
            }
        }
    }

    func testInconsistentMatrixIsRefusedNamingTheEntriesAndRepairRuns() throws {
        let inconsistent = """
        correlations:
          pairs:
            - [spending.cost_overrun, programme_risk.delay, 0.9]
            - [programme_risk.delay, effects.realisation_lag, 0.9]
            - [spending.cost_overrun, effects.realisation_lag, -0.9]
        """
        let d = TestSupport.diagnostics(TestSupport.header + inconsistent)
        let message = d.map(\.description).joined(separator: "\n")
        for entry in ["spending.cost_overrun~programme_risk.delay (0.9)", "programme_risk.delay~effects.realisation_lag (0.9)",
                      "spending.cost_overrun~effects.realisation_lag (-0.9)", "repair: nearest"] {
            XCTAssertTrue(message.contains(entry), message)
        }
        let repaired = try TestSupport.load(TestSupport.header + inconsistent.replacingOccurrences(of: "correlations:\n", with: "correlations:\n  repair: nearest\n"))
        let report = try XCTUnwrap(repaired.correlation?.repairReport)
        XCTAssertGreaterThan(report.frobeniusDistance, 0.5)
        XCTAssertNoThrow(SimulationEngine(scenario: { var s = repaired; s.runs = 300; return s }(), threads: 2).run())
    }

    func testCorrelationsOfUnknownOrFixedInputsAreRefused() {
        let unknown = TestSupport.diagnostics(TestSupport.header + "correlations:\n  pairs:\n    - [spending.cost_overun, programme_risk.delay, 0.3]\n")
        XCTAssertTrue(unknown.first?.description.contains("did you mean `spending.cost_overrun`?") ?? false, "\(unknown)")
        let fixed = TestSupport.diagnostics(TestSupport.header + "correlations:\n  pairs:\n    - [baseline.labour_share, programme_risk.delay, 0.3]\n")
        XCTAssertTrue(fixed.first?.description.contains("fixed number") ?? false, "\(fixed)")
        let range = TestSupport.diagnostics(TestSupport.header + "correlations:\n  pairs:\n    - [spending.cost_overrun, programme_risk.delay, 1.3]\n")
        XCTAssertTrue(range.first?.description.contains("not in [-1, 1]") ?? false, "\(range)")
    }
}

final class SamplingDesignEngineTests: XCTestCase {
    func testDesignsAreThreadIndependent() throws {
        for sampling in ["lhs", "sobol"] {
            let s = try TestSupport.load(TestSupport.header + "sampling: \(sampling)\nruns: 2500\nhorizon: 4\n")
            let one = SimulationEngine(scenario: s, threads: 1).run(), two = SimulationEngine(scenario: s, threads: 2).run()
            XCTAssertEqual(SummaryTable.make(one).render(), SummaryTable.make(two).render(), sampling)
            XCTAssertEqual(RunsTable.make(one).render(), RunsTable.make(two).render(), sampling)
        }
    }

    func testLatinHypercubeAndSobolLowerTheStandardErrorOfASmoothMean() throws {
        // The mean over 256 runs of final-year adoption of customer focus (a smooth function of
        // the target, delivery, curve and delay; no yearly shocks), repeated with 16 seeds: the
        // spread of the estimates across seeds is the standard error of each design's mean.
        func spread(_ sampling: String) throws -> Double {
            var means: [Double] = []
            for seed in 1...16 {
                let s = try TestSupport.load(TestSupport.header + "sampling: \(sampling)\nruns: 256\nhorizon: 6\nseed: \(seed)\n")
                means.append(SimulationEngine(scenario: s, threads: 2).run().summary[.adoptionCustomerFocus]![6].mean)
            }
            return QuantileSummary(means).standardDeviation
        }
        let random = try spread("random"), lhs = try spread("lhs"), sobol = try spread("sobol")
        XCTAssertLessThan(lhs, random, "LHS \(lhs) vs random \(random)")
        XCTAssertLessThan(sobol, random, "Sobol' \(sobol) vs random \(random)")
    }
}

final class SensitivityStudyTests: XCTestCase {
    private func small(_ runs: Int = 600) throws -> Scenario {
        try TestSupport.load(TestSupport.header + "runs: \(runs)\nhorizon: 5\n")
    }

    func testSRCCoversEveryVaryingMetricAndYear() throws {
        let s = try small()
        let result = try SensitivityStudy.src(s, threads: 2)
        let table = SensitivityTable.make(result).render()
        XCTAssertTrue(table.hasPrefix("year,metric,input,method,index,value,ci_low,ci_high\n"))
        for metric in Metric.allCases {
            for year in 1...5 {
                let rows = result.rows.filter { $0.metric == metric && $0.year == year }
                XCTAssertFalse(rows.isEmpty, "\(metric) year \(year)")
                XCTAssertEqual(rows.filter { $0.index == "src" }.count, result.inputNames.count)
                XCTAssertEqual(rows.filter { $0.index == "r_squared" }.count, 1)
            }
        }
        XCTAssertTrue(result.rows.allSatisfy { $0.year > 0 }, "the base year does not vary")
    }

    func testSobolIndicesCoverEveryVaryingMetricAndYearWithIntervals() throws {
        let s = try small()
        let result = try SensitivityStudy.sobol(s, baseSamples: 64, bootstrap: 50, threads: 2)
        XCTAssertEqual(result.runs, 64 * (result.inputNames.count + 2))
        for metric in [Metric.productivityGainPct, .cumulativeNetSavings, .satisfactionGain] {
            for year in 1...5 {
                let rows = result.rows.filter { $0.metric == metric && $0.year == year && $0.index == "total_order" }
                XCTAssertEqual(rows.count, result.inputNames.count, "\(metric) \(year)")
                XCTAssertTrue(rows.allSatisfy { $0.ciLow! <= $0.ciHigh! })
            }
        }
    }

    func testTornadoListsInputsInOrderOfInfluence() throws {
        let result = try SensitivityStudy.src(try TestSupport.load(TestSupport.header + "runs: 800\n"), threads: 2)
        for metric in [Metric.productivityGainPct, .cumulativeNetSavings, .satisfactionGain] {
            let ranking = result.ranking(metric)
            XCTAssertEqual(ranking.map { abs($0.value) }, ranking.map { abs($0.value) }.sorted(by: >))
        }
        let text = SensitivityTable.tornado(result)
        let gain = text.components(separatedBy: "cumulative_net_savings")[0]
        // Delivery and the uplift drive the productivity gain (SRC about 0.85 and 0.44).
        let first = result.ranking(.productivityGainPct)[0].input
        XCTAssertEqual(first, "programme_risk.delivery")
        XCTAssertLessThan(gain.range(of: "programme_risk.delivery")!.lowerBound, gain.range(of: "effects.full_adoption_uplift")!.lowerBound)
    }

    func testSRCOfAnExactlyLinearModel() throws {
        // y = 2x₁ + x₂ with independent inputs: SRCᵢ = bᵢσᵢ/σ_y exactly (to rounding) for the sample.
        var rng = Xoshiro256StarStar(seed: 3)
        let n = 500
        var x = Matrix(rows: n, columns: 2, repeating: 0)
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            x[i, 0] = Double.random(in: -1...1, using: &rng)
            x[i, 1] = Double.random(in: 0...3, using: &rng)
            y[i] = 2 * x[i, 0] + x[i, 1]
        }
        let r = try StandardizedRegression(inputs: x, output: y)
        func sd(_ v: [Double]) -> Double { QuantileSummary(v).standardDeviation }
        XCTAssertEqual(r.src[0], 2 * sd(x.column(0)) / sd(y), accuracy: 1e-10)
        XCTAssertEqual(r.src[1], 1 * sd(x.column(1)) / sd(y), accuracy: 1e-10)
        XCTAssertEqual(r.rSquared, 1, accuracy: 1e-12)
    }
}
