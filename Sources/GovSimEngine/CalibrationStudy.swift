import Foundation

/// Checks that a scenario's effect prior maps onto its calibration target (by default the OECD
/// finding that the most digitally advanced organisations are 7–15% more productive than their
/// sector peers). This verifies the mapping of the prior, not the effect: the finding is an
/// observed association between leaders and peers, and the study reproduces that association,
/// so it says nothing about the causal share or the chance of no effect, which it switches off.
///
/// The study simulates the contrast the finding describes, through the same model as `run`:
/// a leader, every practice at `effects.leader_adoption` (matured), against a peer, every practice
/// at `effects.peer_adoption`, with every other input drawn from the scenario's priors. Adoption
/// starts at the peer's level and reaches the leader's in year 1 (step curve), delivery risk and
/// delay are switched off, the causal share is 1 and the effect switch always on (the observed
/// gap includes reverse causation and selection), and the horizon is extended past the longest
/// realisation lag, so the final-year productivity gain is the leader-versus-peer gap the prior
/// implies.
package enum CalibrationStudy {
    /// Largest distance (percentage points) allowed between the simulated interval ends and the target.
    package static let tolerancePct = 0.5

    /// The contrast scenario derived from `scenario`.
    package static func contrastScenario(_ scenario: Scenario, runs: Int, seed: UInt64) -> Scenario {
        var s = scenario
        s.runs = runs
        s.seed = seed
        for kind in PracticeKind.allCases { s.curves[kind] = .step }
        s.fillDefaults()
        let leader = s["effects.leader_adoption"].mean, peer = s["effects.peer_adoption"].mean
        for kind in PracticeKind.allCases {
            s["practices.\(kind.rawValue).start_adoption"] = .fixed(peer)
            s["practices.\(kind.rawValue).target_adoption"] = .fixed(leader)
        }
        s["effects.causal_share"] = .fixed(1)
        s["effects.no_effect_probability"] = .fixed(0)
        s["programme_risk.full_delivery_probability"] = .fixed(1)
        s["programme_risk.delay"] = .fixed(0)
        let lag = s["effects.realisation_lag"]
        let longest = lag.support.upperBound.isFinite ? lag.support.upperBound : lag.quantile(1 - 1e-12)
        s.horizon = max(2, Int(longest.rounded(.up)) + 1)
        return s
    }

    /// Runs the study. `progress` receives the number of runs finished so far.
    package static func run(
        _ scenario: Scenario, runs: Int, seed: UInt64, threads: Int,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> CalibrationResult {
        let contrast = contrastScenario(scenario, runs: runs, seed: seed)
        let result = SimulationEngine(scenario: contrast, threads: threads).run(progress: progress)
        var gains = result.records.map(\.finalProductivityGainPct)
        gains.sort()
        let coverage = scenario["calibration.coverage"].mean
        // Percent, rounded to 1e-9 points so that 0.07 is written as 7, not 7.000000000000001.
        let low = (scenario["calibration.target_low"].mean * 1e11).rounded() / 1e9
        let high = (scenario["calibration.target_high"].mean * 1e11).rounded() / 1e9
        return CalibrationResult(
            sortedUpliftPct: gains, targetLowPct: low, targetHighPct: high, coverage: coverage, seed: seed,
            leaderAdoption: scenario["effects.leader_adoption"].mean, peerAdoption: scenario["effects.peer_adoption"].mean)
    }
}

/// The outcome of a ``CalibrationStudy``: the simulated leader-versus-peer productivity gap.
/// Percentages are percent (7 = 7%).
package struct CalibrationResult: Sendable {
    /// Adoption of every practice by the leader and by the peer of the contrast (shares 0–1).
    package let leaderAdoption: Double, peerAdoption: Double
    package let runs: Int
    package let seed: UInt64
    package let coverage: Double
    package let targetLowPct: Double
    package let targetHighPct: Double
    package let p5: Double, p50: Double, p95: Double, mean: Double
    /// Simulated quantiles at (1 − coverage)/2 and (1 + coverage)/2.
    package let lower: Double, upper: Double
    /// Monte Carlo standard errors of `lower` and `upper`, from the distribution-free 95%
    /// order-statistic interval (ranks n·p ± 1.96·√(n·p·(1 − p))) divided by 2 × 1.96.
    package let lowerSE: Double, upperSE: Double

    init(
        sortedUpliftPct x: [Double], targetLowPct: Double, targetHighPct: Double, coverage: Double, seed: UInt64,
        leaderAdoption: Double = 1, peerAdoption: Double = 0
    ) {
        self.leaderAdoption = leaderAdoption
        self.peerAdoption = peerAdoption
        runs = x.count
        self.seed = seed
        self.coverage = coverage
        self.targetLowPct = targetLowPct
        self.targetHighPct = targetHighPct
        p5 = QuantileSummary.quantile(sorted: x, p: 0.05)
        p50 = QuantileSummary.quantile(sorted: x, p: 0.5)
        p95 = QuantileSummary.quantile(sorted: x, p: 0.95)
        mean = x.reduce(0, +) / Double(max(1, x.count))
        let pl = ((1 - coverage) / 2 * 1e12).rounded() / 1e12, pu = ((1 + coverage) / 2 * 1e12).rounded() / 1e12
        lower = QuantileSummary.quantile(sorted: x, p: pl)
        upper = QuantileSummary.quantile(sorted: x, p: pu)
        func se(_ p: Double) -> Double {
            let n = Double(x.count)
            let half = 1.96 * (n * p * (1 - p)).squareRoot()
            let lo = max(0, Int((n * p - half).rounded(.down)) - 1), hi = min(x.count - 1, Int((n * p + half).rounded(.up)) - 1)
            return x.isEmpty ? .nan : (x[hi] - x[max(0, lo)]) / (2 * 1.96)
        }
        lowerSE = se(pl)
        upperSE = se(pu)
    }

    /// Whether both interval ends are within ``CalibrationStudy/tolerancePct`` of the target.
    package var passed: Bool {
        abs(lower - targetLowPct) <= CalibrationStudy.tolerancePct && abs(upper - targetHighPct) <= CalibrationStudy.tolerancePct
    }
}
