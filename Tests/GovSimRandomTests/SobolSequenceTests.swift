import XCTest

@testable import GovSimRandom

/// Reference values: scipy 1.17.1, `scipy.stats.qmc.Sobol(d, scramble=False, bits=32)`, digits
/// k = x · 2^32 (exact), computed offline with a short script: `random(1024)` for the rows and
/// hashes below, `fast_forward(start)` then `random(n)` for the far points (start 1,000,003 and
/// 2^31 + 12345). scipy numbers points
/// from 0 and its point 0 is the origin, as ``SobolSequence`` does.
final class SobolSequenceTests: XCTestCase {
    /// FNV-1a 64 over the digits as little-endian UInt32 bytes, in row order (the Python side
    /// used the same function).
    private func fnv(_ rows: [[UInt32]]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for row in rows {
            for v in row {
                for shift in stride(from: 0, to: 32, by: 8) {
                    h ^= UInt64((v >> UInt32(shift)) & 0xFF)
                    h = h &* 0x0000_0100_0000_01B3
                }
            }
        }
        return h
    }

    /// Rows of the 64-dimensional unscrambled sequence (index: digits).
    private let scipyRows64: [Int: [UInt32]] = [
        1: [
            2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648,
            2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648,
            2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648,
            2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648,
            2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648,
            2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648,
            2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648,
            2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648,
        ],
        2: [
            3221225472, 1073741824, 1073741824, 1073741824, 3221225472, 3221225472, 1073741824, 3221225472,
            3221225472, 3221225472, 3221225472, 3221225472, 1073741824, 1073741824, 3221225472, 1073741824,
            3221225472, 1073741824, 3221225472, 1073741824, 1073741824, 3221225472, 1073741824, 1073741824,
            1073741824, 3221225472, 1073741824, 3221225472, 1073741824, 3221225472, 1073741824, 1073741824,
            1073741824, 3221225472, 3221225472, 3221225472, 1073741824, 1073741824, 1073741824, 1073741824,
            1073741824, 3221225472, 1073741824, 1073741824, 3221225472, 1073741824, 1073741824, 1073741824,
            3221225472, 3221225472, 1073741824, 1073741824, 3221225472, 1073741824, 1073741824, 3221225472,
            1073741824, 3221225472, 3221225472, 3221225472, 1073741824, 3221225472, 3221225472, 3221225472,
        ],
        3: [
            1073741824, 3221225472, 3221225472, 3221225472, 1073741824, 1073741824, 3221225472, 1073741824,
            1073741824, 1073741824, 1073741824, 1073741824, 3221225472, 3221225472, 1073741824, 3221225472,
            1073741824, 3221225472, 1073741824, 3221225472, 3221225472, 1073741824, 3221225472, 3221225472,
            3221225472, 1073741824, 3221225472, 1073741824, 3221225472, 1073741824, 3221225472, 3221225472,
            3221225472, 1073741824, 1073741824, 1073741824, 3221225472, 3221225472, 3221225472, 3221225472,
            3221225472, 1073741824, 3221225472, 3221225472, 1073741824, 3221225472, 3221225472, 3221225472,
            1073741824, 1073741824, 3221225472, 3221225472, 1073741824, 3221225472, 3221225472, 1073741824,
            3221225472, 1073741824, 1073741824, 1073741824, 3221225472, 1073741824, 1073741824, 1073741824,
        ],
        5: [
            3758096384, 3758096384, 536870912, 1610612736, 3758096384, 2684354560, 3758096384, 1610612736,
            1610612736, 536870912, 1610612736, 3758096384, 3758096384, 536870912, 3758096384, 1610612736,
            3758096384, 1610612736, 1610612736, 2684354560, 2684354560, 2684354560, 3758096384, 1610612736,
            1610612736, 1610612736, 3758096384, 536870912, 2684354560, 2684354560, 3758096384, 2684354560,
            1610612736, 1610612736, 536870912, 536870912, 536870912, 1610612736, 3758096384, 1610612736,
            1610612736, 536870912, 2684354560, 1610612736, 1610612736, 2684354560, 536870912, 2684354560,
            2684354560, 3758096384, 2684354560, 1610612736, 2684354560, 3758096384, 536870912, 3758096384,
            1610612736, 3758096384, 1610612736, 1610612736, 2684354560, 3758096384, 1610612736, 2684354560,
        ],
        100: [
            1778384896, 1107296256, 3321888768, 3120562176, 3791650816, 3187671040, 100663296, 2046820352,
            2717908992, 2986344448, 1979711488, 2919235584, 2046820352, 3657433088, 1375731712, 2113929216,
            2919235584, 3187671040, 3590324224, 1442840576, 3254779904, 1711276032, 33554432, 2113929216,
            100663296, 33554432, 4060086272, 2852126720, 1040187392, 3120562176, 3053453312, 1778384896,
            1107296256, 1107296256, 1577058304, 2852126720, 4194304000, 2046820352, 3858759680, 570425344,
            3053453312, 2852126720, 1778384896, 2113929216, 1107296256, 2583691264, 1174405120, 3053453312,
            3120562176, 2852126720, 3791650816, 3456106496, 301989888, 3590324224, 1644167168, 3321888768,
            369098752, 1174405120, 1778384896, 704643072, 2113929216, 100663296, 1979711488, 2785017856,
        ],
        1023: [
            4194304, 3233808384, 2629828608, 624951296, 801112064, 1883242496, 599785472, 2654994432,
            1480589312, 3653238784, 2915041280, 155189248, 557842432, 2856321024, 1556086784, 1992294400,
            1346371584, 3762290688, 2512388096, 1371537408, 3720347648, 79691776, 3409969152, 843055104,
            1027604480, 1614807040, 2185232384, 3267362816, 3611295744, 1866465280, 3988783104, 2638217216,
            1941962752, 3753902080, 1430257664, 3711959040, 4047503360, 4240441344, 3871342592, 2998927360,
            2713714688, 4181721088, 3988783104, 465567744, 2134900736, 1337982976, 4148166656, 3275751424,
            3619684352, 3535798272, 1111490560, 742391808, 2831155200, 1749024768, 3896508416, 473956352,
            3426746368, 3695181824, 3124756480, 1514143744, 440401920, 843055104, 3393191936, 171966464,
        ],
    ]

