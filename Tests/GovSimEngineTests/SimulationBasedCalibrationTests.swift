import Foundation
import GovSimEngineTestSupport
import XCTest

@testable import GovSimEngine

/// Simulation-based calibration of ``ImportanceResampler`` (Talts et al. 2018): draw a "true"
/// run from the prior, generate outturn from it with noise for the first years, condition on it,
/// and count how often the true delivered share and effect size fall inside the posterior's 90%
/// intervals. A calibrated posterior covers them 90% of the time.
///
/// CI size: `defaultReplications` replications of `defaultRuns` runs, 3 observed years, the
/// KPIs' own sds (about 25 s with the optimised library on a loaded 2-core machine): the size at
/// which the sampler of before issue 16 fails (GOVSIM_SBC_FROZEN_SHOCKS=1: the effect size's
/// coverage 0.78, 4 s.e. short). Other sizes (docs/monitoring.md): GOVSIM_SBC_REPLICATIONS,
/// GOVSIM_SBC_RUNS, GOVSIM_SBC_YEARS, GOVSIM_SBC_SD_SCALE (1: the KPIs' own sds),
/// GOVSIM_SBC_VERBOSE=1 (a line per replication).
final class SimulationBasedCalibrationTests: XCTestCase {
    static let defaultReplications = 100
    static let defaultRuns = 200
    /// Observed years and the outturn's measurement sds (the KPIs of ImportanceResamplerTests,
    /// their own sds): informative enough that the ESS falls and the particles are moved every
    /// year, and that three years identify the effect size well enough to tell a posterior that
    /// is too narrow.
    static let years = 3
    static let sdScale = 1.0

    func testPosteriorNinetyPercentIntervalsCoverTheTruth() throws {
        let environment = ProcessInfo.processInfo.environment
        let replications = environment["GOVSIM_SBC_REPLICATIONS"].flatMap(Int.init) ?? Self.defaultReplications
        let runs = environment["GOVSIM_SBC_RUNS"].flatMap(Int.init) ?? Self.defaultRuns
        var settings = ImportanceResampler.Settings()
        settings.movesShocks = environment["GOVSIM_SBC_FROZEN_SHOCKS"] != "1"
        let names = ["programme_risk.delivery", "effects.full_adoption_uplift"]
        // Each replication's truth is run r of a scenario with another seed (an independent prior draw).
        let years = environment["GOVSIM_SBC_YEARS"].flatMap(Int.init) ?? Self.years
        let sdScale = environment["GOVSIM_SBC_SD_SCALE"].flatMap(Double.init) ?? Self.sdScale
        let kpis = ConditioningFixtures.kpis.map { ($0.0, sdScale * $0.1) }
        let truth = ConditioningFixtures.scenario(runs: replications, horizon: years, seed: 8_675_309)
        var inside: [[Double]] = []  // per replication, 1 if input i's truth is inside its 90% interval
        for r in 0..<replications {
            // Every replication conditions its own prior runs (seed hashed from r, never seed + r),
            // so the replications are independent of each other.
            let s = ConditioningFixtures.scenario(runs: runs, horizon: years, seed: SplitMix64.mix(0x5BC_2024 ^ UInt64(r)))
            let plan = PlanSimulator(scenario: s)
            let columns = try names.map { try XCTUnwrap(plan.inputNames.firstIndex(of: $0)) }
            let (outturn, trueInputs) = ConditioningFixtures.outturn(
                truth: truth, run: r, years: years, sds: kpis,
                noiseSeed: 42)
            let outcome = try ImportanceResampler(plan: plan, outturn: outturn, settings: settings, threads: 2).run()
            if environment["GOVSIM_SBC_VERBOSE"] == "1" {
                print(
                    "replication \(r): distinct \(outcome.distinct); "
                        + outcome.stages.map { "ess \(Int($0.ess)) steps \($0.steps) acc \($0.acceptance ?? -1)" }.joined(separator: ", ")
                        + "; truth " + columns.map { "\(trueInputs[$0])" }.joined(separator: " ") + "; p5…p95 "
                        + columns.map { k in
                            let q = QuantileSummary(outcome.posteriorInputs.map { $0[k] }); return "\(q.p5)…\(q.p95)"
                        }.joined(separator: " "))
            }
            inside.append(
                columns.map { k in
                    let q = QuantileSummary(outcome.posteriorInputs.map { $0[k] })
                    return q.p5 <= trueInputs[k] && trueInputs[k] <= q.p95 ? 1 : 0
                })
        }
        let n = Double(replications)
        let share = names.indices.map { i in inside.reduce(0) { $0 + $1[i] } / n }
        let pooled = share.reduce(0, +) / Double(names.count)
        // Monte Carlo error of the coverage under the null (calibrated: each indicator is
        // Bernoulli(0.9)). Replications are independent (own truth, noise and prior runs), so one
        // input's coverage has the binomial s.e. √(0.9·0.1/R). The two inputs of one replication
        // share its truth and particles, so their indicators may be correlated (ρ̂, their sample
        // correlation over the replications, floored at 0): the pooled mean of the two has
        // variance 0.09·(1 + ρ̂)/(2R).
        let rho = max(0, Self.correlation(inside.map { $0[0] }, inside.map { $0[1] }))
        let pooledSE = (0.09 * (1 + rho) / (2 * n)).squareRoot(), inputSE = (0.09 / n).squareRoot()
        print(
            "SBC: \(replications) replications of \(runs) runs, \(years) years, sds × \(sdScale) (shocks moved: \(settings.movesShocks)); coverage of the 90% intervals: delivery \(share[0]), effect size \(share[1]); pooled \(pooled) ± \(pooledSE) (indicator correlation \(rho))"
        )
        XCTAssertEqual(pooled, 0.9, accuracy: 3 * pooledSE, "pooled coverage \(pooled), s.e. \(pooledSE); by input \(share)")
        for (i, name) in names.enumerated() {
            XCTAssertEqual(share[i], 0.9, accuracy: 3 * inputSE, "\(name): coverage \(share[i]), s.e. \(inputSE)")
        }
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let r = ConditioningFixtures.pearson(x, y)
        return r.isFinite ? r : 0
    }
}
