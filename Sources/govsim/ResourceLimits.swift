import Foundation
import GovSimCore

/// Refuses, before simulating, a simulation that would need more memory than this machine can
/// give it, with the estimate and how to reduce it (``MemoryEstimate``). When the number of runs
/// comes from the scenario file (`runsOption` is nil), the message points at its `runs:` line.
func refuseIfTooLarge(_ scenario: Scenario, input: ScenarioInput, runsOption: Int?, writesRunsTable: Bool = true) throws {
    try refuseUnsupportedDesign(scenario)
    guard let message = MemoryEstimate(scenario: scenario, writesRunsTable: writesRunsTable).refusal() else { return }
    var location = ""
    if runsOption == nil {
        let lines = String(decoding: input.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if let index = lines.firstIndex(where: { $0.hasPrefix("runs:") }) {
            location = "\(input.displayName):\(index + 1):1: "
        }
    }
    throw CLIError(location + message)
}

/// Refuses a study whose memory estimate (``MemoryEstimate/Study``) exceeds what this machine
/// can give, naming the option to change.
func refuseIfTooLarge(_ study: MemoryEstimate.Study) throws {
    if let message = study.refusal() { throw CLIError(message) }
}

/// Refuses, before simulating, results that would not fit on the disk that is to hold them
/// (``DiskSpaceEstimate``).
func refuseIfDiskTooSmall(_ scenario: Scenario, outDir: String) throws {
    let estimate = DiskSpaceEstimate(runs: scenario.runs, uncertainInputs: PlanSimulator(scenario: scenario).inputCount)
    guard let (free, place) = DiskSpaceEstimate.freeSpace(forFolder: outDir),
          let message = estimate.refusal(free: free, at: place) else { return }
    throw CLIError(message)
}

/// Refuses a sampling design the scenario has too many uncertain inputs for: a Sobol' sequence
/// has at most ``SobolSequence/maxDimensions`` dimensions (a large portfolio: every
/// organisation's inputs count).
func refuseUnsupportedDesign(_ scenario: Scenario) throws {
    let inputs = PlanSimulator(scenario: scenario).inputCount
    if scenario.sampling == .sobol, inputs > SobolSequence.maxDimensions {
        throw CLIError("sampling sobol supports at most \(SobolSequence.maxDimensions) uncertain inputs, and this scenario has \(inputs) "
                       + "(every organisation's inputs count); use --sampling lhs or random")
    }
}

/// Refuses a Sobol' sensitivity study of more uncertain inputs than its design supports (a
/// Saltelli design uses two Sobol' dimensions per input).
func refuseUnsupportedSobolStudy(_ scenario: Scenario) throws {
    let inputs = PlanSimulator(scenario: scenario).inputCount
    let limit = SobolSequence.maxDimensions / 2
    if inputs > limit {
        throw CLIError("Sobol' sensitivity supports at most \(limit) uncertain inputs, and this scenario has \(inputs) "
                       + "(every organisation's inputs count); use --method src, or fewer organisations or uncertain inputs")
    }
}
