/// Simulates one run of a plan (a scenario, possibly a portfolio of organisations): draws each
/// organisation's inputs, runs the model for each with shocks that share the economy-wide part,
/// and combines them into the plan's total.
///
/// The total of a portfolio sums money (spending, investment, run cost, net savings, in nominal
/// and real terms) and averages productivity indices, satisfaction and adoption with weights
/// proportional to each organisation's base-year spending in the run, or to its service users
/// (the portfolio's `weight_by`). The total productivity gain is 100·(Σw·Π / Σw·Π_cf − 1). A
/// single organisation's total is its own trajectory, unchanged.
package struct PlanSimulator: Sendable {
    package let scenario: Scenario
    /// Organisation names (one empty name without a portfolio).
    package let organisationNames: [String]
    let samplers: [InputSampler]
    let serviceUsers: [Double]
    /// Names of the uncertain inputs of all organisations, in ``PlanRun/inputs`` order.
    package let inputNames: [String]
    /// The scenario's ``Scenario/discountRates`` and ``Scenario/appraisal`` with its discount
    /// factors, found once: they are built from parameter lookups by path and the discount
    /// schedule's bands, and every run's budget measures need them.
    let discountRates: [Double]
    let appraisal: AppraisalSettings
    let appraisalFactors: [Double]

    package init(scenario: Scenario) {
        self.scenario = scenario
        discountRates = scenario.discountRates
        appraisal = scenario.appraisal
        appraisalFactors = RunAppraisal.discountFactors(appraisal)
        if let portfolio = scenario.portfolio {
            organisationNames = portfolio.organisations.map(\.name)
            samplers = portfolio.organisations.map { InputSampler(scenario: scenario.applying($0.overrides), organisation: $0.name) }
            serviceUsers = portfolio.organisations.map(\.serviceUsers)
            inputNames = zip(organisationNames, samplers).flatMap { name, sampler in
                sampler.dimensions.map { "\(name):\($0.path)" }
            }
        } else {
            organisationNames = [""]
            samplers = [InputSampler(scenario: scenario)]
            serviceUsers = [1]
            inputNames = samplers[0].dimensions.map(\.path)
        }
    }

    package var isPortfolio: Bool { scenario.portfolio != nil }

    /// (metric, year) cells of one run: of the total and, in a portfolio, of every organisation.
    package var cellsPerRun: Int {
        Metric.allCases.count * (scenario.horizon + 1) * (isPortfolio ? organisationNames.count + 1 : 1)
    }

    /// A reusable work area for ``simulate(run:into:)``.
    package func makeRun() -> PlanRun {
        PlanRun(
            total: RunTrajectory(horizon: scenario.horizon),
            organisations: isPortfolio ? organisationNames.map { _ in RunTrajectory(horizon: scenario.horizon) } : [],
            inputs: [], budget: nil)
    }

    /// Simulates the runs of one block (within one ``ParallelBlocks`` block), calling `body` with
    /// each run index and its results, in run order. Inputs are drawn for the whole block, so that
    /// Latin hypercube, Sobol' and rank-correlated designs apply.
    /// With the pseudo-random design and no correlations each run's inputs are drawn on their own
    /// into one reused values vector per organisation (the same values as ``InputSampler/values(run:)``).
    package func simulate(block runs: Range<Int>, _ body: (Int, PlanRun) -> Void) {
        let independent = samplers.allSatisfy(\.drawsRunsIndependently)
        let blockValues = independent ? [] : samplers.map { $0.blockValues(runs: runs) }
        var values = samplers.map(\.template)
        var work = makeRun()
        var scratch = RunModel.Scratch()
        for (i, run) in runs.enumerated() {
            for o in samplers.indices {
                if independent { samplers[o].values(run: UInt64(run), into: &values[o]) } else { values[o] = blockValues[o][i] }
            }
            simulate(run: run, values: values, into: &work, scratch: &scratch)
            body(run, work)
        }
    }

    /// Simulates run `run` into `work` (inputs drawn for this run alone: for tests and the
    /// pseudo-random design; blocks use ``simulate(block:_:)``).
    package func simulate(run: Int, into work: inout PlanRun) {
        let values = samplers.map { $0.blockValues(runs: run..<(run + 1))[0] }
        simulate(run: run, values: values, into: &work)
    }

    /// The uncertain inputs of runs 0 ..< `runs`, one array per input (``inputNames`` order) in
    /// run order: the values ``simulate(block:_:)`` draws into ``PlanRun/inputs``, drawn again block
    /// by block on `threads` threads without simulating (a block's inputs depend only on the
    /// scenario and the block), so a study can keep them for less time than its runs take.
    package func inputColumns(runs: Int, threads: Int) -> [[Double]] {
        let blocks = ParallelBlocks.blocks(runs: runs)
        let count = inputCount
        var columns = (0..<count).map { _ -> [Double] in
            var column: [Double] = []
            column.reserveCapacity(runs)
            return column
        }
        ParallelBlocks.forEachOrdered(
            blockCount: blocks.count, threads: threads,
            { b -> [[Double]] in
                let values = self.samplers.map { $0.blockValues(runs: blocks[b]) }
                var out = [[Double]](repeating: [], count: count)
                for i in 0..<blocks[b].count {
                    var j = 0
                    for (o, sampler) in self.samplers.enumerated() {
                        for x in sampler.uncertainValues(of: values[o][i]) where j < count {
                            out[j].append(x)
                            j += 1
                        }
                    }
                }
                return out
            },
            consume: { _, part in
                for j in part.indices { columns[j].append(contentsOf: part[j]) }
            })
        return columns
    }

    /// Number of uncertain inputs over all organisations (the columns of ``PlanRun/inputs``).
    package var inputCount: Int { samplers.reduce(0) { $0 + $1.dimensions.count } }

    /// Simulates a run whose inputs come from given uniforms (one per input, organisations in
    /// order) and whose yearly shocks are those of run `shockRun`: for sensitivity designs.
    /// With `shocks` (rows of ``latentShockWidth`` latent standard normals for years 1 … k, as
    /// ``latentShocks(run:years:)`` lays them out), the shocks of years 1 … k are computed from
    /// them instead of run `shockRun`'s stream (later years still from the stream); given
    /// `latentShocks(run: shockRun, years: k)` the run is bit for bit the same.
    package func simulate(uniforms: [Double], shockRun: Int, shocks: [Double] = [], into work: inout PlanRun) {
        var offset = 0
        var values: [[Double]] = []
        for sampler in samplers {
            let d = sampler.dimensions.count
            values.append(sampler.values(uniforms: Array(uniforms[offset..<(offset + d)])))
            offset += d
        }
        var scratch = RunModel.Scratch()
        simulate(run: shockRun, values: values, into: &work, scratch: &scratch, shocks: shocks)
    }

    func simulate(run: Int, values: [[Double]], into work: inout PlanRun) {
        var scratch = RunModel.Scratch()
        simulate(run: run, values: values, into: &work, scratch: &scratch)
    }

    /// ``simulate(run:values:into:)`` with the model's working arrays in `scratch` (reused by a
    /// worker) and, optionally, given latent shock normals of the first years (see
    /// ``simulate(uniforms:shockRun:shocks:into:)``).
    func simulate(run: Int, values: [[Double]], into work: inout PlanRun, scratch: inout RunModel.Scratch, shocks given: [Double] = []) {
        let stream = RandomStream(seed: scenario.seed, run: UInt64(run))
        let width = latentShockWidth
        work.inputs.removeAll(keepingCapacity: true)
        if !isPortfolio {
            // samplers[0] read in place: a copy of the sampler retains and releases each of its arrays.
            var shocks = YearlyShocks(stream: stream)
            if !given.isEmpty { shocks = shocks.givingNormals(given, width: width, ownColumn: 3) }
            RunModel.simulate(
                ModelParameters(layout: samplers[0].layout, values: values[0]), shocks: shocks,
                into: &work.total, scratch: &scratch)
            samplers[0].appendUncertainValues(of: values[0], to: &work.inputs)
        } else {
            let correlation = scenario.portfolio!.shockCorrelation
            var weights: [Double] = []
            for (o, sampler) in samplers.enumerated() {
                let parameters = ModelParameters(layout: sampler.layout, values: values[o])
                var shocks = YearlyShocks(stream: stream, organisation: organisationNames[o], correlation: correlation)
                if !given.isEmpty { shocks = shocks.givingNormals(given, width: width, ownColumn: 3 + 3 * o) }
                RunModel.simulate(parameters, shocks: shocks, into: &work.organisations[o], scratch: &scratch)
                sampler.appendUncertainValues(of: values[o], to: &work.inputs)
                weights.append(scenario.portfolio!.weighting == .spending ? parameters.spending : serviceUsers[o])
            }
            combine(work.organisations, weights: weights, into: &work.total)
        }
        work.budget = BudgetMeasures(
            trajectory: work.total, discountRates: discountRates, appraisal: appraisal, appraisalFactors: appraisalFactors)
    }

    static let summed: [Metric] = [
        .spending, .spendingCounterfactual, .spendingReal, .investment, .runCost, .netSavings,
        .netSavingsReal, .cumulativeNetSavings, .staffTimeReinvested,
    ]
    static let averaged: [Metric] =
        [.productivityIndex, .productivityIndexCounterfactual, .satisfaction, .satisfactionCounterfactual]
        + PracticeKind.allCases.map(Metric.adoption)

    func combine(_ parts: [RunTrajectory], weights: [Double], into total: inout RunTrajectory) {
        let weightSum = weights.reduce(0, +)
        for year in 0..<total.years {
            for metric in PlanSimulator.summed {
                var sum = 0.0
                for part in parts { sum += part[metric, year] }
                total[metric, year] = sum
            }
            for metric in PlanSimulator.averaged {
                var sum = 0.0
                for (o, part) in parts.enumerated() { sum += weights[o] * part[metric, year] }
                total[metric, year] = sum / weightSum
            }
            total[.productivityGainPct, year] = 100 * (total[.productivityIndex, year] / total[.productivityIndexCounterfactual, year] - 1)
            total[.satisfactionGain, year] = total[.satisfaction, year] - total[.satisfactionCounterfactual, year]
        }
    }
}

/// The results of one run of a plan.
package struct PlanRun: Sendable {
    /// The plan's total (the organisation itself without a portfolio).
    package var total: RunTrajectory
    /// Each organisation's trajectory (empty without a portfolio).
    package var organisations: [RunTrajectory]
    /// The uncertain inputs drawn, in ``PlanSimulator/inputNames`` order.
    package var inputs: [Double]
    /// Budget measures of the total.
    package var budget: BudgetMeasures?
}
