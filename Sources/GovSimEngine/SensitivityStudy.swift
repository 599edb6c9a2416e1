import Dispatch

/// Which uncertain inputs drive each output metric in each year.
///
/// - ``src(_:threads:)``: simulates the scenario's runs (with its sampling design) and regresses
///   every (metric, year) output on the uncertain inputs by least squares (LAPACK QR): the
///   standardised regression coefficients SRCᵢ = bᵢ·σᵢ/σ_y, their rank version SRRC and each
///   regression's R². SRC² approximates the first-order Sobol' index of a near-linear model; when
///   R² < 0.7 the linear measures explain too little and the variance-based indices are needed.
/// - ``sobol(_:baseSamples:bootstrap:threads:)``: the Saltelli design over the uncertain inputs
///   (scrambled Sobol' base), N·(d + 2) runs; first-order (Saltelli 2010) and total-order
///   (Jansen 1999) indices with bootstrap confidence intervals. The yearly shocks of every run of
///   base point j are those of run j, so the shocks' share of variance stays unexplained by the
///   inputs rather than inflating their indices. Inputs are treated as independent (declared
///   correlations are not applied in this design).
///
/// Sampling, model evaluation and analysis are kept apart: the design gives uniforms, the plan
/// simulator evaluates, and ``StandardizedRegression`` or ``SobolIndices`` analyse the stored
/// output columns. Each output column is analysed independently (in parallel), so results do not
/// depend on the number of threads.
package enum SensitivityStudy {
    /// Which method.
    package enum Method: String, Sendable, CaseIterable { case src, sobol }

    /// An appraisal measure analysed per run instead of the yearly metrics (`--target`): the
    /// financial NPV, the economic NPSV, the economic case's benefit–cost ratio of the run (PV
    /// benefits / PV costs; undefined, and so not analysed, if a run has no cost) or its
    /// discounted payback year in the economic case (1 … period; a run that never pays back
    /// within the appraisal period counts as period + 1).
    package enum Target: String, Sendable, CaseIterable {
        case npv, npsv, bcr, payback

        /// The measure of one run's appraisal.
        package func value(of a: RunAppraisal, period: Int) -> Double {
            switch self {
            case .npv: return a.financial.npv
            case .npsv: return a.economic.npv
            case .bcr: return a.economic.costs > 0 ? a.economic.benefits / a.economic.costs : .nan
            case .payback: return Double(a.economic.paybackYear ?? period + 1)
            }
        }
    }

    /// The runs of a Sobol' study of `scenario`: `baseSamples × (inputs + 2)` (at least one input).
    package static func sobolRunCount(_ scenario: Scenario, baseSamples: Int) -> Int {
        baseSamples * (max(1, PlanSimulator(scenario: scenario).inputCount) + 2)
    }

    /// Default bootstrap replicates for Sobol' confidence intervals.
    package static let defaultBootstrap = 200

    /// - Parameters:
    ///   - target: an appraisal measure analysed instead of every metric and year.
    ///   - phases: follows the runs simulated (of `scenario.runs`), then the regressions (one
    ///     per metric and year, or one for a target) done.
    package static func src(
        _ scenario: Scenario, target: Target? = nil, threads: Int,
        phases: PhaseProgress? = nil
    ) throws -> SensitivityResult {
        let plan = PlanSimulator(scenario: scenario)
        let years = scenario.horizon + 1
        let cells = target == nil ? Metric.allCases.count * years : 1
        let k = plan.inputCount
        let n = scenario.runs
        let (inputs, outputs) = regressionSamples(plan, runs: n, target: target, threads: threads, progress: phases?("", n, "runs"))
        let design = inputs.matrix()
        let rows = ParallelBlocks.map(blockCount: cells, threads: threads, progress: phases?("", cells, "regressions")) {
            cell -> [SensitivityRow] in
            let output = outputs.column(cell)
            let (metric, year): (Metric?, Int?) = target == nil ? (Metric.allCases[cell / years], cell % years) : (nil, nil)
            guard output.allSatisfy(\.isFinite),
                let regression = try? StandardizedRegression(inputs: design, output: output, inputNames: plan.inputNames)
            else { return [] }
            var out: [SensitivityRow] = []
            for j in 0..<k {
                out.append(
                    SensitivityRow(
                        year: year, metric: metric, input: plan.inputNames[j], method: .src, index: "src", value: regression.src[j],
                        target: target))
                out.append(
                    SensitivityRow(
                        year: year, metric: metric, input: plan.inputNames[j], method: .src, index: "srrc", value: regression.srrc[j],
                        target: target))
            }
            out.append(
                SensitivityRow(
                    year: year, metric: metric, input: SensitivityRow.allInputs, method: .src, index: "r_squared",
                    value: regression.rSquared, target: target))
            out.append(
                SensitivityRow(
                    year: year, metric: metric, input: SensitivityRow.allInputs, method: .src, index: "rank_r_squared",
                    value: regression.rankRSquared, target: target))
            return out
        }
        return SensitivityResult(
            scenario: scenario, method: .src, inputNames: plan.inputNames, runs: n, rows: rows.flatMap { $0 }, target: target)
    }

    /// - Parameters:
    ///   - target: an appraisal measure analysed instead of every metric and year.
    ///   - phases: follows the design runs simulated (of `baseSamples × (inputs + 2)`,
    ///     ``sobolRunCount(_:baseSamples:)``), then the indices (one set per metric and year, or
    ///     one for a target, each with its bootstrap) done.
    package static func sobol(
        _ scenario: Scenario, baseSamples: Int, bootstrap: Int = defaultBootstrap, target: Target? = nil,
        threads: Int, phases: PhaseProgress? = nil
    ) throws -> SensitivityResult {
        let plan = PlanSimulator(scenario: scenario)
        let d = plan.inputCount
        let years = scenario.horizon + 1
        let cells = target == nil ? Metric.allCases.count * years : 1
        let design = SaltelliDesign(
            dimensions: max(1, d), baseSamples: baseSamples,
            base: .sobol(seed: SplitMix64.mix(scenario.seed ^ 0x5A17_E111)))
        let table = saltelliOutputs(plan, design: design, target: target, threads: threads, progress: phases?("", design.runCount, "runs"))
            .sampleMatrix()
        let options = SobolIndices.Options(bootstrapReplicates: bootstrap, confidenceLevel: 0.95, seed: scenario.seed)
        let rows = ParallelBlocks.map(blockCount: cells, threads: threads, progress: phases?("", cells, "index sets")) {
            cell -> [SensitivityRow] in
            let (metric, year): (Metric?, Int?) = target == nil ? (Metric.allCases[cell / years], cell % years) : (nil, nil)
            guard let indices = try? SobolIndices.analyze(column: cell, of: table, design: design, options: options),
                indices.variance > 0, indices.variance.isFinite
            else { return [] }
            var out: [SensitivityRow] = []
            for j in 0..<d {
                out.append(
                    SensitivityRow(
                        year: year, metric: metric, input: plan.inputNames[j], method: .sobol, index: "first_order",
                        value: indices.firstOrder[j], ciLow: indices.firstOrderInterval[j].lower,
                        ciHigh: indices.firstOrderInterval[j].upper,
                        target: target))
                out.append(
                    SensitivityRow(
                        year: year, metric: metric, input: plan.inputNames[j], method: .sobol, index: "total_order",
                        value: indices.totalOrder[j], ciLow: indices.totalOrderInterval[j].lower,
                        ciHigh: indices.totalOrderInterval[j].upper,
                        target: target))
            }
            return out
        }
        return SensitivityResult(
            scenario: scenario, method: .sobol, inputNames: plan.inputNames, runs: design.runCount, rows: rows.flatMap { $0 },
            target: target)
    }
}

