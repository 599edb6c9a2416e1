import XCTest

@testable import GovSimCore
@testable import GovSimEngine

final class ImportanceResamplerTests: XCTestCase {
    /// Outturn generated from run `run` of `truth`: the metrics in years 1…`years` with normal
    /// noise of the given SDs; returns it and the true run's inputs.
    static func outturn(truth: Scenario, run: Int, years: Int, sds: [(Metric, Double)], noiseSeed: UInt64) -> (OutturnFile, [Double]) {
        let plan = PlanSimulator(scenario: truth)
        var work = plan.makeRun()
        let uniforms = plan.blockUniforms(runs: run..<(run + 1))[0]
        plan.simulate(uniforms: uniforms, shockRun: run, into: &work)
        let noise = RandomStream(seed: noiseSeed, run: UInt64(run))
        var observations: [OutturnFile.Observation] = []
        for t in 1...years {
            for (k, (metric, sd)) in sds.enumerated() {
                let e = SpecialFunctions.normalQuantile(noise.uniform(channel: RandomStream.channel("noise"), index: UInt32(t * 100 + k)))
                observations.append(
                    .init(
                        year: truth.startYear + t, yearIndex: t, metric: metric, value: work.total[metric, t] + sd * e,
                        sd: sd, line: observations.count + 2))
            }
        }
        return (OutturnFile(fileName: "o.csv", observations: observations, sdColumn: 4), work.inputs)
    }

    static let kpis: [(Metric, Double)] = [
        (.productivityIndex, 0.3), (.adoptionCustomerFocus, 0.01), (.adoptionDataAsProduct, 0.01), (.spending, 5),
    ]

    static func scenario(runs: Int, horizon: Int, seed: UInt64 = 11) -> Scenario {
        var s = TestSupport.reference
        s.runs = runs
        s.horizon = horizon
        s.seed = seed
        // Independent inputs, so that the prior is exactly the moves' invariant law (with the
        // reference's default programme-risk correlation of issue 14 the moves target its
        // Gaussian-copula version: docs/monitoring.md, "Limits").
        s.correlation = nil
        // The prior these validations were built for: the effect always present and fully causal.
        // With issue 14's discrete effect switch and uncertain causal share the uplift is not
        // identified apart from the causal share, and the posterior under-covers (0.75 for a
        // nominal 0.9 at CI size, measured): docs/monitoring.md, "Limits".
        s.parameters["effects.no_effect_probability"] = .fixed(0)
        s.parameters["effects.causal_share"] = .fixed(1)
        return s
    }

    func testEffectiveSampleSizeAndSystematicResampling() {
        XCTAssertEqual(ImportanceResampler.effectiveSampleSize([0, 0, 0, 0]), 4, accuracy: 1e-12)
        XCTAssertEqual(ImportanceResampler.effectiveSampleSize([0, -.infinity, -.infinity]), 1, accuracy: 1e-12)
        // Weights 1/2, 1/4, 1/4 (log 2 apart): ESS = 1 / (1/4 + 1/16 + 1/16) = 8/3.
        XCTAssertEqual(ImportanceResampler.effectiveSampleSize([log(2.0), 0, 0]), 8.0 / 3, accuracy: 1e-12)
        // Systematic resampling keeps each index ⌊n·w⌋ or ⌈n·w⌉ times.
        let picks = ImportanceResampler.systematicResample(logWeights: [log(5.0), log(3.0), log(2.0), -.infinity], uniform: 0.37)
        XCTAssertEqual(picks.count, 4)
        let counts = (0..<4).map { i in picks.filter { $0 == i }.count }
        XCTAssertEqual(counts[3], 0)
        for (i, w) in [0.5, 0.3, 0.2].enumerated() { XCTAssertTrue(abs(Double(counts[i]) - 4 * w) < 1, "\(counts)") }
        XCTAssertEqual(picks, picks.sorted())
    }

