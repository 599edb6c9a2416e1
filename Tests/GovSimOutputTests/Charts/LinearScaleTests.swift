import XCTest

@testable import GovSimOutput

final class LinearScaleTests: XCTestCase {
    func testHeckbertNiceNumbers() {
        XCTAssertEqual(LinearScale.niceNumber(97, round: false), 100)
        XCTAssertEqual(LinearScale.niceNumber(0.13, round: false), 0.2)
        XCTAssertEqual(LinearScale.niceNumber(3.2, round: false), 5)
        XCTAssertEqual(LinearScale.niceNumber(20, round: true), 20)
        XCTAssertEqual(LinearScale.niceNumber(1.4, round: true), 1)
        XCTAssertEqual(LinearScale.niceNumber(6.9, round: true), 5)
        XCTAssertEqual(LinearScale.niceNumber(7, round: true), 10)
    }

    func testDomainZeroTo97GivesTicksZeroToHundredBy20() {
        let scale = LinearScale(domain: 0...97, range: (300, 0)).niced(count: 6)
        XCTAssertEqual(scale.domainLower, 0)
        XCTAssertEqual(scale.domainUpper, 100)
        XCTAssertEqual(scale.ticks(count: 6), [0, 20, 40, 60, 80, 100])
        XCTAssertEqual(scale.tickDecimals(count: 6), 0)
    }

    func testFractionalAndNegativeTicksAreRoundedToTheStep() {
        let scale = LinearScale(domain: -0.27...0.31, range: (0, 100)).niced(count: 6)
        XCTAssertEqual(scale.ticks(count: 6), [-0.4, -0.2, 0, 0.2, 0.4])
        XCTAssertEqual(scale.tickDecimals(count: 6), 1)
        let fine = LinearScale(domain: 0...0.3, range: (0, 100))
        XCTAssertEqual(fine.ticks(count: 7), [0, 0.1, 0.2, 0.3])  // 0.1 + 0.2 is written 0.3
        XCTAssertFalse(scale.ticks(count: 6).contains { $0 == 0 && $0.sign == .minus })
    }

    func testNicedDomainEndsOnTicksOfTheSameStep() {
        // 97.5-117 asks for a step of 5; the widened 95-120 alone would ask for 10.
        let raw = LinearScale(domain: 97.5...117, range: (300, 0))
        let step = raw.step(count: 6)
        XCTAssertEqual(step, 5)
        let y = raw.niced(step: step)
        XCTAssertEqual(y.ticks(step: step), [95, 100, 105, 110, 115, 120])
        XCTAssertEqual(y.ticks(step: step).first, y.domainLower)
        XCTAssertEqual(y.ticks(step: step).last, y.domainUpper)
    }

    func testTicksStayInsideAnUnnicedDomain() {
        let years = LinearScale(domain: 2025...2040, range: (0, 500))
        XCTAssertEqual(years.ticks(count: 6, minimumStep: 1), [2025, 2030, 2035, 2040])
        let short = LinearScale(domain: 2025...2028, range: (0, 500))
        XCTAssertEqual(short.ticks(count: 8, minimumStep: 1), [2025, 2026, 2027, 2028])
    }

    func testMapsAndInvertsLinearly() {
        let y = LinearScale(domain: 0...100, range: (300, 20))
        XCTAssertEqual(y(0), 300)
        XCTAssertEqual(y(100), 20)
        XCTAssertEqual(y(50), 160)
        XCTAssertEqual(y.invert(160), 50, accuracy: 1e-12)
        let x = LinearScale(domain: 2025...2035, range: (60, 560))
        XCTAssertEqual(x(2030), 310)
    }

    func testDegenerateDomainIsWidened() {
        let flat = LinearScale(domain: 100...100, range: (0, 10))
        XCTAssertLessThan(flat.domainLower, 100)
        XCTAssertGreaterThan(flat.domainUpper, 100)
        XCTAssertEqual(flat(100), 5, accuracy: 1e-12)
        let zero = LinearScale(domain: 0...0, range: (0, 10))
        XCTAssertEqual(zero.domainLower, -1)
        XCTAssertEqual(zero.domainUpper, 1)
    }
}

final class ChartNumberFormatTests: XCTestCase {
    func testFixedIsLocaleFreeWithGroupingAndTrueMinus() {
        XCTAssertEqual(ChartNumberFormat.fixed(-1234.5, decimals: 1), "\u{2212}1,234.5")
        XCTAssertEqual(ChartNumberFormat.fixed(1234567, decimals: 0), "1,234,567")
        XCTAssertEqual(ChartNumberFormat.fixed(1234567, decimals: 0, grouping: false), "1234567")
        XCTAssertEqual(ChartNumberFormat.fixed(-0.004, decimals: 2), "0.00")
        XCTAssertEqual(ChartNumberFormat.fixed(3.3, decimals: 1, plusSign: true), "+3.3")
        XCTAssertEqual(ChartNumberFormat.fixed(0.05, decimals: 2), "0.05")
        XCTAssertEqual(ChartNumberFormat.fixed(.nan, decimals: 2), "n/a")
    }

    func testCoordinates() {
        XCTAssertEqual(ChartNumberFormat.coordinate(12.345), "12.35")
        XCTAssertEqual(ChartNumberFormat.coordinate(12.3), "12.3")
        XCTAssertEqual(ChartNumberFormat.coordinate(12.05), "12.05")
        XCTAssertEqual(ChartNumberFormat.coordinate(-0.001), "0")
        XCTAssertEqual(ChartNumberFormat.coordinate(-3.5), "-3.5")
        XCTAssertEqual(ChartNumberFormat.coordinate(600), "600")
    }

    func testDecimalsForMagnitude() {
        XCTAssertEqual(ChartNumberFormat.decimals(forMagnitude: 1234), 0)
        XCTAssertEqual(ChartNumberFormat.decimals(forMagnitude: 75.5), 1)
        XCTAssertEqual(ChartNumberFormat.decimals(forMagnitude: 3.34), 2)
        XCTAssertEqual(ChartNumberFormat.decimals(forMagnitude: 0.123), 3)
        XCTAssertEqual(ChartNumberFormat.decimals(forMagnitude: 0), 0)
    }
}
