import GovSimTestSupport
import XCTest

@testable import GovSimOutput

final class CorrelatedSamplingTests: XCTestCase {
    private let correlated = """
        correlations:
          pairs:
            - [spending.cost_overrun, programme_risk.delay, 0.6]
            - [programme_risk.delay, effects.realisation_lag, 0.5]
            - [effects.full_adoption_uplift, effects.realisation_lag, -0.3]
        """

    /// The sampled uncertain inputs of every run, by input, straight from the sampler (block by
    /// block, as the engine draws them) without simulating the model: the rank correlations need
    /// 10,000 runs, and the model adds nothing to them. `testEngineRecordsTheSamplersInputs`
    /// shows the engine's records hold these values.
    private func inputs(_ s: Scenario) -> (names: [String], columns: [String: [Double]]) {
        let sampler = InputSampler(scenario: s)
        let size = ParallelBlocks.blockSize
        let rows = stride(from: 0, to: s.runs, by: size).flatMap { start in
            sampler.blockValues(runs: start..<min(start + size, s.runs)).map(sampler.uncertainValues(of:))
        }
        let names = sampler.dimensions.map(\.path)
        var columns: [String: [Double]] = [:]
        for (j, name) in names.enumerated() { columns[name] = rows.map { $0[j] } }
        return (names, columns)
    }

    /// The engine's run records hold exactly the sampler's inputs (two blocks, each design).
    func testEngineRecordsTheSamplersInputs() throws {
        for sampling in ["random", "lhs", "sobol"] {
            let s = try TestSupport.load(TestSupport.header + "sampling: \(sampling)\nruns: 1100\nhorizon: 1\n" + correlated)
            let r = SimulationEngine(scenario: s, threads: 2).run()
            let sampled = inputs(s)
            XCTAssertEqual(r.inputNames, sampled.names, sampling)
            for (j, name) in r.inputNames.enumerated() {
                XCTAssertEqual(r.records.map { $0.inputs[j] }, sampled.columns[name], "\(sampling): \(name)")
            }
        }
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
        for entry in [
            "spending.cost_overrun~programme_risk.delay (0.9)", "programme_risk.delay~effects.realisation_lag (0.9)",
            "spending.cost_overrun~effects.realisation_lag (-0.9)", "repair: nearest",
        ] {
            XCTAssertTrue(message.contains(entry), message)
        }
        let repaired = try TestSupport.load(
            TestSupport.header + inconsistent.replacingOccurrences(of: "correlations:\n", with: "correlations:\n  repair: nearest\n"))
        let report = try XCTUnwrap(repaired.correlation?.repairReport)
        XCTAssertGreaterThan(report.frobeniusDistance, 0.5)
        XCTAssertNoThrow(
            SimulationEngine(
                scenario: {
                    var s = repaired; s.runs = 300; return s
                }(), threads: 2
            ).run())
    }

    func testCorrelationsOfUnknownOrFixedInputsAreRefused() {
        let unknown = TestSupport.diagnostics(
            TestSupport.header + "correlations:\n  pairs:\n    - [spending.cost_overun, programme_risk.delay, 0.3]\n")
        XCTAssertTrue(unknown.first?.description.contains("did you mean `spending.cost_overrun`?") ?? false, "\(unknown)")
        let fixed = TestSupport.diagnostics(
            TestSupport.header + "correlations:\n  pairs:\n    - [baseline.labour_share, programme_risk.delay, 0.3]\n")
        XCTAssertTrue(fixed.first?.description.contains("fixed number") ?? false, "\(fixed)")
        let range = TestSupport.diagnostics(
            TestSupport.header + "correlations:\n  pairs:\n    - [spending.cost_overrun, programme_risk.delay, 1.3]\n")
        XCTAssertTrue(range.first?.description.contains("not in [-1, 1]") ?? false, "\(range)")
    }
}

