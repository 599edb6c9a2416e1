/// Simulates one run of a plan (a scenario, possibly a portfolio of organisations): draws each
/// organisation's inputs, runs the model for each with shocks that share the economy-wide part,
/// and combines them into the plan's total.
///
/// The total of a portfolio sums money (spending, investment, run cost, net savings, in nominal
/// and real terms) and averages productivity indices, satisfaction and adoption with weights
/// proportional to each organisation's base-year spending in the run, or to its service users
/// (the portfolio's `weight_by`). The total productivity gain is 100·(Σw·Π / Σw·Π_cf − 1). A
/// single organisation's total is its own trajectory, unchanged.
public struct PlanSimulator: Sendable {
    public let scenario: Scenario
    /// Organisation names (one empty name without a portfolio).
    public let organisationNames: [String]
    let samplers: [InputSampler]
    let serviceUsers: [Double]
    /// Names of the uncertain inputs of all organisations, in ``PlanRun/inputs`` order.
    public let inputNames: [String]

    public init(scenario: Scenario) {
        self.scenario = scenario
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

    public var isPortfolio: Bool { scenario.portfolio != nil }

    /// A reusable work area for ``simulate(run:into:)``.
    public func makeRun() -> PlanRun {
        PlanRun(total: RunTrajectory(horizon: scenario.horizon),
                organisations: isPortfolio ? organisationNames.map { _ in RunTrajectory(horizon: scenario.horizon) } : [],
                inputs: [], budget: nil)
    }

    /// Simulates run `run` into `work`.
    public func simulate(run: Int, into work: inout PlanRun) {
        let stream = RandomStream(seed: scenario.seed, run: UInt64(run))
        work.inputs.removeAll(keepingCapacity: true)
        if !isPortfolio {
            let sampler = samplers[0]
            let values = sampler.values(run: UInt64(run))
            RunModel.simulate(ModelParameters(layout: sampler.layout, values: values), shocks: YearlyShocks(stream: stream), into: &work.total)
            work.inputs.append(contentsOf: sampler.uncertainValues(of: values))
        } else {
            let correlation = scenario.portfolio!.shockCorrelation
            var weights: [Double] = []
            for (o, sampler) in samplers.enumerated() {
                let values = sampler.values(run: UInt64(run))
                let parameters = ModelParameters(layout: sampler.layout, values: values)
                let shocks = YearlyShocks(stream: stream, organisation: organisationNames[o], correlation: correlation)
                RunModel.simulate(parameters, shocks: shocks, into: &work.organisations[o])
                work.inputs.append(contentsOf: sampler.uncertainValues(of: values))
                weights.append(scenario.portfolio!.weighting == .spending ? parameters.spending : serviceUsers[o])
            }
            combine(work.organisations, weights: weights, into: &work.total)
        }
        work.budget = BudgetMeasures(trajectory: work.total, discountRates: scenario.discountRates)
    }

    static let summed: [Metric] = [.spending, .spendingCounterfactual, .spendingReal, .investment, .runCost, .netSavings,
                                   .netSavingsReal, .cumulativeNetSavings]
    static let averaged: [Metric] = [.productivityIndex, .productivityIndexCounterfactual, .satisfaction, .satisfactionCounterfactual]
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
public struct PlanRun: Sendable {
    /// The plan's total (the organisation itself without a portfolio).
    public var total: RunTrajectory
    /// Each organisation's trajectory (empty without a portfolio).
    public var organisations: [RunTrajectory]
    /// The uncertain inputs drawn, in ``PlanSimulator/inputNames`` order.
    public var inputs: [Double]
    /// Budget measures of the total.
    public var budget: BudgetMeasures?
}
