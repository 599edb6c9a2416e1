/// Latin hypercube sampling (McKay, Beckman & Conover 1979, "A comparison of three methods for
/// selecting values of input variables in the analysis of output from a computer code",
/// Technometrics 21(2)).
///
/// A block of n points in d dimensions: in every dimension the n strata [k/n, (k+1)/n) are
/// visited once each, in an independent random order (a Fisher–Yates permutation), with a
/// uniform jitter inside the stratum. Each column of a block therefore has exactly one value
/// per stratum, which removes the additive (main-effect) part of the sampling variance of a
/// mean.
///
/// A long simulation of B·n runs is B independent Latin hypercube blocks: block b is generated
/// from a Philox4x32 stream addressed by (seed, b, dimension, stratum), so each block is the
/// same whichever thread makes it and whichever blocks are made before it. Run r belongs to
/// block r / n, row r mod n.
///
/// - Complexity: O(n · d) per block.
public struct LatinHypercube: SamplingDesign, Hashable {
    /// Points per block (the number of strata per dimension).
    public let pointsPerBlock: Int
    public let dimensions: Int
    public let seed: UInt64

    /// A Latin hypercube design with blocks of `points` points in `dimensions` dimensions.
    public init(points: Int, dimensions: Int, seed: UInt64) {
        precondition(points >= 1 && points <= Int(UInt32.max), "LatinHypercube: points must be in 1...2^32-1")
        precondition(dimensions >= 1 && dimensions <= Int(UInt32.max), "LatinHypercube: at least one dimension")
        self.pointsPerBlock = points
        self.dimensions = dimensions
        self.seed = seed
    }

    /// Block number `index` (n × d, one row per point), a Latin hypercube on its own.
    public func block(_ index: Int) -> SampleMatrix {
        precondition(index >= 0, "LatinHypercube: negative block index")
        let n = pointsPerBlock, d = dimensions
        let random = CounterRandom(seed: seed, domain: "govsim.design.lhs")
        var values = [Double](repeating: 0, count: n * d)
        var strata = [Int](repeating: 0, count: n)
        for j in 0..<d {
            for k in 0..<n { strata[k] = k }
            // Fisher–Yates, position k swapped with a uniform position in 0...k; the address
            // (block, dimension, k) gives the swap index (first word) and the jitter (second).
            var k = n - 1
            while k > 0 {
                let w = random.words(block: UInt64(index), stream: UInt32(j), index: UInt32(k)).0
                strata.swapAt(k, CounterRandom.bounded(w, k + 1))
                k -= 1
            }
            for i in 0..<n {
                let jitter = CounterRandom.unit(random.words(block: UInt64(index), stream: UInt32(j), index: UInt32(i)).1)
                values[i * d + j] = LatinHypercube.value(stratum: strata[i], of: n, jitter: jitter)
            }
        }
        return SampleMatrix(rows: n, columns: d, values: values)
    }

    /// The points of `runs`, assembled from the blocks they belong to.
    ///
    /// - Complexity: O(n · d) per block touched.
    public func points(for runs: Range<Int>) -> SampleMatrix {
        precondition(runs.lowerBound >= 0, "LatinHypercube: negative run index")
        let d = dimensions, n = pointsPerBlock
        var values = [Double](repeating: 0, count: runs.count * d)
        var run = runs.lowerBound
        while run < runs.upperBound {
            let b = run / n
            let block = self.block(b)
            let end = min(runs.upperBound, (b + 1) * n)
            for r in run..<end {
                let src = (r - b * n) * d, dst = (r - runs.lowerBound) * d
                for j in 0..<d { values[dst + j] = block.values[src + j] }
            }
            run = end
        }
        return SampleMatrix(rows: runs.count, columns: d, values: values)
    }

    /// A single Latin hypercube of `points` × `dimensions` from a caller's generator.
    ///
    /// - Complexity: O(n · d).
    public static func sample<G: RandomNumberGenerator>(
        points: Int, dimensions: Int,
        using rng: inout G
    ) -> SampleMatrix {
        precondition(points >= 1 && dimensions >= 1, "LatinHypercube: empty design")
        var values = [Double](repeating: 0, count: points * dimensions)
        var strata = [Int](repeating: 0, count: points)
        for j in 0..<dimensions {
            for k in 0..<points { strata[k] = k }
            var k = points - 1
            while k > 0 {
                strata.swapAt(k, CounterRandom.bounded(rng.next(), k + 1))
                k -= 1
            }
            for i in 0..<points {
                values[i * dimensions + j] = value(stratum: strata[i], of: points, jitter: CounterRandom.unit(rng.next()))
            }
        }
        return SampleMatrix(rows: points, columns: dimensions, values: values)
    }

    /// The point of stratum k of n at relative position `jitter` in (0, 1), guaranteed to lie
    /// in [k/n, (k+1)/n) as computed in floating point and in (0, 1).
    @inlinable
    static func value(stratum k: Int, of n: Int, jitter: Double) -> Double {
        let lo = Double(k) / Double(n), hi = Double(k + 1) / Double(n)
        return max(min(lo + jitter * (hi - lo), hi.nextDown), lo)
    }
}
