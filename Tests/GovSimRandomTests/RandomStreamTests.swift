import XCTest

@testable import GovSimRandom

final class RandomStreamTests: XCTestCase {
    // MARK: Mapping bits to (0, 1)

    func testOpenUnitEndpointsAreStrictlyInside() {
        let maxBits: UInt64 = (1 << 53) - 1
        XCTAssertEqual(RandomStream.openUnit(0), 0x1.0p-53)
        XCTAssertEqual(RandomStream.openUnit(maxBits), 1 - 0x1.0p-53)
        XCTAssertGreaterThan(RandomStream.openUnit(0), 0)
        XCTAssertLessThan(RandomStream.openUnit(maxBits), 1)
        // Upper half of the grid: every cell keeps its own midpoint (no rounding).
        XCTAssertLessThan(RandomStream.openUnit(maxBits - 2), RandomStream.openUnit(maxBits))
        XCTAssertEqual(RandomStream.openUnit(1 << 52), 0.5 + 0x1.0p-53)
    }

    func testOpenUnitGridIsSymmetric() {
        let maxBits: UInt64 = (1 << 53) - 1
        for k: UInt64 in [0, 1, 2, 12345, 1 << 40, (1 << 52) - 1, 1 << 52, maxBits - 7] {
            XCTAssertEqual(RandomStream.openUnit(k) + RandomStream.openUnit(maxBits - k), 1, "k = \(k)")
        }
    }

    // MARK: Stream layout and addressability

    func testKnownValues() {
        // Computed offline by an independent Python implementation of Philox4x32-10 (checked
        // against the Random123 vectors), splitmix64's mix, FNV-1a and the (k + 0.5)/2^52 map.
        let c = RandomStream.channel("shock.productivity")
        XCTAssertEqual(RandomStream(seed: 42, run: 0).uniformPair(channel: c, index: 0).0, 0.5469783754575975)
        XCTAssertEqual(RandomStream(seed: 42, run: 0).uniformPair(channel: c, index: 0).1, 0.2036068836920365)
        XCTAssertEqual(RandomStream(seed: 42, run: 0).uniform(channel: c, index: 1), 0.8956121191009453)
        XCTAssertEqual(RandomStream(seed: 42, run: 1).uniform(channel: c, index: 0), 0.33723059752344675)
        XCTAssertEqual(
            RandomStream(seed: 2024, run: 123_456_789_012).uniformPair(channel: c, index: 7).0,
            0.23683662085293322)
        XCTAssertEqual(
            RandomStream(seed: 2024, run: 123_456_789_012).uniformPair(channel: c, index: 7).1,
            0.16017113706982722)
        XCTAssertEqual(RandomStream(seed: 0, run: 0).uniformPair(channel: 0, index: 0).1, 0.7357127844834425)
    }

    func testCounterLayoutIsIndexChannelRunLowRunHigh() {
        let seed: UInt64 = 77, run: UInt64 = 0x0000_0003_0000_0002
        let stream = RandomStream(seed: seed, run: run)
        let key = SplitMix64.mix(seed)
        let philox = Philox4x32(key: (UInt32(truncatingIfNeeded: key), UInt32(truncatingIfNeeded: key >> 32)))
        let b = philox.block((9, 5, 2, 3))
        let hi = (UInt64(b.0) << 32 | UInt64(b.1)) >> 11, lo = (UInt64(b.2) << 32 | UInt64(b.3)) >> 11
        let pair = stream.uniformPair(channel: 5, index: 9)
        XCTAssertEqual(pair.0, RandomStream.openUnit(hi))
        XCTAssertEqual(pair.1, RandomStream.openUnit(lo))
    }

    func testUniformsAreStrictlyInsideTheUnitInterval() {
        let stream = RandomStream(seed: 1, run: 0)
        for i in 0..<50_000 {
            let (u, v) = stream.uniformPair(channel: 3, index: UInt32(i))
            XCTAssert(u > 0 && u < 1 && v > 0 && v < 1, "draw \(i): \(u), \(v)")
        }
    }

    func testDistinctRunsChannelsIndicesAndSeedsGiveDistinctValues() {
        var seen = Set<Double>()
        var count = 0
        for seed: UInt64 in [0, 1, 2] {
            for run: UInt64 in [0, 1, 2, 1 << 32, (1 << 32) + 1] {
                let stream = RandomStream(seed: seed, run: run)
                for channel: UInt32 in [0, 1, 2, RandomStream.channel("a"), RandomStream.channel("b")] {
                    for index: UInt32 in [0, 1, 2, 1000] {
                        let (u, v) = stream.uniformPair(channel: channel, index: index)
                        seen.insert(u); seen.insert(v)
                        count += 2
                    }
                }
            }
        }
        // 600 values on a grid of 2^52: a collision would have probability about 4e-11.
        XCTAssertEqual(seen.count, count)
    }

