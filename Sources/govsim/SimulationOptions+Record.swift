import Foundation
import GovSimCore

extension SimulationOptions {
    /// The record of `subcommand` on `scenarios` (paths as given) with these options.
    func record(_ subcommand: ReproductionRecord.Subcommand, scenarios: [String]) -> ReproductionRecord {
        var record = ReproductionRecord(subcommand)
        record.scenarios = scenarios
        record.runs = runs
        record.seed = seed.map { String($0) }
        record.sampling = sampling
        return record
    }
}