final class SamplingDesignEngineTests: XCTestCase {
    func testDesignsAreThreadIndependent() throws {
        for sampling in ["lhs", "sobol"] {
            let s = try TestSupport.load(TestSupport.header + "sampling: \(sampling)\nruns: 2100\nhorizon: 2\n")  // 3 blocks
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
                // Independent inputs: the designs' stratification is what is compared.
                let s = try TestSupport.load(
                    TestSupport.header + "sampling: \(sampling)\nruns: 256\nhorizon: 6\nseed: \(seed)\nprogramme_risk:\n  correlation: 0\n")
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

    /// One SRC study (800 runs over 5 years) shared by the tests that read it: it regresses every
    /// metric and year, the expensive part, once per suite.
    /// Programme risk uncorrelated, so that each SRC is one input's own effect.
    private static let srcStudy = Result {
        try SensitivityStudy.src(
            TestSupport.load(TestSupport.header + "runs: 800\nhorizon: 5\nprogramme_risk:\n  correlation: 0\n"), threads: 2)
    }

    func testSRCCoversEveryVaryingMetricAndYear() throws {
        let result = try Self.srcStudy.get()
        let table = SensitivityTable.make(result).render()
        XCTAssertTrue(table.hasPrefix("year,metric,input,method,index,value,ci_low,ci_high\n"))
        // The channel metrics are 0 in every run without benefit lines: nothing varies to regress.
        for metric in Metric.allCases where ![.channelShiftSavings, .failureDemandSavings, .legacySavings].contains(metric) {
            for year in 1...5 {
                let rows = result.rows.filter { $0.metric == metric && $0.year == year }
                XCTAssertFalse(rows.isEmpty, "\(metric) year \(year)")
                XCTAssertEqual(rows.filter { $0.index == "src" }.count, result.inputNames.count)
                XCTAssertEqual(rows.filter { $0.index == "r_squared" }.count, 1)
            }
        }
        XCTAssertTrue(result.rows.allSatisfy { ($0.year ?? 0) > 0 }, "the base year does not vary")
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
        let result = try Self.srcStudy.get()
        let text = SensitivityTable.tornado(result)
        // The tornado's sections, one per metric after the heading, in this order.
        let sections = text.components(separatedBy: "\n\n").dropFirst()
        XCTAssertEqual(sections.count, 3, text)
        for (metric, section) in zip([Metric.productivityGainPct, .cumulativeNetSavings, .satisfactionGain], sections) {
            let ranking = result.ranking(metric)
            // Every input once, each with its final-year SRC as the study's rows hold it ...
            XCTAssertEqual(ranking.map(\.input).sorted(), result.inputNames.sorted(), "\(metric)")
            let finalYear = result.rows.filter { $0.year == result.scenario.horizon && $0.metric == metric && $0.index == "src" }
            XCTAssertEqual(finalYear.count, ranking.count)
            for row in finalYear {
                XCTAssertEqual(ranking.first { $0.input == row.input }?.value, row.value, "\(metric) \(row.input)")
            }
            // ... ordered by decreasing |SRC| (the rows' own order is by input) ...
            for (a, b) in zip(ranking, ranking.dropFirst()) {
                XCTAssertGreaterThanOrEqual(abs(a.value), abs(b.value), "\(metric): \(a.input) before \(b.input)")
            }
            // ... and the tornado prints the top 8 of them in that order, each with its signed value.
            XCTAssertTrue(section.hasPrefix(metric.rawValue), section)
            let printed = section.split(separator: "\n").compactMap { line -> (String, String)? in
                let fields = line.split(separator: " ")
                guard fields.count == 3, result.inputNames.contains(String(fields[0])) else { return nil }
                return (String(fields[0]), String(fields[1]))
            }
            XCTAssertEqual(printed.map(\.0), ranking.prefix(8).map(\.input), section)
            XCTAssertEqual(printed.map(\.1), ranking.prefix(8).map { TerminalSummary.fmt($0.value, 3) }, section)
        }
        // What the model says over 5 years (800 runs: an SRC's sampling s.e. is about 1/√800 ≈
        // 0.035, so only gaps of several tenths are asserted). The cost overrun drives the
        // cumulative net savings, negatively (SRC about −0.89; next the delay, 0.25).
        let savings = result.ranking(.cumulativeNetSavings)
        XCTAssertEqual(savings[0].input, "spending.cost_overrun")
        XCTAssertLessThan(savings[0].value, -0.7)
        XCTAssertLessThan(abs(savings[1].value), 0.4)
        // Among the seven inputs that drive the productivity gain most: the effect switch (issue 14:
        // the effect is absent in 15% of runs), the causal share, the uplift, the delay and the
        // realisation lag (negatively) and the delivery risk (the J-curve depth no longer varies:
        // its default became 0 when transition costs were counted explicitly).
        let gain = result.ranking(.productivityGainPct)
        XCTAssertTrue(
            Set(gain.prefix(7).map(\.input)).isSuperset(of: [
                "effects.effect_present", "effects.causal_share",
                "effects.full_adoption_uplift", "programme_risk.delay",
                "effects.realisation_lag", "programme_risk.delivery",
            ]), "\(gain.prefix(8))")
        XCTAssertTrue(gain.prefix(2).contains { $0.input == "effects.effect_present" }, "\(gain.prefix(3))")
        XCTAssertLessThan(gain.first { $0.input == "programme_risk.delay" }!.value, 0)
        for input in ["effects.full_adoption_uplift", "effects.causal_share", "effects.effect_present"] {
            XCTAssertGreaterThan(gain.first { $0.input == input }!.value, 0, input)
        }
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