    func testFarTailOutturnIsMovedWithOrWithoutCorrelationsAndRefusedWithoutMoves() throws {
        // Productivity 3 points above the 95th percentile in year 2, measured to 0.1 point.
        let far = OutturnFile(
            fileName: "o.csv",
            observations: [
                .init(
                    year: 2027, yearIndex: 2, metric: .productivityIndex, value: 106,
                    sd: 0.1, line: 2)
            ], sdColumn: 4)
        let independent = PlanSimulator(scenario: Self.scenario(runs: 300, horizon: 2))
        var correlated = try TestSupport.load(
            TestSupport.header
                + "runs: 300\nhorizon: 2\ncorrelations:\n  pairs:\n    - [spending.cost_overrun, programme_risk.delay, 0.6]\n")
        correlated.seed = 11
        // The reference scenario keeps its default programme-risk correlation (issue 14).
        var reference = TestSupport.reference
        reference.runs = 300
        reference.horizon = 2
        for (label, plan) in [
            ("independent", independent), ("correlations block", PlanSimulator(scenario: correlated)),
            ("reference", PlanSimulator(scenario: reference)),
        ] {
            if label != "independent" { XCTAssertFalse(plan.correlatedGroups.isEmpty, label) }
            let outcome = try ImportanceResampler(plan: plan, outturn: far, threads: 2).run()
            XCTAssertLessThan(outcome.stages[0].ess, 0.05 * 300, label)
            XCTAssertGreaterThan(try XCTUnwrap(outcome.stages[0].acceptance, "\(label): rejuvenated by moves"), 0, label)
            XCTAssertGreaterThan(outcome.distinct, 30, label)
        }
        var still = ImportanceResampler.Settings()
        still.moves = 0
        XCTAssertThrowsError(try ImportanceResampler(plan: independent, outturn: far, settings: still, threads: 2).run()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("conditioning on 2027: the effective sample size fell to"), message)
            XCTAssertTrue(message.contains("(no rejuvenation moves)"), message)
            XCTAssertTrue(message.contains("raise --runs (e.g. --runs 3000)"), message)
        }
    }

    /// With a flat likelihood (sd 10⁹) every move is accepted, so after 10 moves of ρ = 0.8 the
    /// particles are nearly fresh draws of the move's invariant law: the correlated programme-risk
    /// inputs must keep the normal-score correlation C that Iman–Conover gives the prior (a move
    /// that ignored C would leave c·ρ²⁰ ≈ 0.01·c), and the shocks' latent normals stay N(0, 1).
    func testMovesKeepTheCorrelationOfCorrelatedInputsUnderAFlatLikelihood() throws {
        var s = TestSupport.reference
        s.runs = 1000
        s.horizon = 1
        let plan = PlanSimulator(scenario: s)
        let group = try XCTUnwrap(plan.correlatedGroups.first)
        let vague = OutturnFile(
            fileName: "o.csv",
            observations: [
                .init(
                    year: s.startYear + 1, yearIndex: 1, metric: .spending, value: 1000,
                    sd: 1e9, line: 2)
            ], sdColumn: 4)
        var always = ImportanceResampler.Settings()
        always.resampleBelow = 2  // the ESS (= runs) is always below 2 × runs: resample and move
        let outcome = try ImportanceResampler(plan: plan, outturn: vague, settings: always, threads: 2).run()
        XCTAssertGreaterThan(try XCTUnwrap(outcome.stages[0].acceptance), 0.99)
        let n = Double(s.runs)
        let prior = plan.blockUniforms(runs: 0..<s.runs)
        let d = group.columns.count
        let c = try XCTUnwrap(plan.samplers.first?.imanConover?.scoreCorrelation)
        for a in 0..<d {
            let ka = group.columns[a]
            let changed = zip(outcome.particles, prior).filter { $0.uniforms[ka] != $1[ka] }.count
            XCTAssertGreaterThan(changed, s.runs - 5, "input \(ka) moved")
            for b in (a + 1)..<d {
                let kb = group.columns[b]
                let za = outcome.particles.map { SpecialFunctions.normalQuantile($0.uniforms[ka]) }
                let zb = outcome.particles.map { SpecialFunctions.normalQuantile($0.uniforms[kb]) }
                let r = Self.pearson(za, zb), target = c[a + b * d]
                // The particles are independent (one stream each, from distinct prior runs), so the
                // sample correlation's s.e. is (1 − c²)/√n (Fisher); 4 s.e. is far below c·(1 − ρ²⁰).
                XCTAssertEqual(r, target, accuracy: 4 * (1 - target * target) / n.squareRoot(), "inputs \(ka), \(kb)")
                XCTAssertGreaterThan(abs(target), 8 * (1 - target * target) / n.squareRoot(), "a correlation the test can tell from 0")
            }
        }
        let normals = outcome.particles.map { $0.shocks[0] }
        let mean = normals.reduce(0, +) / n, variance = normals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        XCTAssertEqual(mean, 0, accuracy: 4 / n.squareRoot())
        XCTAssertEqual(variance, 1, accuracy: 4 * (2 / n).squareRoot())  // s.e. of a normal sample variance √(2/n)
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    func testConditioningNarrowsDeliveryAndEffectSizeAroundTheTruth() throws {
        let s = Self.scenario(runs: 600, horizon: 6)
        let truth = Self.scenario(runs: 1, horizon: 6, seed: 777)
        let (outturn, trueInputs) = Self.outturn(truth: truth, run: 0, years: 6, sds: Self.kpis, noiseSeed: 3)
        let plan = PlanSimulator(scenario: s)
        let outcome = try ImportanceResampler(plan: plan, outturn: outturn, threads: 2).run()
        // The posterior sample's effective size: each tempering step keeps the ESS at
        // resampleBelow × runs before resampling, and the moves only add diversity to it.
        let effective = ImportanceResampler.Settings().resampleBelow * Double(s.runs)
        for name in ["programme_risk.delivery", "effects.full_adoption_uplift"] {
            let k = try XCTUnwrap(plan.inputNames.firstIndex(of: name))
            let priorSample = outcome.priorInputs.map { $0[k] }, posteriorSample = outcome.posteriorInputs.map { $0[k] }
            let prior = QuantileSummary(priorSample), posterior = QuantileSummary(posteriorSample)
            let ratio = posterior.standardDeviation / prior.standardDeviation
            // Monte Carlo s.e. of the sd ratio (delta method): a sample sd's relative variance is
            // (κ − 1)/(4m), κ the kurtosis, m the sample size (the prior's runs; the posterior's
            // effective size above), and the two samples' errors add.
            let se =
                ratio
                * ((Self.kurtosis(priorSample) - 1) / (4 * Double(s.runs)) + (Self.kurtosis(posteriorSample) - 1) / (4 * effective))
                .squareRoot()
            print(
                "\(name): true \(trueInputs[k]); prior \(prior.p50) sd \(prior.standardDeviation); posterior \(posterior.p5)…\(posterior.p50)…\(posterior.p95) sd \(posterior.standardDeviation); ratio \(ratio) ± \(se)"
            )
            XCTAssertLessThan(ratio, 1 - 3 * se, name)
            // A calibrated posterior's 90% interval misses the truth one time in ten (that rate is
            // SimulationBasedCalibrationTests' job); one fixed case asserts the 98% interval
            // (p1…p99), which a calibrated posterior misses one time in fifty.
            let sorted = posteriorSample.sorted()
            let p1 = Self.quantile(sorted, 0.01), p99 = Self.quantile(sorted, 0.99)
            XCTAssertTrue(p1 <= trueInputs[k] && trueInputs[k] <= p99, "\(name): true \(trueInputs[k]) outside \(p1)…\(p99)")
        }
        print(outcome.stages)
    }

    /// Type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = p * Double(sorted.count - 1), i = Int(h)
        return i + 1 < sorted.count ? sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i]) : sorted[i]
    }

    static func kurtosis(_ x: [Double]) -> Double {
        let n = Double(x.count), mean = x.reduce(0, +) / n
        let m2 = x.reduce(0) { $0 + pow($1 - mean, 2) } / n, m4 = x.reduce(0) { $0 + pow($1 - mean, 4) } / n
        return m2 > 0 ? m4 / (m2 * m2) : 3
    }
}

