import Foundation
import XCTest

@testable import GovSimNumerics

final class TrendFitTests: XCTestCase {
    func testExactExponentialGrowth() throws {
        let years = (2012...2021).map(Double.init)
        let values = years.map { 250 * exp(0.04 * ($0 - 2012)) }
        let trend = try TrendFit(years: years, values: values)
        XCTAssertEqual(trend.baseYear, 2012)
        XCTAssertEqual(trend.logGrowthRate, 0.04, accuracy: 1e-13)
        XCTAssertEqual(trend.intercept, log(250), accuracy: 1e-13)
        XCTAssertEqual(trend.growthPercent, 4.081077419238822, accuracy: 1e-10, "100·(e^0.04 − 1)")
        XCTAssertLessThan(trend.residualStandardDeviation, 1e-14)
        XCTAssertLessThan(trend.logGrowthRateStandardError, 1e-14)
        XCTAssertEqual(trend.rSquared, 1, accuracy: 1e-15)
        XCTAssertEqual(trend.count, 10)
        XCTAssertEqual(trend.trendValue(atYear: 2030), 250 * exp(0.04 * 18), accuracy: 1e-9)
    }

    /// Noisy series against the closed-form simple regression: ĝ = Sxz/Sxx, SE = √(s²/Sxx).
    func testNoisySeriesMatchesClosedForm() throws {
        let years: [Double] = [2019, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018]  // unsorted on purpose
        let noise = [0.005, 0.02, -0.01, 0.015, -0.03, 0.0, 0.01, -0.02, 0.025, -0.005]
        let values = zip(years, noise).map { 100 * exp(0.03 * ($0 - 2010) + $1) }
        let trend = try TrendFit(years: years, values: values)
        let t = years.map { $0 - 2010 }, z = values.map { log($0) }
        let n = Double(t.count)
        let tBar = t.reduce(0, +) / n, zBar = z.reduce(0, +) / n
        let sxx = t.reduce(0) { $0 + ($1 - tBar) * ($1 - tBar) }
        let sxz = zip(t, z).reduce(0) { $0 + ($1.0 - tBar) * ($1.1 - zBar) }
        let g = sxz / sxx, a = zBar - g * tBar
        let rss = zip(t, z).reduce(0) { $0 + pow($1.1 - a - g * $1.0, 2) }
        let s2 = rss / (n - 2)
        XCTAssertEqual(trend.baseYear, 2010)
        XCTAssertEqual(trend.logGrowthRate, g, accuracy: 1e-13)
        XCTAssertEqual(trend.intercept, a, accuracy: 1e-13)
        XCTAssertEqual(trend.logGrowthRateStandardError, (s2 / sxx).squareRoot(), accuracy: 1e-13)
        XCTAssertEqual(trend.interceptStandardError, (s2 * (1 / n + tBar * tBar / sxx)).squareRoot(), accuracy: 1e-13)
        XCTAssertEqual(trend.residualStandardDeviation, s2.squareRoot(), accuracy: 1e-13)
        XCTAssertEqual(trend.rSquared, 1 - rss / z.reduce(0) { $0 + ($1 - zBar) * ($1 - zBar) }, accuracy: 1e-12)
        XCTAssertEqual(trend.growthRate, exp(g) - 1, accuracy: 1e-14)
        XCTAssertEqual(trend.growthRateStandardError, exp(g) * trend.logGrowthRateStandardError, accuracy: 1e-15)
        // The noise was drawn around g = 0.03; with SE ≈ 0.002 the estimate is close to it.
        XCTAssertEqual(trend.logGrowthRate, 0.03, accuracy: 3 * trend.logGrowthRateStandardError)

        // A different base year moves the intercept only.
        let shifted = try TrendFit(years: years, values: values, baseYear: 2015)
        XCTAssertEqual(shifted.logGrowthRate, g, accuracy: 1e-13)
        XCTAssertEqual(shifted.intercept, a + 5 * g, accuracy: 1e-13)
        XCTAssertEqual(shifted.trendValue(atYear: 2013), trend.trendValue(atYear: 2013), accuracy: 1e-10)
    }

    func testPointsInitialiser() throws {
        let trend = try TrendFit(points: [(2000, 1), (2001, 2), (2002, 4)])
        XCTAssertEqual(trend.logGrowthRate, log(2), accuracy: 1e-14)
        XCTAssertEqual(trend.growthPercent, 100, accuracy: 1e-11)
    }

    func testErrors() {
        XCTAssertThrowsError(try TrendFit(years: [2000, 2001], values: [1, 2])) { error in
            XCTAssertEqual(error as? TrendFitError, .tooFewPoints(2))
            XCTAssertTrue("\(error)".contains("at least 3"))
        }
        XCTAssertThrowsError(try TrendFit(years: [2000, 2001, 2002], values: [1, 0, 2])) { error in
            XCTAssertEqual(error as? TrendFitError, .nonPositiveValue(index: 1, year: 2001, value: 0))
            XCTAssertTrue("\(error)".contains("2001"), "\(error)")
        }
        XCTAssertThrowsError(try TrendFit(years: [2000, 2001, 2002], values: [1, -3, 2]))
        XCTAssertThrowsError(try TrendFit(years: [2000, 2001, 2002], values: [1, .nan, 2]))
        XCTAssertThrowsError(try TrendFit(years: [2000, 2001, 2000, 2003], values: [1, 2, 3, 4])) { error in
            XCTAssertEqual(error as? TrendFitError, .duplicateYear(year: 2000, firstIndex: 0, secondIndex: 2))
            XCTAssertTrue("\(error)".contains("2000 appears twice"), "\(error)")
        }
        XCTAssertThrowsError(try TrendFit(years: [2000, 2001, 2002], values: [1, 2])) { error in
            XCTAssertEqual(error as? TrendFitError, .lengthMismatch(years: 3, values: 2))
        }
    }
}
