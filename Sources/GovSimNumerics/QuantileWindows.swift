/// The values of one output cell (a metric in a year) over a set of runs, kept only where the
/// summary's quantiles can fall: for each probability of ``QuantileSummary/probabilities``, the
/// exact order statistics in a rank window around that quantile, with the rank of the first one.
/// Two windows of disjoint runs combine into the windows of the union, with exact ranks, so the
/// summary of any number of runs is made from bounded memory and is mergeable (block by block, shard
/// by shard).
///
/// Contract (the order statistics x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ of the runs covered):
/// - ``Window/values`` are exactly x₍ₛ₎ … x₍ₛ₊ₗ₋₁₎ with s = ``Window/start``, l = values.count.
/// - Combining A and B: the merged list of A's and B's kept values, at index i, is x₍s_A + s_B + i₎
///   of the union whenever it lies in [L, H], with L the larger of A's and B's first kept value
///   (−∞ for a window starting at rank 0) and H the smaller of their last (+∞ for a window that
///   reaches the last rank): values not kept lie at or below their window's first value or at or
///   above its last. The combined window keeps those exact order statistics inside its own target
///   range, so every stored value is an exact order statistic, whatever the order of combination.
/// - The target range of a window over n runs is the ranks ⌊p(n−1)⌋ ± w, w = ⌈k·σ + k²/3⌉ + 1,
///   σ = √(p(1−p)n), k = ``spread``: the rank of the root's quantile among any m of the runs (the
///   runs are independent draws, so those m are a random subset) is hypergeometric around p·m
///   with variance at most p(1−p)m, so by Bernstein's inequality it leaves a node's window with
///   probability at most e^(−k²/2) on each side (see docs/outputs.md for the failure rate).
/// - A quantile whose ranks fell outside the kept window is not silently approximated:
///   ``quantile(_:)`` returns the nearest exact order statistic with the distance in ranks, which
///   the engine reports as the rank error (0 when every quantile is exact).
package struct QuantileWindows: Sendable, Equatable {
    /// Exact order statistics of the runs covered, at ranks `start ..< start + values.count`.
    package struct Window: Sendable, Equatable {
        package var start: Int
        package var values: [Double]

        package init(start: Int, values: [Double]) {
            self.start = start
            self.values = values
        }
    }

    /// Standard deviations of the rank of a quantile kept on each side of it (assumption: with 6,
    /// at most e⁻¹⁸ ≈ 1.5·10⁻⁸ per tree node, cell, quantile and side by Bernstein's inequality,
    /// about 2·10⁻⁹ by the normal approximation, so a quantile of a million-run summary is off its
    /// exact value with probability below 10% (about 1%), and then by a reported rank or two, far
    /// inside 0.1 Monte Carlo standard error; see docs/outputs.md).
    package static let spread = 6.0

    /// Runs covered.
    package private(set) var count: Int = 0
    /// Values strictly above zero, and strictly below zero.
    package private(set) var positive: Int = 0
    package private(set) var negative: Int = 0
    /// One window per ``QuantileSummary/probabilities``.
    package private(set) var windows: [Window] = []

    package init() {}

    /// The windows of one set of runs, given all their values sorted ascending.
    package init(sorted values: [Double]) {
        count = values.count
        for x in values {
            if x > 0 { positive += 1 } else if x < 0 { negative += 1 }
        }
        windows = QuantileSummary.probabilities.map { p in
            let range = Self.targetRange(p: p, count: values.count)
            return Window(start: range.lowerBound, values: Array(values[range]))
        }
    }

    /// Restores windows from stored parts (for shards that carry tree nodes); nil unless they
    /// satisfy the shape of the contract (one window per probability, inside 0..<count, sorted).
    package init?(count: Int, positive: Int, negative: Int, windows: [Window]) {
        guard count >= 0, positive >= 0, negative >= 0, positive + negative <= count,
            windows.count == (count == 0 ? 0 : QuantileSummary.probabilities.count)
        else { return nil }
        for w in windows {
            guard w.start >= 0, w.start + w.values.count <= count else { return nil }
            for i in w.values.indices.dropFirst() where !(w.values[i - 1] <= w.values[i]) { return nil }
        }
        self.count = count
        self.positive = positive
        self.negative = negative
        self.windows = windows
    }

    /// The ranks kept for probability `p` over `count` runs.
    package static func targetRange(p: Double, count n: Int) -> Range<Int> {
        guard n > 0 else { return 0..<0 }
        let centre = Int((p * Double(n - 1)).rounded(.down))
        let w = Int((spread * (p * (1 - p) * Double(n)).squareRoot() + spread * spread / 3).rounded(.up)) + 1
        return max(0, centre - w)..<min(n, centre + w + 2)
    }

    /// The windows of the union of the runs of `a` and `b` (disjoint sets of runs).
    package static func combine(_ a: QuantileWindows, _ b: QuantileWindows) -> QuantileWindows {
        if a.count == 0 { return b }
        if b.count == 0 { return a }
        var out = QuantileWindows()
        out.count = a.count + b.count
        out.positive = a.positive + b.positive
        out.negative = a.negative + b.negative
        out.windows = QuantileSummary.probabilities.indices.map { q in
            combine(
                a.windows[q], count: a.count, b.windows[q], count: b.count,
                target: targetRange(p: QuantileSummary.probabilities[q], count: out.count))
        }
        return out
    }

    static func combine(_ a: Window, count na: Int, _ b: Window, count nb: Int, target: Range<Int>) -> Window {
        let low = max(
            a.start == 0 ? -Double.infinity : a.values.first ?? .infinity,
            b.start == 0 ? -Double.infinity : b.values.first ?? .infinity)
        let high = min(
            a.start + a.values.count == na ? Double.infinity : a.values.last ?? -.infinity,
            b.start + b.values.count == nb ? Double.infinity : b.values.last ?? -.infinity)
        let base = a.start + b.start
        // Ranks of the merged list that are exact (inside [low, high]) and inside the target.
        var kept: [Double] = []
        kept.reserveCapacity(min(target.count, a.values.count + b.values.count))
        var firstRank = -1
        var i = 0, j = 0, rank = base
        let av = a.values, bv = b.values
        while i < av.count || j < bv.count {
            let x: Double
            if j >= bv.count || (i < av.count && av[i] <= bv[j]) { x = av[i]; i += 1 } else { x = bv[j]; j += 1 }
            defer { rank += 1 }
            guard rank >= target.lowerBound else { continue }
            guard rank < target.upperBound else { break }
            guard x >= low, x <= high else {
                if firstRank >= 0 { break } else { continue }
            }
            if firstRank < 0 { firstRank = rank }
            kept.append(x)
        }
        if firstRank >= 0 { return Window(start: firstRank, values: kept) }
        // Nothing exact inside the target (a many-σ event): keep the exact order statistic nearest
        // to it, so the rank error stays known.
        var nearest: (rank: Int, value: Double)?
        i = 0; j = 0; rank = base
        while i < av.count || j < bv.count {
            let x: Double
            if j >= bv.count || (i < av.count && av[i] <= bv[j]) { x = av[i]; i += 1 } else { x = bv[j]; j += 1 }
            if x >= low, x <= high {
                let distance = rank < target.lowerBound ? target.lowerBound - rank : rank - (target.upperBound - 1)
                if nearest == nil || distance < Self.distance(nearest!.rank, target) { nearest = (rank, x) }
            }
            rank += 1
        }
        guard let nearest else { return Window(start: 0, values: []) }
        return Window(start: nearest.rank, values: [nearest.value])
    }

    private static func distance(_ rank: Int, _ target: Range<Int>) -> Int {
        rank < target.lowerBound ? target.lowerBound - rank : max(0, rank - (target.upperBound - 1))
    }

    /// The type-7 sample quantile at ``QuantileSummary/probabilities``[q] and how many ranks the
    /// order statistics used are from the ones it needs (0: exact). With no exact order statistic
    /// left (never observed), NaN and `count`.
    package func quantile(_ q: Int) -> (value: Double, rankError: Int) {
        guard count > 0 else { return (.nan, 0) }
        let w = windows[q]
        guard !w.values.isEmpty else { return (.nan, count) }
        let h = QuantileSummary.probabilities[q] * Double(count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, count - 1)
        let last = w.start + w.values.count - 1
        let l = min(max(lo, w.start), last), u = min(max(hi, w.start), last)
        let error = max(abs(l - lo), abs(u - hi))
        let x = w.values[l - w.start], y = w.values[u - w.start]
        return (x + (h - Double(lo)) * (y - x), error)
    }

    /// Values kept (for memory estimates and tests).
    package var storedValues: Int { windows.reduce(0) { $0 + $1.values.count } }
}
