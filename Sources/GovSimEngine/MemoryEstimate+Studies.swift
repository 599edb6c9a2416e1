import Foundation

/// Memory estimates of `compare` and `sensitivity`, which stream through the same ordered block
/// pipeline as `run` (``ParallelBlocks/forEachOrdered(blockCount:threads:_:maxAhead:consume:)``, at most
/// 2 × threads + 2 blocks in flight; threads + 1 for `compare`): a comparison keeps, like `run`, mergeable aggregates
/// (``aggregateBytes(runs:cells:)``, growing with √runs) of each
/// variant and each paired difference, and every run's budget measures; a sensitivity study keeps
/// once (``RunValueTable``) every run's inputs and outputs that its regressions or Sobol'
/// estimators need.
extension MemoryEstimate {
    /// What a study would need and how to make it smaller: the numbers of a refusal.
    package struct Study: Sendable, Equatable {
        /// What is estimated, e.g. "comparing 4 variants × 1000000 runs × 31 years".
        package let what: String
        /// Estimated peak, in bytes.
        package let bytes: Double
        /// The part of ``bytes`` that does not grow with ``value`` (the program, blocks in flight).
        package let fixedBytes: Double
        /// The option that scales the need, e.g. "--runs", and its value.
        package let option: String
        package let value: Int
        /// The rest of the advice, e.g. " or fewer --variants".
        package let otherwise: String

        /// Nil when the estimate fits in ``MemoryEstimate/safetyFactor`` of `available` bytes;
        /// otherwise a one-line message with the estimate, the limit and the value of
        /// ``option`` that would fit (the need is close to proportional to it).
        package func refusal(available: Double = MemoryEstimate.availableMemory) -> String? {
            let limit = available * MemoryEstimate.safetyFactor
            guard bytes > limit else { return nil }
            let perUnit = (bytes - fixedBytes) / Double(max(1, value))
            var fitting = max(0, (limit - fixedBytes) / perUnit)
            if fitting >= 100 {
                let scale = pow(10, (log10(fitting)).rounded(.down) - 1)
                fitting = (fitting / scale).rounded(.down) * scale
            }
            let suggestion = fitting >= 1 ? " (about \(option) \(Int(fitting)) fits)" : ""
            return "\(what) would need about \(MemoryEstimate.gibibytes(bytes)) GiB of memory, more than the "
                + "\(MemoryEstimate.gibibytes(limit)) GiB govsim may use on this machine (\(Int(MemoryEstimate.safetyFactor * 100))% of \(MemoryEstimate.gibibytes(available)) GiB); "
                + "use a smaller \(option)\(otherwise)\(suggestion)"
        }
    }

    /// Bytes of the working set of one block of runs on one thread (its trajectories and inputs).
    static func blockBytes(cells: Int, inputs: Int) -> Double {
        Double(ParallelBlocks.blockSize) * (Double(cells) * 8 + Double(inputs + 16) * 8)
    }

    /// `compare` of `variants` plans (the baseline included) over `runs` runs, in three phases
    /// that follow one another, each beside every run's budget measures in columns
    /// (``BudgetColumns``: 8 bytes per run for each of the `discountRates` NPVs, the cumulative
    /// investment, the benefit–cost ratio and six appraisal columns, business as usual's six zero
    /// columns when it is not simulated, and one measure's paired deltas with their sorted copy):
    /// the simulation (the aggregates of every variant's own values and, but the baseline's, its
    /// paired differences, by `run`'s rule, and the blocks in flight: each variant's runs and
    /// accumulators); value of information (the baseline's uncertain inputs of every run, drawn
    /// again after the aggregates are freed, and the regression: per-run net benefits of every
    /// option, a degree-4 design and its factorisation, fitted values); the switching sweeps.
    package static func comparison(
        runs: Int, horizon: Int, variants: Int, uncertainInputs: Int, threads: Int,
        discountRates: Int = 3
    ) -> Study {
        let years = horizon + 1, n = Double(runs), v = Double(variants)
        let cells = Metric.allCases.count * years
        let values = aggregateBytes(runs: runs, cells: (2 * variants - 1) * cells)
        let budgets = v * n * 8 * Double(discountRates + 8) + n * 6 * 8 + 2 * n * 8
        let k = Double(uncertainInputs)
        let valueOfInformation = n * k * 8 + n * 8 * (2 * v + 2 * 5 + 4)
        let inFlight = Double(max(1, threads) + 1) * v * 3 * blockBytes(cells: cells, inputs: uncertainInputs)
        // The tornado's and switching values' re-runs (OptionSwitchingStudy, at most its
        // maximumSweepRuns runs each), one at a time: each keeps every run's two NPVs (as blocks
        // return them and concatenated), plus a block per thread.
        let sweepRuns = Double(min(runs, OptionSwitchingStudy.maximumSweepRuns))
        let sweeps = sweepRuns * 4 * 8 + Double(max(1, threads)) * blockBytes(cells: cells, inputs: uncertainInputs)
        let simulation = values + inFlight
        let peak = max(simulation, valueOfInformation, sweeps)
        return Study(
            what: "comparing \(variants) variants × \(runs) runs × \(years) years", bytes: budgets + peak + baseBytes,
            // The aggregates grow only with √runs: counted as fixed when scaling --runs.
            fixedBytes: baseBytes + (peak == simulation ? simulation : 0),
            option: "--runs", value: runs, otherwise: " or fewer --variants")
    }

