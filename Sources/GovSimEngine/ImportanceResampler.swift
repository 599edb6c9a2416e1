import Foundation

/// The forecast conditioned on outturn, by sequential importance resampling of the runs.
///
/// Method (a sequential Monte Carlo sampler; Chopin 2002, Del Moral, Doucet & Jasra 2006):
/// the prior runs are the particles, each a point (u, r) — the uniforms behind its uncertain
/// inputs and the run r whose yearly shocks it uses. The observed years are taken in calendar
/// order; at each, every particle's weight is multiplied by the likelihood of that year's
/// observations, each with independent normal measurement error of the outturn's `sd`:
/// L = Π exp(−½((y − x)/sd)²), x the particle's value of the metric in the year. Then the
/// effective sample size ESS = (Σw)² / Σw² is computed; when it falls below
/// ``Settings/resampleBelow`` × runs (and always after the last year, so the output runs are
/// equally weighted) the particles are resampled (systematic resampling). After a resampling
/// caused by a low ESS, each particle is rejuvenated by ``Settings/moves`` Metropolis–Hastings
/// steps on its inputs: a preconditioned Crank–Nicolson proposal on the normal scores
/// z = Φ⁻¹(u), z′ = ρz + √(1−ρ²)ε (ρ = ``Settings/correlation``), which leaves the prior
/// invariant, accepted with probability min(1, L(z′)/L(z)) for the years seen so far. The
/// yearly shocks of a particle are not moved.
///
/// Limits: moves are made only when the prior draws each run's uniforms independently (no
/// `correlations:` block; any sampling design); otherwise, or if the ESS falls below
/// ``Settings/refuseBelow`` × runs before moves can help, ``run()`` throws
/// ``ConditioningError`` with a message to raise `--runs`.
///
/// Reproducibility: the random numbers of the resampling of year stage s and of particle j's
/// moves come from ``RandomStream``s keyed by a seed derived by hashing the scenario's seed with
/// the stage's name (never seed + i); blocks of particles are moved in parallel and collected in
/// order, so the result is the same for any number of threads.
public struct ImportanceResampler: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Resample (and move) when the ESS falls below this share of the runs. Assumption: 0.5,
        /// the usual choice (Doucet & Johansen 2009).
        public var resampleBelow = 0.5
        /// Refuse (suggesting more runs) when the ESS falls below this share of the runs and no
        /// move can rejuvenate the particles. Assumption: 0.01.
        public var refuseBelow = 0.01
        /// Metropolis–Hastings steps per particle after each resampling. Assumption: 10.
        public var moves = 10
        /// ρ of the Crank–Nicolson proposal (closer to 1: smaller steps). Assumption: 0.8.
        public var correlation = 0.8
        public init() {}
    }

    /// A particle: the uniforms of its inputs, the run of its shocks, and its log-likelihood
    /// for the years conditioned on so far.
    public struct Particle: Sendable, Equatable {
        public var uniforms: [Double]
        public var shockRun: Int
        public var logLikelihood: Double
    }

    /// What happened at one observed year.
    public struct Stage: Sendable, Equatable {
        public let year: Int
        public let observations: Int
        /// ESS after weighting by this year's observations (runs).
        public let ess: Double
        public let resampled: Bool
        /// Share of proposed moves accepted, when the particles were moved.
        public let acceptance: Double?
    }

    public struct Outcome: Sendable {
        /// The conditioned runs' particles (equally weighted), in run order.
        public let particles: [Particle]
        public let stages: [Stage]
        /// The prior runs' uncertain inputs and the conditioned runs' ones (``PlanSimulator/inputNames`` order), one row per run.
        public let priorInputs: [[Double]]
        public let posteriorInputs: [[Double]]
        /// Number of different prior runs among the conditioned runs when no move was made
        /// (a measure of degeneracy), or the number of distinct particles.
        public let distinct: Int
    }

    public let plan: PlanSimulator
    public let outturn: OutturnFile
    public let settings: Settings
    public let threads: Int

    public init(plan: PlanSimulator, outturn: OutturnFile, settings: Settings = Settings(), threads: Int) {
        self.plan = plan
        self.outturn = outturn
        self.settings = settings
        self.threads = max(1, threads)
    }

    /// The years conditioned on, in order, each with its observations.
    var stages: [(year: Int, observations: [OutturnFile.Observation])] {
        outturn.yearIndices.map { t in (plan.scenario.startYear + t, outturn.observations.filter { $0.yearIndex == t }) }
    }

    /// Log-likelihood of the observations in `stages[0...last]` for one particle.
    func logLikelihood(uniforms: [Double], shockRun: Int, upTo last: Int, work: inout PlanRun) -> Double {
        plan.simulate(uniforms: uniforms, shockRun: shockRun, into: &work)
        var sum = 0.0
        for stage in stages[0...last] {
            for o in stage.observations {
                let z = (o.value - work.total[o.metric, o.yearIndex]) / o.sd!
                sum += z.isFinite ? -0.5 * z * z : -.infinity
            }
        }
        return sum
    }

    /// A seed derived from the scenario's seed and a name (hashing, never seed + i).
    func derivedSeed(_ name: String) -> UInt64 {
        SplitMix64.mix(plan.scenario.seed ^ (UInt64(RandomStream.channel("condition:" + name)) << 32 | 0x9E37_79B9))
    }

    /// Conditions the prior runs on the outturn; `phases` follows the work (``PhaseProgress``;
    /// the phases and their sizes are known only as the ESS of each stage is seen): `prior`, its runs, then for each stage that moves its particles the n particles moved
    /// (each ``Settings/moves`` model runs) and re-weighted, `moving <year>`, 2 n.
    /// - Throws: ``ConditioningError`` when the ESS collapses and no move can help.
    public func run(phases: PhaseProgress? = nil) throws -> Outcome {
        precondition(outturn.observations.allSatisfy { $0.sd != nil }, "ImportanceResampler: every observation needs an sd")
        let n = plan.scenario.runs
        let blocks = ParallelBlocks.blocks(runs: n)
        let stages = self.stages
        let plan = self.plan
        let this = self
        // The prior particles and their log-likelihood by stage.
        // Blocks finished → runs finished (every block but the last holds blockSize runs).
        func runs(_ report: (@Sendable (Int) -> Void)?, after offset: Int = 0) -> (@Sendable (Int) -> Void)? {
            guard let report else { return nil }
            return { done in report(offset + min(n, done * ParallelBlocks.blockSize)) }
        }
        let prior = ParallelBlocks.map(blockCount: blocks.count, threads: threads, progress: runs(phases?("prior", n, "runs"))) { b -> [(Particle, [Double], [Double])] in
            var work = plan.makeRun()
            let uniforms = plan.blockUniforms(runs: blocks[b])
            return blocks[b].enumerated().map { i, run in
                plan.simulate(uniforms: uniforms[i], shockRun: run, into: &work)
                var byStage: [Double] = []
                for stage in stages {
                    var sum = 0.0
                    for o in stage.observations {
                        let z = (o.value - work.total[o.metric, o.yearIndex]) / o.sd!
                        sum += z.isFinite ? -0.5 * z * z : -.infinity
                    }
                    byStage.append(sum)
                }
                return (Particle(uniforms: uniforms[i], shockRun: run, logLikelihood: 0), byStage, work.inputs)
            }
        }.flatMap { $0 }
        var particles = prior.map(\.0)
        var stageLikelihood = prior.map(\.1)
        let priorInputs = prior.map(\.2)
        var logWeights = [Double](repeating: 0, count: n)
        var records: [Stage] = []
        var moved = false
        let canMove = plan.hasIndependentUniforms && settings.moves > 0
        for (s, stage) in stages.enumerated() {
            for i in 0..<n {
                logWeights[i] += stageLikelihood[i][s]
                particles[i].logLikelihood += stageLikelihood[i][s]
            }
            let ess = Self.effectiveSampleSize(logWeights)
            let low = ess < settings.resampleBelow * Double(n)
            let last = s == stages.count - 1
            if !ess.isFinite || ess < 1 || (!canMove && ess < settings.refuseBelow * Double(n)) {
                throw ConditioningError(year: stage.year, ess: ess.isFinite ? ess : 0, runs: n, canMove: canMove)
            }
            guard low || last else {
                records.append(Stage(year: stage.year, observations: stage.observations.count, ess: ess, resampled: false, acceptance: nil))
                continue
            }
            let picks = Self.systematicResample(logWeights: logWeights,
                                                uniform: RandomStream(seed: derivedSeed("resample:\(s)"), run: 0).uniform(channel: RandomStream.channel("resample"), index: 0))
            particles = picks.map { particles[$0] }
            stageLikelihood = picks.map { stageLikelihood[$0] }
            logWeights = [Double](repeating: 0, count: n)
            var acceptance: Double?
            if low && canMove {
                moved = true
                let current = particles
                let seed = derivedSeed("move:\(s)")
                let report = phases?("moving \(stage.year)", 2 * n, "runs")
                let results = ParallelBlocks.map(blockCount: blocks.count, threads: threads, progress: runs(report)) { b -> [(Particle, Int)] in
                    var work = plan.makeRun()
                    return blocks[b].map { j in this.move(current[j], particle: j, stage: s, seed: seed, work: &work) }
                }.flatMap { $0 }
                particles = results.map(\.0)
                let accepted = results.reduce(0) { $0 + $1.1 }
                acceptance = Double(accepted) / Double(n * settings.moves)
                // The later stages' likelihoods of the moved particles.
                let moving = particles
                let later = ParallelBlocks.map(blockCount: blocks.count, threads: threads, progress: runs(report, after: n)) { b -> [[Double]] in
                    var work = plan.makeRun()
                    return blocks[b].map { j in
                        plan.simulate(uniforms: moving[j].uniforms, shockRun: moving[j].shockRun, into: &work)
                        return stages.map { stage in
                            stage.observations.reduce(0.0) { sum, o in
                                let z = (o.value - work.total[o.metric, o.yearIndex]) / o.sd!
                                return sum + (z.isFinite ? -0.5 * z * z : -.infinity)
                            }
                        }
                    }
                }.flatMap { $0 }
                stageLikelihood = later
            }
            records.append(Stage(year: stage.year, observations: stage.observations.count, ess: ess, resampled: true, acceptance: acceptance))
        }
        let posteriorInputs = particles.map { plan.inputValues(uniforms: $0.uniforms) }
        let distinct = moved ? Set(particles.map { $0.uniforms + [Double($0.shockRun)] }).count : Set(particles.map(\.shockRun)).count
        return Outcome(particles: particles, stages: records, priorInputs: priorInputs, posteriorInputs: posteriorInputs, distinct: distinct)
    }

    /// `moves` Metropolis–Hastings steps of particle `j` at stage `s`; returns it and the number of accepted steps.
    func move(_ start: Particle, particle j: Int, stage s: Int, seed: UInt64, work: inout PlanRun) -> (Particle, Int) {
        let stream = RandomStream(seed: seed, run: UInt64(j))
        let normal = RandomStream.channel("move.normal"), accept = RandomStream.channel("move.accept")
        let rho = settings.correlation, spread = (1 - rho * rho).squareRoot()
        var p = start
        var accepted = 0
        let d = p.uniforms.count
        for m in 0..<settings.moves {
            var proposal = p.uniforms
            for k in 0..<d {
                let z = SpecialFunctions.normalQuantile(p.uniforms[k])
                let e = SpecialFunctions.normalQuantile(stream.uniform(channel: normal, index: UInt32(m * d + k)))
                let u = SpecialFunctions.normalCDF(rho * z + spread * e)
                proposal[k] = min(max(u, 0x1.0p-53), 1 - 0x1.0p-53)
            }
            let ll = logLikelihood(uniforms: proposal, shockRun: p.shockRun, upTo: s, work: &work)
            let a = stream.uniform(channel: accept, index: UInt32(m))
            if ll.isFinite, log(a) < ll - p.logLikelihood {
                p.uniforms = proposal
                p.logLikelihood = ll
                accepted += 1
            }
        }
        return (p, accepted)
    }

    /// (Σw)² / Σw² of weights exp(logWeights), computed in index order.
    public static func effectiveSampleSize(_ logWeights: [Double]) -> Double {
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
    public static func systematicResample(logWeights: [Double], uniform: Double) -> [Int] {
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
public struct ConditioningError: Error, CustomStringConvertible, Sendable {
    public let year: Int
    public let ess: Double
    public let runs: Int
    public let canMove: Bool

    public var description: String {
        let share = ChartNumberFormat.fixed(100 * ess / Double(runs), decimals: 2)
        let why = canMove ? "" : " (no rejuvenation moves: the scenario's correlations: block ties the inputs' draws)"
        return "conditioning on \(year): the effective sample size fell to \(ChartNumberFormat.fixed(ess, decimals: 1)) of \(runs) runs (\(share)%)\(why), so the outturn lies far in the forecast's tail; raise --runs (e.g. --runs \(runs * 10)), or check the outturn's values and sd"
    }
}
