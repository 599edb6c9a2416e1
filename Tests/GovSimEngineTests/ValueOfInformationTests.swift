import XCTest

@testable import GovSimEngine

final class ValueOfInformationTests: XCTestCase {
    /// E[max(0, Z)] for Z ~ N(m, s²).
    private func expectedPositivePart(mean m: Double, sd s: Double) -> Double {
        m * SpecialFunctions.normalCDF(m / s) + s * SpecialFunctions.normalPDF(m / s)
    }

    /// Acceptance 4 of issue 13: two options whose NPV difference is a + b·X + c·Y with X, Y
    /// independent standard normals. EVPPI(X) = E[max(0, a + bX)] − max(0, a), EVPI the same with
    /// sd √(b² + c²).
    func testLinearNormalCaseMatchesClosedForm() throws {
        let n = 20_000
        let (a, b, c) = (-0.5, 1.0, 0.6)
        let stream = RandomStream(seed: 2014, run: 0)
        var x: [Double] = [], y: [Double] = []
        for i in 0..<n {
            let (u, v) = stream.uniformPair(channel: 7, index: UInt32(i))
            x.append(SpecialFunctions.normalQuantile(u))
            y.append(SpecialFunctions.normalQuantile(v))
        }
        let base: [Double] = (0..<n).map { (i: Int) -> Double in 10 + 0.3 * x[i] - 0.2 * y[i] }  // option 0: any common part cancels
        let option = (0..<n).map { base[$0] + a + b * x[$0] + c * y[$0] }
        let nb = [base, option]
        let exactX = expectedPositivePart(mean: a, sd: b)
        let exactY = expectedPositivePart(mean: a, sd: c)
        let exactAll = expectedPositivePart(mean: a, sd: (b * b + c * c).squareRoot())
        let evpi = ValueOfInformation.evpi(nb)
        let evppiX = try ValueOfInformation.evppi(nb, input: x)
        let evppiY = try ValueOfInformation.evppi(nb, input: y)
        XCTAssertEqual(evppiX.value, exactX, accuracy: 3 * evppiX.standardError)
        XCTAssertEqual(evppiY.value, exactY, accuracy: 3 * evppiY.standardError)
        XCTAssertEqual(evpi.value, exactAll, accuracy: 3 * evpi.standardError)
        // The standard errors are small enough for the comparison to mean something.
        XCTAssertLessThan(evppiX.standardError, 0.05 * exactX)
        XCTAssertLessThan(evppiY.standardError, 0.10 * exactY)
        // EVPI ≥ every EVPPI ≥ 0.
        XCTAssertGreaterThanOrEqual(evpi.value, evppiX.value)
        XCTAssertGreaterThanOrEqual(evpi.value, evppiY.value)
        XCTAssertGreaterThanOrEqual(evppiY.value, 0)
    }

    func testAnInputThatDoesNotMatterHasNearZeroEVPPI() throws {
        let n = 5_000
        let stream = RandomStream(seed: 3, run: 0)
        var x: [Double] = [], noise: [Double] = []
        for i in 0..<n {
            let (u, v) = stream.uniformPair(channel: 1, index: UInt32(i))
            x.append(SpecialFunctions.normalQuantile(u))
            noise.append(SpecialFunctions.normalQuantile(v))
        }
        let nb = [[Double](repeating: 0, count: n), noise.map { 1 + $0 }]
        let e = try ValueOfInformation.evppi(nb, input: x)
        XCTAssertLessThan(e.value, 3 * e.standardError + 1e-3)
        XCTAssertGreaterThanOrEqual(e.value, 0)
    }
}
