// libFuzzer entry point for the scenario loader, compiled together with GovSimCore's sources by
// scripts/fuzz-scenario-loader.sh (not part of Package.swift, so `swift build` and
// `swift test` never see it). Every input must either load or fail with located one-line
// diagnostics; anything else (a trap, a sanitizer report, a timeout) is a finding.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func scenarioLoaderFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    do {
        _ = try ScenarioLoader.load(data: bytes, fileName: "fuzz.yaml")
    } catch let error as ScenarioError {
        precondition(!error.diagnostics.isEmpty, "a ScenarioError without diagnostics")
        for d in error.diagnostics {
            precondition(d.line >= 1 && d.column >= 1, "diagnostic without a location: \(d)")
            precondition(!d.description.contains("\n"), "diagnostic on more than one line: \(d)")
        }
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}