    /// `sensitivity --method switching` over `runs` runs: one evaluation at a time (they run one
    /// after another) keeps every run's appraisal (its two cases) and its NPV and NPSV, plus the
    /// block working set on each thread.
    package static func switchingValues(runs: Int, horizon: Int, uncertainInputs: Int, threads: Int) -> Study {
        let years = horizon + 1, n = Double(runs)
        let cells = Metric.allCases.count * years
        let stored = n * (2 * 112 + 2 * 8)  // the appraisals as blocks return them, their concatenation, two value arrays
        let fixed = Double(max(1, threads)) * blockBytes(cells: cells, inputs: uncertainInputs) + baseBytes
        return Study(
            what: "switching values of \(runs) runs × \(years) years", bytes: stored + fixed, fixedBytes: fixed,
            option: "--runs", value: runs, otherwise: "")
    }

    /// `sensitivity --method src` over `runs` runs: the inputs and outputs of every run (stored
    /// once, in run order), the design matrix, the blocks in flight, and on each thread a regression
    /// (a copy of the design, its ranks and their QR factorisations).
    package static func sensitivitySRC(runs: Int, horizon: Int, uncertainInputs: Int, threads: Int) -> Study {
        let years = horizon + 1, n = Double(runs), k = Double(uncertainInputs)
        let cells = Double(Metric.allCases.count * years)
        let stored = n * (k + cells) * 8 + n * k * 8
        let perThread = 4 * n * (k + 2) * 8
        let fixed = Double(2 * max(1, threads) + 2) * blockBytes(cells: Int(cells), inputs: uncertainInputs) + baseBytes
        let bytes = stored + Double(min(threads, Int(cells))) * perThread + fixed
        return Study(
            what: "sensitivity (src) of \(runs) runs × \(years) years", bytes: bytes, fixedBytes: fixed, option: "--runs", value: runs,
            otherwise: " or a shorter horizon")
    }

    /// `sensitivity --method sobol` with `baseSamples` base samples: N·(d + 2) runs, each output
    /// of every run once (in run order), the blocks in flight, and on each thread a column's
    /// estimator arrays.
    package static func sensitivitySobol(baseSamples: Int, horizon: Int, uncertainInputs: Int, threads: Int) -> Study {
        let years = horizon + 1
        let runs = Double(baseSamples) * Double(max(1, uncertainInputs) + 2)
        let cells = Double(Metric.allCases.count * years)
        let fixed = Double(2 * max(1, threads) + 2) * blockBytes(cells: Int(cells), inputs: uncertainInputs) + baseBytes
        let bytes = runs * cells * 8 + Double(min(threads, Int(cells))) * 2 * runs * 8 + fixed
        return Study(
            what: "Sobol' sensitivity of \(baseSamples) base samples × \(max(1, uncertainInputs) + 2) = \(Int(runs)) runs × \(years) years",
            bytes: bytes, fixedBytes: fixed, option: "--base-samples", value: baseSamples, otherwise: " or a shorter horizon")
    }
}

extension MemoryEstimate {
    /// `run --condition-on` (``ImportanceResampler``) of `scenario`'s runs on `observedYears`
    /// years of outturn (`stages` distinct observed years): besides the conditioned run itself
    /// (``MemoryEstimate/init(scenario:writesRunsTable:)``, which follows while the particles are
    /// kept), every run's particle — its input uniforms and the latent shock normals of the
    /// observed years (`latentShocksPerYear` a year) — and its stages' log-likelihoods, twice
    /// while a move step builds the next population, its prior and posterior inputs, and a few
    /// weight vectors; each array with its header (about 48 bytes, an assumption).
    package static func conditioning(
        scenario: Scenario, uncertainInputs: Int, latentShocksPerYear: Int, observedYears: Int, stages: Int,
        threads: Int
    ) -> Study {
        let n = Double(scenario.runs), d = Double(uncertainInputs)
        let latent = d + Double(latentShocksPerYear * observedYears)
        let perRun = 8 * (2 * (latent + Double(stages)) + 2 * d + 6) + 48 * 8
        let run = MemoryEstimate(scenario: scenario).bytes
        let cells = Metric.allCases.count * (scenario.horizon + 1)
        var single = scenario
        single.runs = 1
        let one = MemoryEstimate(scenario: single).bytes  // the run's part that does not grow with the runs
        let moving = Double(max(1, threads)) * blockBytes(cells: cells, inputs: uncertainInputs)
        return Study(
            what: "conditioning \(scenario.runs) runs on \(stages) observed year\(stages == 1 ? "" : "s")",
            bytes: run + moving + n * perRun, fixedBytes: one + moving, option: "--runs", value: scenario.runs, otherwise: "")
    }
}
