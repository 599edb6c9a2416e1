/// Count, mean and sum of squared deviations of a stream of numbers, updated one value at a
/// time (Welford 1962) and merged pairwise (Chan, Golub & LeVeque 1979), so blocks of runs
/// can be summarised separately and combined. Merging in a fixed order (block index order)
/// makes the result bit-for-bit independent of how blocks were spread over threads.
package struct MomentAccumulator: Sendable, Equatable {
    package private(set) var count: Int = 0
    package private(set) var mean: Double = 0
    /// Σ (x − mean)².
    package private(set) var m2: Double = 0

    package init() {}

    /// Restores moments from stored parts (for shards that carry tree nodes); nil unless they can
    /// be the moments of `count` values (count ≥ 0, m2 ≥ 0 or NaN, and nothing but zeros when empty).
    package init?(count: Int, mean: Double, m2: Double) {
        guard count >= 0, !(m2 < 0), count > 0 || (mean == 0 && m2 == 0) else { return nil }
        self.count = count
        self.mean = mean
        self.m2 = m2
    }

    package mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
    }

    /// Combines with the moments of another, disjoint set of values.
    package mutating func merge(_ other: MomentAccumulator) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(count + other.count)
        let delta = other.mean - mean
        mean += delta * Double(other.count) / n
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
        count += other.count
    }

    /// Sample variance (n − 1 denominator); 0 for fewer than two values.
    package var variance: Double { count > 1 ? max(0, m2) / Double(count - 1) : 0 }
    /// Sample standard deviation.
    package var standardDeviation: Double { variance.squareRoot() }
    /// Monte Carlo standard error of the mean, s/√n.
    package var standardError: Double { count > 0 ? standardDeviation / Double(count).squareRoot() : 0 }
}