    func testDrawsAreAddressableInAnyOrder() {
        let seed: UInt64 = 987_654_321
        let channels = [RandomStream.channel("x"), RandomStream.channel("y")]
        var forward: [[Double]] = []
        for run: UInt64 in 0..<8 {
            let s = RandomStream(seed: seed, run: run)
            forward.append(channels.flatMap { c in (0..<16).map { s.uniform(channel: c, index: UInt32($0)) } })
        }
        // Recompute in a scrambled order with fresh stream values.
        var order = Array(0..<(8 * 2 * 16))
        var rng = Xoshiro256StarStar(seed: 5)
        order.shuffle(using: &rng)
        for k in order {
            let run = k / 32, c = (k % 32) / 16, i = k % 16
            let value = RandomStream(seed: seed, run: UInt64(run)).uniform(channel: channels[c], index: UInt32(i))
            XCTAssertEqual(value, forward[run][c * 16 + i])
        }
    }

    func testChannelIdentifiersAreStableAndDistinct() {
        // FNV-1a 64 of the UTF-8 bytes, splitmix64 mix, high 32 bits; computed offline in Python.
        XCTAssertEqual(RandomStream.channel("shock.productivity"), 3_424_357_485)
        XCTAssertEqual(RandomStream.channel("policy.uptake"), 3_869_338_324)
        XCTAssertEqual(RandomStream.channel(""), 4_113_176_041)
        XCTAssertEqual(RandomStream.channel("a"), 46_185_919)
        let names = (0..<2000).map { "param.\($0)" } + ["shock.productivity", "shock.Productivity", "shock.productivit"]
        XCTAssertEqual(Set(names.map(RandomStream.channel)).count, names.count)
    }

    // MARK: Statistical sanity

    func testChiSquareUniformityOver100Bins() {
        // 10^5 draws in 100 equal bins: under uniformity X² ~ chi-square(99). The bounds are the
        // 1e-4 and 1 − 1e-4 quantiles of chi-square(99) (scipy.stats.chi2.ppf), so a correct
        // generator fails either side with probability 1e-4 per seed (the seed is fixed, so the
        // test is deterministic).
        let n = 100_000, bins = 100
        var counts = [Int](repeating: 0, count: bins)
        let stream = RandomStream(seed: 20_240_601, run: 3)
        let channel = RandomStream.channel("uniformity")
        for i in 0..<n {
            counts[Int(stream.uniform(channel: channel, index: UInt32(i)) * Double(bins))] += 1
        }
        let expected = Double(n) / Double(bins)
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        XCTAssertLessThan(chi2, 160.0557, "chi-square too large")
        XCTAssertGreaterThan(chi2, 54.9869, "chi-square too small (suspiciously regular)")
    }

    /// Sample correlation of two sequences.
    private func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    func testAdjacentRunsSeedsAndChannelsAreUncorrelated() {
        // Under independence the sample correlation is approximately N(0, 1/n); |r| < 4/√n has
        // a false-alarm rate of 6e-5 per pair.
        let n = 100_000
        let bound = 4 / Double(n).squareRoot()
        let c = RandomStream.channel("corr")
        func draws(seed: UInt64, run: UInt64, channel: UInt32) -> [Double] {
            let s = RandomStream(seed: seed, run: run)
            return (0..<n).map { s.uniform(channel: channel, index: UInt32($0)) }
        }
        let base = draws(seed: 11, run: 500, channel: c)
        let nextRun = draws(seed: 11, run: 501, channel: c)
        let nextSeed = draws(seed: 12, run: 500, channel: c)
        let nextChannel = draws(seed: 11, run: 500, channel: c &+ 1)
        XCTAssertLessThan(abs(correlation(base, nextRun)), bound)
        XCTAssertLessThan(abs(correlation(base, nextSeed)), bound)
        XCTAssertLessThan(abs(correlation(base, nextChannel)), bound)
        // The two halves of one Philox block, and consecutive indices within a stream.
        let s = RandomStream(seed: 11, run: 500)
        let pairs = (0..<n).map { s.uniformPair(channel: c, index: UInt32($0)) }
        XCTAssertLessThan(abs(correlation(pairs.map(\.0), pairs.map(\.1))), bound)
        XCTAssertLessThan(abs(correlation(Array(base.dropLast()), Array(base.dropFirst()))), bound)
    }
}