    func testUnscrambledRowsMatchScipyIn64Dimensions() {
        let sobol = SobolSequence(dimensions: 64, scrambling: .none)
        for (index, expected) in scipyRows64 {
            XCTAssertEqual(sobol.digits(at: index), expected, "point \(index)")
            XCTAssertEqual(sobol.point(at: index), expected.map { Double($0) / 4_294_967_296 }, "point \(index)")
        }
        XCTAssertEqual(sobol.point(at: 0), [Double](repeating: 0, count: 64), "point 0 is the origin")
    }

    func testFirst1024PointsMatchScipyIn64And1024Dimensions() {
        for (d, expected) in [(64, 0x6F54_81E8_6A7E_C425 as UInt64), (1024, 0x1999_C51D_6543_A225)] {
            let sobol = SobolSequence(dimensions: d, scrambling: .none)
            let direct = (0..<1024).map { sobol.digits(at: $0) }
            XCTAssertEqual(fnv(direct), expected, "hash of the first 1024 points in \(d) dimensions")
            // The Gray-code range generator gives the same points as direct access.
            let block = sobol.points(for: 0..<1024)
            for i in Swift.stride(from: 0, to: 1024, by: 37) {
                XCTAssertEqual(block.row(i), direct[i].map { (Double($0) + 0.5) / 4_294_967_296 })
            }
        }
    }

    func testFarPointsMatchScipy() {
        // 1024 dimensions, points 1_000_003 ..< 1_000_006 (uses direction numbers up to 2^-20).
        let sobol = SobolSequence(dimensions: 1024, scrambling: .none)
        let rows = (1_000_003..<1_000_006).map { sobol.digits(at: $0) }
        XCTAssertEqual(fnv(rows), 0x09D8_A66C_A7C4_872E)
        XCTAssertEqual(Array(rows[0].prefix(4)), [1_187_450_880, 2_413_424_640, 334_991_360, 1_796_354_048])
        XCTAssertEqual(Array(rows[0].suffix(2)), [1_460_875_264, 209_776_640])

        // 64 dimensions, points 2^31 + 12345 and 2^31 + 12346 (all 32 direction numbers).
        let sobol64 = SobolSequence(dimensions: 64, scrambling: .none)
        let expected: [[UInt32]] = [
            [
                2752774147, 2238272853, 1645001659, 4141547569, 1937141223, 3480841581, 1621408785, 1458714307,
                3246064307, 1452380627, 1299451447, 3496554719, 2711945645, 1777074401, 82100999, 726381875,
                1657502017, 3923725707, 4258238693, 2297167877, 2550464515, 3223257099, 437891075, 1388974095,
                1256946439, 2749790977, 3316242185, 739709187, 2053549051, 1638569695, 1556555831, 3281757661,
                1823236049, 1301972831, 498555065, 2450437655, 2250968595, 2471815143, 1647255287, 2647898923,
                2677556307, 2750985723, 3779720961, 404700343, 175629443, 3362202735, 1896829779, 2470669463,
                2932134693, 4251844153, 864841951, 1963028757, 2768533365, 3980919479, 1068971829, 265363179,
                3277476003, 3824694093, 1952720615, 4114959093, 4145090921, 2008115897, 1560737741, 1439752459,
            ],
            [
                3826515971, 1164531029, 2718743483, 920322097, 863399399, 2407099757, 2695150609, 384972483,
                2172322483, 378638803, 225709623, 2422812895, 1638203821, 2850816225, 1155842823, 3947607347,
                583760193, 702500235, 3184496869, 1223426053, 1476722691, 2149515275, 3659116547, 2462715919,
                2330688263, 3823532801, 95016713, 1813451011, 3127290875, 564827871, 2630297655, 60532189,
                2896977873, 228231007, 1572296889, 3524179479, 1177226771, 1398073319, 2720997111, 1574157099,
                1603814483, 3824727547, 558495489, 3625925815, 1249371267, 140977263, 2970571603, 1396927639,
                4005876517, 3178102329, 4086067423, 3036770581, 3842275189, 759694007, 4290197301, 1339105003,
                56250531, 2750952269, 878978791, 3041217269, 923865449, 934374073, 486995917, 366010635,
            ],
        ]
        XCTAssertEqual(sobol64.digits(at: (1 << 31) + 12345), expected[0])
        XCTAssertEqual(sobol64.digits(at: (1 << 31) + 12346), expected[1])
        let block = sobol64.points(for: ((1 << 31) + 12340)..<((1 << 31) + 12347))
        XCTAssertEqual(block.row(6), expected[1].map { (Double($0) + 0.5) / 4_294_967_296 })
    }

