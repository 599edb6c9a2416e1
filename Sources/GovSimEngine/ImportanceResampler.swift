import Foundation

/// The forecast conditioned on outturn, by sequential importance resampling of the runs.
///
/// Method (a sequential Monte Carlo sampler; Chopin 2002, Del Moral, Doucet & Jasra 2006):
/// the prior runs are the particles, each a point of the latent space — the uniforms behind its
/// uncertain inputs and the standard normals behind its yearly shocks in years 1 … the last
/// observed year (its shocks of later years come from the stream of the prior run r it descends
/// from: they are independent of the observations, so their posterior is their prior). The
/// observed years are taken in calendar order; at each, every particle's weight is multiplied by
/// the likelihood of that year's observations, each with independent normal measurement error of
/// the outturn's `sd`: L = Π exp(−½((y − x)/sd)²), x the particle's value of the metric in the
/// year. Then the effective sample size ESS = (Σw)² / Σw² is computed; when it falls below
/// ``Settings/resampleBelow`` × runs (and always after the last year, so the output runs are
/// equally weighted) the particles are resampled (systematic resampling). After a resampling
/// caused by a low ESS, each particle is rejuvenated by ``Settings/moves`` Metropolis–Hastings
/// steps on its whole latent vector: the preconditioned Crank–Nicolson proposal
/// ``CrankNicolsonProposal`` z′ = ρz + √(1−ρ²)·Pε on the normal scores of the inputs and the
/// shocks' normals (ρ = ``Settings/correlation``; P = I, or the square root of the normal-score
/// correlation of a `correlations:` block), which leaves the prior invariant (for correlated
/// inputs, their Gaussian-copula prior), accepted with probability min(1, L(z′)/L(z)) for the
/// years seen so far.
///
/// Limits: with ``Settings/moves`` 0, or if the ESS falls below 1 run, ``run()`` throws
/// ``ConditioningError`` with a message to raise `--runs`.
///
/// Reproducibility: the random numbers of the resampling of year stage s and of particle j's
/// moves come from ``RandomStream``s keyed by a seed derived by hashing the scenario's seed with
/// the stage's name (never seed + i); blocks of particles are moved in parallel and collected in
/// order, so the result is the same for any number of threads.
package struct ImportanceResampler: Sendable {
    package struct Settings: Sendable, Equatable {
        /// Resample (and move) when the ESS falls below this share of the runs; with moves, also
        /// the ESS each tempering step aims at. Assumption: 0.5, the usual choice (Doucet &
        /// Johansen 2009).
        package var resampleBelow = 0.5
        /// Refuse (suggesting more runs) when the ESS falls below this share of the runs and no
        /// move can rejuvenate the particles. Assumption: 0.01.
        package var refuseBelow = 0.01
        /// Metropolis–Hastings steps per particle after each resampling. Assumption: 10.
        package var moves = 10
        /// ρ of the first Crank–Nicolson proposal (closer to 1: smaller steps); later steps adapt
        /// it towards ``targetAcceptance``. Assumption: 0.8.
        package var correlation = 0.8
        /// The acceptance rate the proposal's step is adapted to. Assumption: 0.3, near the
        /// 0.234 optimal for random-walk Metropolis in many dimensions (Roberts, Gelman & Gilks
        /// 1997), a little higher for the small populations of a resampled particle system.
        package var targetAcceptance = 0.3
        /// Most tempering steps (resample and move) within one observed year before refusing.
        /// Assumption: 60 (each at least halves the ESS: enough for a likelihood of e⁶⁰ range).
        package var maxSteps = 60
        /// Whether the moves move the yearly shocks' latent normals too (true, the sampler of
        /// issue 16). False keeps each particle's shocks those of the prior run it descends from,
        /// the earlier sampler, whose posterior intervals under-cover: for validation only
        /// (`SimulationBasedCalibrationTests` with `GOVSIM_SBC_FROZEN_SHOCKS=1`).
        package var movesShocks = true
        package init() {}
    }

    /// A particle: the uniforms of its inputs, the latent standard normals of its yearly shocks
    /// in the observed years, the run whose stream gives its later years' shocks, and its
    /// log-likelihood for the years conditioned on so far.
    package struct Particle: Sendable, Equatable {
        package var uniforms: [Double]
        /// Rows of ``PlanSimulator/latentShockWidth`` normals for years 1 … the last observed
        /// year (``PlanSimulator/latentShocks(run:years:)``'s layout).
        package var shocks: [Double]
        package var shockRun: Int
        package var logLikelihood: Double
    }

    /// What happened at one observed year.
    package struct Stage: Sendable, Equatable {
        package let year: Int
        package let observations: Int
        /// ESS after weighting by this year's observations (runs).
        package let ess: Double
        package let resampled: Bool
        /// Share of proposed moves accepted, when the particles were moved.
        package let acceptance: Double?
        /// Resample-and-move steps made for this year (tempered: each step takes a power of the
        /// year's likelihood that keeps the ESS near ``Settings/resampleBelow`` × runs); 0 or 1
        /// without moves.
        package var steps = 0
        /// ρ of the Crank–Nicolson proposal after this year's adaptation, when moved.
        package var rho: Double?
    }

    package struct Outcome: Sendable {
        /// The conditioned runs' particles (equally weighted), in run order.
        package let particles: [Particle]
        package let stages: [Stage]
        /// The prior runs' uncertain inputs and the conditioned runs' ones (``PlanSimulator/inputNames`` order), one row per run.
        package let priorInputs: [[Double]]
        package let posteriorInputs: [[Double]]
        /// Number of different prior runs among the conditioned runs when no move was made
        /// (a measure of degeneracy), or the number of distinct particles.
        package let distinct: Int
    }

    package let plan: PlanSimulator
    package let outturn: OutturnFile
    package let settings: Settings
    package let threads: Int

    /// The years conditioned on, in order, each with its observations.
    let stages: [(year: Int, observations: [OutturnFile.Observation])]

    package init(plan: PlanSimulator, outturn: OutturnFile, settings: Settings = Settings(), threads: Int) {
        self.plan = plan
        self.outturn = outturn
        self.settings = settings
        self.threads = max(1, threads)
        stages = outturn.yearIndices.map { t in (plan.scenario.startYear + t, outturn.observations.filter { $0.yearIndex == t }) }
    }

    /// The last observed year index: the particles' latent shocks cover years 1 … this.
    var observedYears: Int { outturn.yearIndices.max() ?? 0 }

    /// Log-likelihood of each stage's observations for the trajectory in `work`.
    static func stageLogLikelihoods(_ stages: [(year: Int, observations: [OutturnFile.Observation])], _ work: PlanRun) -> [Double] {
        stages.map { stage in
            var sum = 0.0
            for o in stage.observations {
                let z = (o.value - work.total[o.metric, o.yearIndex]) / o.sd!
                sum += z.isFinite ? -0.5 * z * z : -.infinity
            }
            return sum
        }
    }

    /// A seed derived from the scenario's seed and a name (hashing, never seed + i).
    func derivedSeed(_ name: String) -> UInt64 {
        SplitMix64.mix(plan.scenario.seed ^ (UInt64(RandomStream.channel("condition:" + name)) << 32 | 0x9E37_79B9))
    }

    /// Conditions the prior runs on the outturn.
    ///
    /// Each observed year s is reached by tempering (Del Moral, Doucet & Jasra 2006; Jasra et al.
    /// 2011): from the posterior of the earlier years, the particles' weights are multiplied by
    /// L_s^δ with δ ≤ 1 − φ the largest power (found by bisection) that keeps the ESS at least
    /// ``Settings/resampleBelow`` × runs; if that is not the whole of L_s, they are resampled and
    /// moved by ``Settings/moves`` Metropolis steps targeting prior × L_<s × L_s^φ, and the next
    /// power is taken, until φ = 1. The proposal's spread √(1 − ρ²) adapts after every step to
    /// the population's acceptance (× exp(2(a − ``Settings/targetAcceptance``))), a kernel that
    /// depends only on the particles of earlier steps, so each step still leaves its target
    /// invariant.
    ///
    /// `phases` follows the work (``PhaseProgress``; the phases and their sizes are known only as
    /// the ESS of each stage is seen): `prior`, its runs, then for each tempering step that moves
    /// the particles, `moving <year>`, ``Settings/moves`` × runs particle moves.
    /// - Throws: ``ConditioningError`` when the ESS collapses and no move can help.
    package func run(phases: PhaseProgress? = nil) throws -> Outcome {
        precondition(outturn.observations.allSatisfy { $0.sd != nil }, "ImportanceResampler: every observation needs an sd")
        let n = plan.scenario.runs
        let blocks = ParallelBlocks.blocks(runs: n)
        // Moves are parallel over fixed blocks of particles (not the simulation's 1,024-run
        // blocks, so that a few hundred particles still use every thread), collected in order.
        let moveBlocks = ParallelBlocks.blocks(runs: n, blockSize: 64)
        let stages = self.stages
        let plan = self.plan
        let this = self
        let years = observedYears
        // The prior particles and their log-likelihood by stage.
        // Blocks finished → particles finished (every block but the last holds `size` of them).
        func counted(_ report: (@Sendable (Int) -> Void)?, size: Int, after offset: Int = 0) -> (@Sendable (Int) -> Void)? {
            guard let report else { return nil }
            return { done in report(offset + min(n, done * size)) }
        }
        let prior = ParallelBlocks.map(
            blockCount: blocks.count, threads: threads,
            progress: counted(phases?("prior", n, "runs"), size: ParallelBlocks.blockSize)
        ) { b -> [(Particle, [Double], [Double])] in
            var work = plan.makeRun()
            let uniforms = plan.blockUniforms(runs: blocks[b])
            return blocks[b].enumerated().map { i, run in
                let shocks = plan.latentShocks(run: run, years: years)
                plan.simulate(uniforms: uniforms[i], shockRun: run, shocks: shocks, into: &work)
                return (
                    Particle(uniforms: uniforms[i], shocks: shocks, shockRun: run, logLikelihood: 0),
                    Self.stageLogLikelihoods(stages, work), work.inputs
                )
            }
        }.flatMap { $0 }
        var particles = prior.map(\.0)
        var stageLikelihood = prior.map(\.1)
        let priorInputs = prior.map(\.2)
        var logWeights = [Double](repeating: 0, count: n)
        var records: [Stage] = []
        var moved = false
        let canMove = settings.moves > 0
        let proposal = CrankNicolsonProposal(plan: plan)
        var spread = (1 - settings.correlation * settings.correlation).squareRoot()
        let target = settings.resampleBelow * Double(n)
        for (s, stage) in stages.enumerated() {
            let last = s == stages.count - 1
            var phi = 0.0, steps = 0, proposed = 0, accepted = 0
            var firstESS: Double?
            var resampled = false
            while phi < 1 {
                let current = logWeights, likelihood = stageLikelihood.map { $0[s] }
                func weights(_ delta: Double) -> [Double] {
                    (0..<n).map { i in likelihood[i] == -.infinity ? -.infinity : current[i] + delta * likelihood[i] }
                }
                var delta = 1 - phi
                var ess = Self.effectiveSampleSize(weights(delta))
                // (If even the current weights are below the target, e.g. a target above the
                // runs, the whole remaining power is taken, then resampled and moved.)
                if canMove && ess < target && Self.effectiveSampleSize(current) >= target {
                    // The largest power that keeps the ESS at the target (ESS decreases with δ).
                    var low = 0.0, high = delta
                    for _ in 0..<60 {
                        let mid = 0.5 * (low + high)
                        if Self.effectiveSampleSize(weights(mid)) >= target { low = mid } else { high = mid }
                    }
                    delta = low > 0 ? low : high
                    ess = Self.effectiveSampleSize(weights(delta))
                }
                if firstESS == nil { firstESS = Self.effectiveSampleSize(weights(1 - phi)) }
                if !ess.isFinite || ess < 1 || (!canMove && ess < settings.refuseBelow * Double(n)) || steps >= settings.maxSteps {
                    throw ConditioningError(year: stage.year, ess: firstESS ?? 0, runs: n, canMove: canMove)
                }
                logWeights = weights(delta)
                // A partial power of the year's likelihood always ends with a resampling and moves.
                let low = ess < target || delta < 1 - phi
                phi = delta == 1 - phi ? 1 : phi + delta
                guard low || (last && phi == 1) else { continue }
                let picks = Self.systematicResample(
                    logWeights: logWeights,
                    uniform: RandomStream(seed: derivedSeed(steps == 0 ? "resample:\(s)" : "resample:\(s):\(steps)"), run: 0)
                        .uniform(channel: RandomStream.channel("resample"), index: 0))
                particles = picks.map { particles[$0] }
                stageLikelihood = picks.map { stageLikelihood[$0] }
                logWeights = [Double](repeating: 0, count: n)
                resampled = true
                steps += 1
                guard low && canMove else { continue }
                moved = true
                let report = phases?("moving \(stage.year)", settings.moves * n, "moves")
                for m in 0..<settings.moves {
                    let start = particles, startLikelihood = stageLikelihood
                    let seed = derivedSeed("move:\(s):\(steps):\(m)")
                    let rho = (1 - spread * spread).squareRoot(), temperature = phi
                    let results = ParallelBlocks.map(
                        blockCount: moveBlocks.count, threads: threads,
                        progress: counted(report, size: 64, after: m * n)
                    ) { b -> [(Particle, [Double], Bool)] in
                        var work = plan.makeRun()
                        return moveBlocks[b].map { j in
                            this.move(
                                start[j], likelihood: startLikelihood[j], particle: j, stage: s, temperature: temperature,
                                rho: rho, seed: seed, proposal: proposal, work: &work)
                        }
                    }.flatMap { $0 }
                    particles = results.map(\.0)
                    stageLikelihood = results.map(\.1)
                    let a = results.reduce(0) { $0 + ($1.2 ? 1 : 0) }
                    accepted += a
                    proposed += n
                    spread = min(1, max(1e-3, spread * exp(2 * (Double(a) / Double(n) - settings.targetAcceptance))))
                }
            }
            for i in 0..<n { particles[i].logLikelihood = stageLikelihood[i][0...s].reduce(0, +) }
            var record = Stage(
                year: stage.year, observations: stage.observations.count, ess: firstESS ?? Double(n), resampled: resampled,
                acceptance: proposed > 0 ? Double(accepted) / Double(proposed) : nil)
            record.steps = steps
            if proposed > 0 { record.rho = (1 - spread * spread).squareRoot() }
            records.append(record)
        }
        let posteriorInputs = particles.map { plan.inputValues(uniforms: $0.uniforms) }
        let distinct =
            moved ? Set(particles.map { $0.uniforms + $0.shocks + [Double($0.shockRun)] }).count : Set(particles.map(\.shockRun)).count
        return Outcome(
            particles: particles, stages: records, priorInputs: priorInputs, posteriorInputs: posteriorInputs, distinct: distinct)
    }

    /// One Metropolis–Hastings step of particle `j` on its whole latent vector
    /// (``CrankNicolsonProposal`` with `rho`), targeting prior × L(stages 0 ..< s) × L(stage s)^`temperature`;
    /// `likelihood` is the particle's log-likelihood of every stage. Returns the particle, its
    /// stages' log-likelihoods and whether the proposal was accepted. The k-th normal is draw k
    /// of channel `move.normal`, the acceptance uniform draw 0 of `move.accept`, of the stream
    /// (`seed`, j).
    func move(
        _ start: Particle, likelihood: [Double], particle j: Int, stage s: Int, temperature: Double, rho: Double, seed: UInt64,
        proposal: CrankNicolsonProposal, work: inout PlanRun
    ) -> (Particle, [Double], Bool) {
        let stream = RandomStream(seed: seed, run: UInt64(j))
        let normal = RandomStream.channel("move.normal"), accept = RandomStream.channel("move.accept")
        func logTarget(_ l: [Double]) -> Double {
            var sum = temperature * l[s]
            for k in 0..<s { sum += l[k] }
            return sum
        }
        var (u, z) = proposal.propose(uniforms: start.uniforms, shocks: start.shocks, rho: rho) { k in
            SpecialFunctions.normalQuantile(stream.uniform(channel: normal, index: UInt32(truncatingIfNeeded: k)))
        }
        if !settings.movesShocks { z = start.shocks }
        plan.simulate(uniforms: u, shockRun: start.shockRun, shocks: z, into: &work)
        let proposed = Self.stageLogLikelihoods(stages, work)
        let ll = logTarget(proposed)
        let a = stream.uniform(channel: accept, index: 0)
        guard ll.isFinite, log(a) < ll - logTarget(likelihood) else { return (start, likelihood, false) }
        var p = start
        p.uniforms = u
        p.shocks = z
        return (p, proposed, true)
    }

    /// (Σw)² / Σw² of weights exp(logWeights), computed in index order.
    package static func effectiveSampleSize(_ logWeights: [Double]) -> Double {
        let top = logWeights.max() ?? 0
        guard top.isFinite else { return 0 }
        var sum = 0.0, squares = 0.0
        for lw in logWeights {
            let w = exp(lw - top)
            sum += w
            squares += w * w
        }
        return sum * sum / squares
    }

    /// Systematic resampling: indices of `logWeights.count` draws, the k-th at cumulative weight
    /// (uniform + k) / n, in index order.
    package static func systematicResample(logWeights: [Double], uniform: Double) -> [Int] {
        let n = logWeights.count
        let top = logWeights.max() ?? 0
        var weights = logWeights.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        for i in 0..<n { weights[i] /= total }
        var picks: [Int] = []
        picks.reserveCapacity(n)
        var cumulative = weights[0], i = 0
        for k in 0..<n {
            let position = (uniform + Double(k)) / Double(n)
            while position > cumulative && i < n - 1 {
                i += 1
                cumulative += weights[i]
            }
            picks.append(i)
        }
        return picks
    }
}

/// Conditioning refused: the outturn is so far in the forecast's tail that too few runs carry
/// the weight.
package struct ConditioningError: Error, CustomStringConvertible, Sendable {
    package let year: Int
    package let ess: Double
    package let runs: Int
    package let canMove: Bool

    package var description: String {
        let share = ChartNumberFormat.fixed(100 * ess / Double(runs), decimals: 2)
        let why = canMove ? "" : " (no rejuvenation moves)"
        return
            "conditioning on \(year): the effective sample size fell to \(ChartNumberFormat.fixed(ess, decimals: 1)) of \(runs) runs (\(share)%)\(why), so the outturn lies far in the forecast's tail; raise --runs (e.g. --runs \(runs * 10)), or check the outturn's values and sd"
    }
}
