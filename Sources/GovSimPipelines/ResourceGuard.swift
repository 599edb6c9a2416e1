import Foundation

/// The refusals a pipeline makes before simulating: memory, disk and design limits, each with a
/// one-line message saying what to change (thrown as ``PipelineError``).
package enum ResourceGuard {
    /// Refuses, before simulating, a simulation that would need more memory than this machine can
    /// give it, with the estimate and how to reduce it (``MemoryEstimate``). When the number of runs
    /// comes from the scenario file (`runsOption` is nil), the message points at its `runs:` line.
    package static func refuseIfTooLarge(
        _ scenario: Scenario, input: ScenarioDocument, runsOption: Int?, writesRunsTable: Bool = true
    ) throws {
        try refuseUnsupportedDesign(scenario)
        guard let message = MemoryEstimate(scenario: scenario, writesRunsTable: writesRunsTable).refusal() else { return }
        var location = ""
        if runsOption == nil {
            let lines = String(decoding: input.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            if let index = lines.firstIndex(where: { $0.hasPrefix("runs:") }) {
                location = "\(input.displayName):\(index + 1):1: "
            }
        }
        throw PipelineError(location + message)
    }

    /// Refuses a study whose memory estimate (``MemoryEstimate/Study``) exceeds what this machine
    /// can give, naming the option to change.
    package static func refuseIfTooLarge(_ study: MemoryEstimate.Study) throws {
        if let message = study.refusal() { throw PipelineError(message) }
    }

    /// Refuses, before simulating, results that would not fit on the disk that is to hold them
    /// (``DiskSpaceEstimate``).
    package static func refuseIfDiskTooSmall(_ scenario: Scenario, outDir: String) throws {
        let estimate = DiskSpaceEstimate(runs: scenario.runs, uncertainInputs: PlanSimulator(scenario: scenario).inputCount)
        guard let (free, place) = DiskSpaceEstimate.freeSpace(forFolder: outDir),
            let message = estimate.refusal(free: free, at: place)
        else { return }
        throw PipelineError(message)
    }

    /// Refuses a sampling design the scenario has too many uncertain inputs for: a Sobol' sequence
    /// has at most ``SobolSequence/maxDimensions`` dimensions (a large portfolio: every
    /// organisation's inputs count).
    package static func refuseUnsupportedDesign(_ scenario: Scenario) throws {
        let inputs = PlanSimulator(scenario: scenario).inputCount
        if scenario.sampling == .sobol, inputs > SobolSequence.maxDimensions {
            throw PipelineError(
                "sampling sobol supports at most \(SobolSequence.maxDimensions) uncertain inputs, and this scenario has \(inputs) "
                    + "(every organisation's inputs count); use --sampling lhs or random")
        }
    }

    /// Refuses a Sobol' sensitivity study of more uncertain inputs than its design supports (a
    /// Saltelli design uses two Sobol' dimensions per input).
    package static func refuseUnsupportedSobolStudy(_ scenario: Scenario) throws {
        let inputs = PlanSimulator(scenario: scenario).inputCount
        let limit = SobolSequence.maxDimensions / 2
        if inputs > limit {
            throw PipelineError(
                "Sobol' sensitivity supports at most \(limit) uncertain inputs, and this scenario has \(inputs) "
                    + "(every organisation's inputs count); use --method src, or fewer organisations or uncertain inputs")
        }
    }
}