    func testFewerDimensionsArePrefixes() {
        let big = SobolSequence(dimensions: 64, scrambling: .none)
        let small = SobolSequence(dimensions: 5, scrambling: .none)
        for i in [0, 1, 7, 100, 65_535, 1_234_567] {
            XCTAssertEqual(small.digits(at: i), Array(big.digits(at: i).prefix(5)))
        }
    }

    func testRangesAreIndependentOfHowRunsAreSplit() {
        for scrambling in [SobolSequence.Scrambling.none, .linearMatrixAndShift(seed: 7)] {
            let sobol = SobolSequence(dimensions: 12, scrambling: scrambling)
            let whole = sobol.points(for: 0..<3000)
            let part = sobol.points(for: 1111..<2222)
            for r in 0..<part.rows { XCTAssertEqual(part.row(r), whole.row(1111 + r)) }
            XCTAssertEqual(sobol.points(for: 2999..<3000).row(0), whole.row(2999))
        }
    }

    func testScramblingIsDeterministicAndSeedDependent() {
        let a = SobolSequence(dimensions: 8, scrambling: .linearMatrixAndShift(seed: 2024))
        let b = SobolSequence(dimensions: 8, scrambling: .linearMatrixAndShift(seed: 2024))
        let c = SobolSequence(dimensions: 8, scrambling: .linearMatrixAndShift(seed: 2025))
        XCTAssertEqual(a.points(for: 0..<256), b.points(for: 0..<256))
        XCTAssertNotEqual(a.points(for: 0..<256), c.points(for: 0..<256))
        XCTAssertNotEqual(a.digits(at: 0), [UInt32](repeating: 0, count: 8), "the shift moves the origin")
    }

    /// Every coordinate is in (0, 1), and each aligned block of 2^m points is a (0, m, 1)-net in
    /// every dimension (one point per interval [k/2^m, (k+1)/2^m)) and a (0, m, 2)-net in the first
    /// two dimensions (one point per elementary box of area 2^-m). Both are exact properties of the
    /// Sobol' sequence that linear matrix scrambling and digital shifts preserve.
    func testScrambledPointsAreOpenAndStratified() {
        let m = 10, n = 1 << m
        for seed: UInt64 in [1, 99, 123_456_789] {
            let sobol = SobolSequence(dimensions: 64, scrambling: .linearMatrixAndShift(seed: seed))
            for start in [0, n, 5 * n] {
                let block = sobol.points(for: start..<(start + n))
                XCTAssertTrue(block.values.allSatisfy { $0 > 0 && $0 < 1 })
                for j in 0..<64 {
                    let cells = Set(block.column(j).map { Int($0 * Double(n)) })
                    XCTAssertEqual(cells.count, n, "seed \(seed), block at \(start), dimension \(j)")
                }
                for k in 0...m {
                    let cells = Set(
                        (0..<n).map { i in
                            Int(block[i, 0] * Double(1 << k)) << (m - k) | Int(block[i, 1] * Double(1 << (m - k)))
                        })
                    XCTAssertEqual(cells.count, n, "2-D boxes 2^-\(k) × 2^-\(m - k), seed \(seed)")
                }
            }
        }
    }

    func testDesignValuesAreCellCentres() {
        let sobol = SobolSequence(dimensions: 3, scrambling: .none)
        let first = sobol.points(for: 0..<2)
        XCTAssertEqual(first.row(0), [Double](repeating: 0.5 / 4_294_967_296, count: 3))
        XCTAssertEqual(first.row(1), [Double](repeating: 0.5 + 0.5 / 4_294_967_296, count: 3))
    }
}
