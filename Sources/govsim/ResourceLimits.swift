import GovSimCore

/// Refuses, before simulating, a simulation that would need more memory than this machine can
/// give it, with the estimate and how to reduce it (``MemoryEstimate``).
func refuseIfTooLarge(_ scenario: Scenario, writesRunsTable: Bool = true) throws {
    if let message = MemoryEstimate(scenario: scenario, writesRunsTable: writesRunsTable).refusal() {
        throw CLIError(message)
    }
}
