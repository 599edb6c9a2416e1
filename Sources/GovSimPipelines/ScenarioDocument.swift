import Foundation

/// A scenario as a pipeline receives it: the validated ``Scenario`` with the bytes it was read
/// from and the name shown for it. The command line reads the file (through ``InputSources``);
/// the pipelines never touch the file system for it.
package struct ScenarioDocument: Sendable {
    /// The scenario as loaded (before command-line overrides of runs, seed or sampling).
    package let scenario: Scenario
    /// Path shown in messages and the manifest.
    package let displayName: String
    /// The file's bytes (the embedded text for the built-in scenario).
    package let bytes: [UInt8]

    package init(scenario: Scenario, displayName: String, bytes: [UInt8]) {
        self.scenario = scenario
        self.displayName = displayName
        self.bytes = bytes
    }
}
