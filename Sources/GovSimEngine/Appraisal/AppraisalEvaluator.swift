import Foundation

/// The expected NPV of a scenario's runs in both cases, computed without the summaries of every
/// metric: for switching values and sweeps, which re-run a scenario many times. Runs are summed
/// in run order, so the result does not depend on the thread count.
package struct AppraisalEvaluator: Sendable {
    /// Mean and Monte Carlo standard error of the NPV of one case.
    package struct Estimate: Sendable, Equatable {
        package let mean: Double
        package let standardError: Double
    }

    package let threads: Int

    package init(threads: Int = ParallelBlocks.defaultThreads) {
        self.threads = threads
    }

    /// The per-run appraisals of `scenario`, in run order.
    package func appraisals(_ scenario: Scenario) -> [RunAppraisal] {
        let plan = PlanSimulator(scenario: scenario)
        let blocks = ParallelBlocks.blocks(runs: scenario.runs)
        let parts = ParallelBlocks.map(blockCount: blocks.count, threads: threads) { b -> [RunAppraisal] in
            var out: [RunAppraisal] = []
            out.reserveCapacity(blocks[b].count)
            plan.simulate(block: blocks[b]) { _, work in out.append(work.budget!.appraisal!) }
            return out
        }
        return parts.flatMap { $0 }
    }

    /// Mean NPV (financial) and mean NPSV (economic) of `scenario`, with their standard errors.
    /// Keeps only the two NPVs of each run (16 bytes a run), not its whole appraisal.
    package func evaluate(_ scenario: Scenario) -> (financial: Estimate, economic: Estimate) {
        let plan = PlanSimulator(scenario: scenario)
        let blocks = ParallelBlocks.blocks(runs: scenario.runs)
        let parts = ParallelBlocks.map(blockCount: blocks.count, threads: threads) { b -> (financial: [Double], economic: [Double]) in
            var financial: [Double] = [], economic: [Double] = []
            financial.reserveCapacity(blocks[b].count)
            economic.reserveCapacity(blocks[b].count)
            plan.simulate(block: blocks[b]) { _, work in
                financial.append(work.budget!.appraisal!.financial.npv)
                economic.append(work.budget!.appraisal!.economic.npv)
            }
            return (financial, economic)
        }
        func estimate(_ values: [Double]) -> Estimate {
            let n = Double(max(1, values.count))
            var sum = 0.0
            for v in values { sum += v }
            let mean = sum / n
            var ss = 0.0
            for v in values { ss += (v - mean) * (v - mean) }
            return Estimate(mean: mean, standardError: values.count > 1 ? (ss / (n - 1)).squareRoot() / n.squareRoot() : 0)
        }
        return (estimate(parts.flatMap(\.financial)), estimate(parts.flatMap(\.economic)))
    }
}
