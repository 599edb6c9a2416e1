/// The conditioned runs (``ImportanceResampler/Outcome/particles``) simulated and aggregated like
/// a scenario's runs: run j of the result is particle j (its inputs' uniforms, its observed
/// years' latent shocks and the run whose stream gives its later shocks),
/// so summary, budget, appraisal, report and runs.csv describe the forecast conditioned on the
/// outturn. Same block order and aggregation as ``SimulationEngine``, so the bytes do not depend
/// on the number of threads.
package struct ConditionedSimulation: Sendable {
    package let plan: PlanSimulator
    package let particles: [ImportanceResampler.Particle]
    package let threads: Int

    package init(plan: PlanSimulator, particles: [ImportanceResampler.Particle], threads: Int) {
        precondition(particles.count == plan.scenario.runs, "ConditionedSimulation: one particle per run")
        self.plan = plan
        self.particles = particles
        self.threads = max(1, threads)
    }

    /// Simulates every particle; as ``SimulationEngine/run(progress:formatRecords:recordSink:)``
    /// without shards.
    package func run(
        progress: (@Sendable (Int) -> Void)? = nil, formatRecords: (@Sendable ([RunRecord]) -> [UInt8])? = nil,
        recordSink: (([UInt8]) -> Void)? = nil
    ) -> SimulationResult {
        let scenario = plan.scenario
        let blocks = ParallelBlocks.blocks(runs: scenario.runs)
        let plan = self.plan, particles = self.particles
        var assembler = ResultAssembler(plan: plan, runs: scenario.runs, keepRecords: recordSink == nil, threads: threads)
        ParallelBlocks.forEachOrdered(
            blockCount: blocks.count, threads: threads,
            { b in
                var runs: [(Int, PlanRun)] = []
                var work = plan.makeRun()
                for j in blocks[b] {
                    plan.simulate(
                        uniforms: particles[j].uniforms, shockRun: particles[j].shockRun, shocks: particles[j].shocks, into: &work)
                    runs.append((j, work))
                }
                return BlockPart(plan: plan, block: b, runs: runs, formatRecords: formatRecords)
            },
            consume: { _, part in
                if let bytes = part.formatted { recordSink?(bytes) }
                assembler.consume(part)
                progress?(assembler.done)
            })
        return assembler.finish()
    }
}
