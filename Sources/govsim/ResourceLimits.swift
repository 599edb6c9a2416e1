import Foundation
import GovSimCore

/// Refuses, before simulating, a simulation that would need more memory than this machine can
/// give it, with the estimate and how to reduce it (``MemoryEstimate``). When the number of runs
/// comes from the scenario file (`runsOption` is nil), the message points at its `runs:` line.
func refuseIfTooLarge(_ scenario: Scenario, input: ScenarioInput, runsOption: Int?, writesRunsTable: Bool = true) throws {
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