extension SensitivityStudy {
    /// The outputs of one simulated run: every (metric, year) of the total, or the `target` measure.
    static func outputs(of work: PlanRun, target: Target?, period: Int) -> [Double] {
        guard let target else { return work.total.values }
        return [work.budget?.appraisal.map { target.value(of: $0, period: period) } ?? .nan]
    }

    /// Every run's uncertain inputs and (total) outputs, the data the regressions need, simulated
    /// block by block and stored in run order (the same for any `threads`).
    static func regressionSamples(
        _ plan: PlanSimulator, runs n: Int, target: Target? = nil, threads: Int,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> (inputs: RunValueTable, outputs: RunValueTable) {
        let k = plan.inputCount, cells = target == nil ? Metric.allCases.count * (plan.scenario.horizon + 1) : 1
        let period = plan.scenario.appraisal.period
        let blocks = ParallelBlocks.blocks(runs: n)
        var inputs = RunValueTable(runs: n, columns: k), outputs = RunValueTable(runs: n, columns: cells)
        ParallelBlocks.forEachOrdered(
            blockCount: blocks.count, threads: threads,
            { b -> ([Double], [Double]) in
                var inputs: [Double] = [], outputs: [Double] = []
                inputs.reserveCapacity(blocks[b].count * k)
                outputs.reserveCapacity(blocks[b].count * cells)
                plan.simulate(block: blocks[b]) { _, work in
                    inputs.append(contentsOf: work.inputs)
                    outputs.append(contentsOf: SensitivityStudy.outputs(of: work, target: target, period: period))
                }
                return (inputs, outputs)
            },
            consume: { b, part in
                inputs.store(block: blocks[b], rows: part.0)
                outputs.store(block: blocks[b], rows: part.1)
                progress?(blocks[b].upperBound)
            })
        return (inputs, outputs)
    }

    /// Every run's outputs at the points of a Saltelli `design` (paired by base sample in the
    /// estimators), simulated block by block and stored in run order (the same for any `threads`).
    static func saltelliOutputs(
        _ plan: PlanSimulator, design: SaltelliDesign, target: Target? = nil, threads: Int,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> RunValueTable {
        let cells = target == nil ? Metric.allCases.count * (plan.scenario.horizon + 1) : 1
        let period = plan.scenario.appraisal.period
        let blocks = ParallelBlocks.blocks(runs: design.runCount)
        var outputs = RunValueTable(runs: design.runCount, columns: cells)
        ParallelBlocks.forEachOrdered(
            blockCount: blocks.count, threads: threads,
            { b -> [Double] in
                let points = design.points(for: blocks[b])
                var work = plan.makeRun()
                var outputs: [Double] = []
                outputs.reserveCapacity(blocks[b].count * cells)
                for (i, run) in blocks[b].enumerated() {
                    let uniforms = Array(points.values[(i * points.columns)..<((i + 1) * points.columns)])
                    plan.simulate(uniforms: uniforms, shockRun: design.role(ofRun: run).baseSample, into: &work)
                    outputs.append(contentsOf: SensitivityStudy.outputs(of: work, target: target, period: period))
                }
                return outputs
            },
            consume: { b, rows in
                outputs.store(block: blocks[b], rows: rows)
                progress?(blocks[b].upperBound)
            })
        return outputs
    }
}

/// One row of `sensitivity.csv`.
package struct SensitivityRow: Sendable, Equatable {
    /// Input name of rows that describe the whole regression (R²).
    package static let allInputs = "(all inputs)"
    /// Year index (0 = base year); nil for a ``target`` row.
    package let year: Int?
    /// The metric analysed; nil for a ``target`` row.
    package let metric: Metric?
    package let input: String
    package let method: SensitivityStudy.Method
    /// `src`, `srrc`, `r_squared`, `rank_r_squared`, `first_order` or `total_order`.
    package let index: String
    package let value: Double
    package var ciLow: Double? = nil
    package var ciHigh: Double? = nil
    /// The appraisal measure analysed (`--target`), over the whole appraisal period; nil for the yearly metrics.
    package var target: SensitivityStudy.Target? = nil
}

/// The result of a ``SensitivityStudy``.
package struct SensitivityResult: Sendable {
    package let scenario: Scenario
    package let method: SensitivityStudy.Method
    package let inputNames: [String]
    /// Model runs made.
    package let runs: Int
    package let rows: [SensitivityRow]
    /// The appraisal measure analysed instead of the yearly metrics (`--target`), or nil.
    package var target: SensitivityStudy.Target? = nil

    /// The inputs ordered by influence on the ``target`` measure, largest first (as ``ranking(_:)``).
    package func targetRanking() -> [(input: String, value: Double, low: Double?, high: Double?)] {
        let index = method == .src ? "src" : "total_order"
        return rows.filter { $0.target != nil && $0.index == index }
            .map { ($0.input, $0.value, $0.ciLow, $0.ciHigh) }
            .sorted { abs($0.value) != abs($1.value) ? abs($0.value) > abs($1.value) : $0.input < $1.input }
    }

    /// R² of the ``target`` measure's regression (src only).
    package var targetRSquared: Double? { rows.first { $0.target != nil && $0.index == "r_squared" }?.value }

    /// The inputs ordered by influence on `metric` in the final year: |SRC| for `src`, the
    /// total-order index for `sobol`; largest first.
    package func ranking(_ metric: Metric) -> [(input: String, value: Double, low: Double?, high: Double?)] {
        let index = method == .src ? "src" : "total_order"
        return rows.filter { $0.year == scenario.horizon && $0.metric == metric && $0.index == index }
            .map { ($0.input, $0.value, $0.ciLow, $0.ciHigh) }
            .sorted { abs($0.value) != abs($1.value) ? abs($0.value) > abs($1.value) : $0.input < $1.input }
    }

    /// R² of the final-year regression of `metric` (src only).
    package func rSquared(_ metric: Metric) -> Double? {
        rows.first { $0.year == scenario.horizon && $0.metric == metric && $0.index == "r_squared" }?.value
    }
}
