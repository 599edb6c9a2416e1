import Foundation
import GovSimCore
import XCTest

/// `MemoryEstimate` against the peak resident memory of a real `govsim run` (measured by
/// `MeasuredProcess`: GNU time's maximum resident set size of the child).
final class MemoryEstimatePeakTests: XCTestCase {
    /// 2048 runs (two blocks of 1,024) of the reference scenario with one thread. The estimate
    /// the guard uses assumes 8 threads' blocks in flight (18 blocks), so it must be above the
    /// measured peak; the estimate with the blocks really in flight (2: one thread computes one
    /// block while at most one more waits, and there are only two) must be within 25% of it.
    /// (Debug build: the code is larger than in release, which the 32 MiB base covers.) A
    /// change that keeps more per run than the estimate counts (another copy of the values, the
    /// records of every run) fails the first check at larger sizes and the second here.
    func testEstimateBoundsAndMatchesAMeasuredPeak() throws {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = 2048
        let r = try MeasuredProcess.run(["run", "--runs", "\(runs)", "--threads", "1", "--quiet", "--out", "m"], in: dir, timeout: 120)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.timedOut)
        let measured = Double(r.peakKilobytes) * 1024
        var s = try ScenarioLoader.load(text: ReferenceScenario.yaml, fileName: "reference.yaml")
        s.runs = runs
        let guardEstimate = MemoryEstimate(scenario: s)
        let inFlight = MemoryEstimate(runs: runs, horizon: s.horizon, uncertainInputs: guardEstimate.uncertainInputs, blocksInFlight: 2)
        XCTAssertLessThan(
            measured, guardEstimate.bytes, "measured \(measured / 1e6) MB, the guard's estimate \(guardEstimate.bytes / 1e6) MB")
        XCTAssertEqual(
            measured, inFlight.bytes, accuracy: 0.25 * inFlight.bytes,
            "measured \(measured / 1e6) MB, estimated with 2 blocks in flight \(inFlight.bytes / 1e6) MB")
    }
}
