import XCTest

@testable import GovSimEngine

final class TrajectoryAccumulatorTests: XCTestCase {
    private let horizon = 3

    /// `n` trajectories whose every cell is uniform on (0, 1), independent.
    private func trajectories(_ n: Int, seed: UInt64) -> [RunTrajectory] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<n).map { _ in
            var t = RunTrajectory(horizon: horizon)
            for c in 0..<t.values.count { t.values[c] = Double.random(in: 0..<1, using: &rng) }
            return t
        }
    }

    func testMergeOfDisjointRunsEqualsAddingThemAll() {
        let ts = trajectories(2000, seed: 7)
        var whole = TrajectoryAccumulator(years: horizon + 1)
        ts.forEach { whole.add($0) }
        var a = TrajectoryAccumulator(years: horizon + 1), b = TrajectoryAccumulator(years: horizon + 1)
        ts.prefix(777).forEach { a.add($0) }
        ts.dropFirst(777).forEach { b.add($0) }
        a.merge(b)
        XCTAssertEqual(a.runCount, 2000)
        XCTAssertEqual(a.rankError, 0)
        let merged = a.summarize(threads: 2), direct = whole.summarize(threads: 1)
        for metric in Metric.allCases {
            for year in 0...horizon {
                let m = merged[metric]![year], d = direct[metric]![year]
                XCTAssertEqual(m.p5, d.p5)
                XCTAssertEqual(m.p50, d.p50)
                XCTAssertEqual(m.p95, d.p95)
                XCTAssertEqual(m.mean, d.mean, accuracy: 1e-12)
            }
        }
    }

    func testSummariesAgreeWithTheDistributionWithinMonteCarloError() {
        let n = 4000
        var acc = TrajectoryAccumulator(years: horizon + 1)
        trajectories(n, seed: 8).forEach { acc.add($0) }
        let summary = acc.summarize(threads: 3)
        // Uniform(0, 1): mean ½ with standard error √(1/12/n); the p-quantile p with standard
        // error √(p(1 − p)/n) (density 1). 4.5 standard errors: a false failure below 1e-5 per check.
        let meanSE = (1.0 / 12 / Double(n)).squareRoot()
        func quantileSE(_ p: Double) -> Double { (p * (1 - p) / Double(n)).squareRoot() }
        XCTAssertEqual(Set(summary.keys), Set(Metric.allCases))
        for (_, years) in summary {
            XCTAssertEqual(years.count, horizon + 1)
            for s in years {
                XCTAssertEqual(s.mean, 0.5, accuracy: 4.5 * meanSE)
                XCTAssertEqual(s.p5, 0.05, accuracy: 4.5 * quantileSE(0.05))
                XCTAssertEqual(s.p50, 0.5, accuracy: 4.5 * quantileSE(0.5))
                XCTAssertEqual(s.p95, 0.95, accuracy: 4.5 * quantileSE(0.95))
            }
        }
    }
}
