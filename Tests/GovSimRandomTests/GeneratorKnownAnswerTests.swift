import XCTest

@testable import GovSimRandom

/// Known-answer vectors for the three bit generators, from
/// `shared/reference-data/README.md` (Random123's kat_vectors for Philox4x32-10, the reference C
/// implementations of splitmix64 and xoshiro256** by Vigna).
final class GeneratorKnownAnswerTests: XCTestCase {
    private typealias Block = (UInt32, UInt32, UInt32, UInt32)

    private func assertBlock(_ actual: Block, _ expected: Block, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(
            [actual.0, actual.1, actual.2, actual.3], [expected.0, expected.1, expected.2, expected.3],
            file: file, line: line)
    }

    func testPhilox4x32_10ZeroCounterZeroKey() {
        let g = Philox4x32(key: (0, 0))
        assertBlock(g.block((0, 0, 0, 0)), (0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8))
    }

    func testPhilox4x32_10AllOnes() {
        let g = Philox4x32(key: (0xFFFF_FFFF, 0xFFFF_FFFF))
        assertBlock(
            g.block((0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF)),
            (0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD))
    }

    func testPhilox4x32_10PiDigits() {
        let g = Philox4x32(key: (0xA409_3822, 0x299F_31D0))
        assertBlock(
            g.block((0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344)),
            (0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1))
    }

    func testPhiloxSeedInitializerSplitsLowWordFirst() {
        let seed: UInt64 = 0x299F_31D0_A409_3822
        let g = Philox4x32(seed: seed)
        XCTAssertEqual(g.key.0, 0xA409_3822)
        XCTAssertEqual(g.key.1, 0x299F_31D0)
        assertBlock(
            g.block((0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344)),
            (0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1))
    }

    func testPhiloxIsAPureFunctionOfKeyAndCounter() {
        let g = Philox4x32(key: (123, 456))
        let first = g.block((1, 2, 3, 4))
        _ = g.block((5, 6, 7, 8))
        assertBlock(g.block((1, 2, 3, 4)), first)
        // Flipping any single counter bit changes the output block.
        let other = g.block((1, 2, 3, 5))
        XCTAssertNotEqual([first.0, first.1, first.2, first.3], [other.0, other.1, other.2, other.3])
    }

    func testSplitMix64Seed0() {
        var g = SplitMix64(seed: 0)
        XCTAssertEqual(g.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(g.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(g.next(), 0x06C4_5D18_8009_454F)
    }

    func testSplitMix64MixIsTheOutputFunction() {
        // next() adds the golden-ratio increment, then mixes.
        XCTAssertEqual(SplitMix64.mix(0x9E37_79B9_7F4A_7C15), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(SplitMix64.mix(0), 0)
    }

    func testXoshiro256StarStarState1234() {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let expected: [UInt64] = [
            11520, 0, 1_509_978_240, 1_215_971_899_390_074_240,
            1_216_172_134_540_287_360, 607_988_272_756_665_600,
        ]
        XCTAssertEqual((0..<expected.count).map { _ in g.next() }, expected)
    }

    func testXoshiroSeedingUsesSplitMix64() {
        let g = Xoshiro256StarStar(seed: 0)
        XCTAssertEqual(g.state.0, 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(g.state.1, 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(g.state.2, 0x06C4_5D18_8009_454F)
    }
}
