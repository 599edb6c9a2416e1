import XCTest

@testable import GovSimRandom

/// The point of the designs: for a smooth function of 5 inputs, the estimated mean varies much
/// less from seed to seed with Latin hypercube and scrambled Sobol' points than with
/// pseudo-random points.
///
/// f(u) = Σ_j exp(u_j) / j + u₁·u₂, u ~ U(0, 1)^5; E f = (e − 1)·Σ 1/j + 1/4.
/// Var f ≈ 0.37, so the pseudo-random estimate of the mean at n = 1024 has SD ≈ 0.019. Latin
/// hypercube sampling removes the additive part of the variance, leaving the interaction's
/// ≈ (1/12)² = 0.0069, an SD ratio of about √(0.0069/0.37) ≈ 0.14; scrambled Sobol' nets do
/// better still (error O(n^(−3/2)) for smooth f; Owen 1997). With 50 seeds each SD is estimated
/// to about ±10% (relative SE 1/√(2·49)), so requiring a ratio below 0.5 leaves a wide margin;
/// the unbiasedness check uses 4 standard errors of the mean of 50 estimates.
final class SamplingDesignComparisonTests: XCTestCase {
    static func f(_ u: [Double]) -> Double {
        var s = u[0] * u[1]
        for j in 0..<5 { s += exp(u[j]) / Double(j + 1) }
        return s
    }

    static let truth = (exp(1.0) - 1) * (1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4 + 1.0 / 5) + 0.25

    private func mean(of points: SampleMatrix) -> Double {
        (0..<points.rows).reduce(0.0) { $0 + Self.f(points.row($1)) } / Double(points.rows)
    }

    private func summary(_ xs: [Double]) -> (mean: Double, sd: Double) {
        let m = xs.reduce(0, +) / Double(xs.count)
        return (m, (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot())
    }

    func testLatinHypercubeAndSobolReduceTheSpreadOfTheMean() {
        let n = 1024, seeds = 50
        var random: [Double] = [], lhs: [Double] = [], sobol: [Double] = []
        for s in 0..<seeds {
            let seed = UInt64(1000 + s)
            random.append(mean(of: PseudoRandomDesign(dimensions: 5, seed: seed).points(for: 0..<n)))
            lhs.append(mean(of: LatinHypercube(points: n, dimensions: 5, seed: seed).block(0)))
            sobol.append(mean(of: SobolSequence(dimensions: 5, scrambling: .linearMatrixAndShift(seed: seed)).points(for: 0..<n)))
        }
        let r = summary(random), l = summary(lhs), q = summary(sobol)
        let message = "SD of the mean over \(seeds) seeds: random \(r.sd), LHS \(l.sd), Sobol' \(q.sd)"
        XCTAssertEqual(r.sd, 0.019, accuracy: 0.006, message)
        XCTAssertLessThan(l.sd, 0.5 * r.sd, message)
        XCTAssertLessThan(q.sd, 0.5 * r.sd, message)
        XCTAssertLessThan(q.sd, l.sd, message)
        for (name, x) in [("random", r), ("LHS", l), ("Sobol'", q)] {
            XCTAssertEqual(x.mean, Self.truth, accuracy: 4 * x.sd / Double(seeds).squareRoot() + 1e-12, "\(name) is unbiased; \(message)")
        }
    }
}