extension ImportanceResamplerTests {
    /// An uninformative outturn (sd 10⁹) leaves every weight equal: the conditioned runs are the
    /// prior runs themselves, so their summary is the unconditioned run's — for every sampling
    /// design and a portfolio (the particles' uniforms and shock runs reproduce each prior run).
    func testUninformativeOutturnGivesBackThePriorRuns() throws {
        var cases: [Scenario] = []
        for sampling in ["random", "lhs", "sobol"] {
            cases.append(
                try TestSupport.load(
                    TestSupport.header + "sampling: \(sampling)\nruns: 1100\nhorizon: 2\nprogramme_risk:\n  correlation: 0\n"))
        }
        var portfolio = try ScenarioLoader.load(text: try TestSupport.scenarioText("ministry-portfolio.yaml"), fileName: "m.yaml")
        portfolio.runs = 300
        portfolio.horizon = 2
        cases.append(portfolio)
        for s in cases {
            let vague = OutturnFile(
                fileName: "o.csv",
                observations: [
                    .init(
                        year: s.startYear + 1, yearIndex: 1, metric: .spending, value: 1000,
                        sd: 1e9, line: 2)
                ], sdColumn: 4)
            let plan = PlanSimulator(scenario: s)
            let outcome = try ImportanceResampler(plan: plan, outturn: vague, threads: 2).run()
            XCTAssertEqual(outcome.particles.map(\.shockRun), Array(0..<s.runs), "\(s.sampling)")
            let conditioned = ConditionedSimulation(plan: plan, particles: outcome.particles, threads: 2).run()
            let plain = SimulationEngine(scenario: s, threads: 2).run()
            XCTAssertEqual(
                SummaryTable.make(conditioned).render(), SummaryTable.make(plain).render(), "\(s.sampling), portfolio \(s.portfolio != nil)"
            )
            XCTAssertEqual(RunsTable.make(conditioned).render(), RunsTable.make(plain).render())
        }
    }
}
