/// Quantiles by selection instead of a full sort.
///
/// A type-7 quantile (``QuantileSummary/quantile(sorted:p:)``) reads only the order statistics
/// x_⌊h⌋ and x_⌊h⌋+1. A multi-select (quickselect with a three-way partition, recursing only into
/// the parts that hold a wanted rank) puts exactly those order statistics where a sort would put
/// them, in O(n log k) for k wanted ranks instead of O(n log n); every other position holds some
/// value of its part. Order statistics are values, not positions, so the quantiles are the same
/// numbers as after a sort (equal values are interchangeable; the interpolation
/// x_lo + f (x_hi − x_lo) never yields −0, so even the sign of a zero cannot differ).
extension QuantileSummary {
    /// Summarises `values` (reordered in place, partially: see the extension's note) with their
    /// already accumulated `moments`: the same summary as ``init(sorting:moments:)``.
    package init(selecting values: inout [Double], moments: MomentAccumulator) {
        let quantiles = QuantileSummary.quantiles(selecting: &values, at: QuantileSummary.probabilities)
        var positive = 0, negative = 0
        for x in values {
            if x > 0 { positive += 1 } else if x < 0 { negative += 1 }
        }
        let n = Double(values.count)
        self.init(
            count: moments.count, mean: moments.mean, standardDeviation: moments.standardDeviation,
            standardError: moments.standardError, quantiles: quantiles,
            fractionPositive: values.isEmpty ? 0 : Double(positive) / n,
            fractionNegative: values.isEmpty ? 0 : Double(negative) / n)
    }

    /// Type-7 quantiles of `values` at `probabilities` (each in 0…1), in the order given; NaN for
    /// no values. `values` is reordered in place so that every order statistic the quantiles read
    /// is at its sorted position: a second call on the same array, or
    /// ``quantile(sorted:p:)`` at one of these probabilities, gives the same numbers.
    package static func quantiles(selecting values: inout [Double], at probabilities: [Double]) -> [Double] {
        guard !values.isEmpty else { return probabilities.map { _ in .nan } }
        let n = values.count
        var wanted = Set<Int>()
        for p in probabilities {
            let lo = Int((Double(n - 1) * p).rounded(.down))
            wanted.insert(lo)
            wanted.insert(min(lo + 1, n - 1))
        }
        let ranks = wanted.sorted()
        // Depth limit 2 log₂ n: past it a part is sorted outright (no quadratic worst case).
        var depth = 2
        var m = n
        while m > 1 { m >>= 1; depth += 2 }
        values.withUnsafeMutableBufferPointer { buffer in
            select(buffer, 0, n, ranks[...], depth: depth)
        }
        return probabilities.map { quantile(sorted: values, p: $0) }
    }

    /// Puts the order statistics of `buffer[lo..<hi]` at the positions `ranks` (ascending, inside
    /// `lo..<hi`) where a sort of the part would put them; the part keeps its values.
    private static func select(
        _ buffer: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int,
        _ ranks: ArraySlice<Int>, depth: Int
    ) {
        guard !ranks.isEmpty, hi - lo > 1 else { return }
        if hi - lo <= 16 || depth == 0 {
            var part = UnsafeMutableBufferPointer(rebasing: buffer[lo..<hi])
            part.sort()
            return
        }
        // Median of three as the pivot.
        let a = buffer[lo], b = buffer[lo + (hi - lo) / 2], c = buffer[hi - 1]
        let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
        // Three-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi) > pivot.
        var lt = lo, i = lo, gt = hi - 1
        while i <= gt {
            let x = buffer[i]
            if x < pivot {
                buffer.swapAt(lt, i)
                lt += 1
                i += 1
            } else if x > pivot {
                buffer.swapAt(i, gt)
                gt -= 1
            } else {
                i += 1
            }
        }
        // Ranks in lt...gt hold the pivot's value: done.
        let left = ranks.prefix { $0 < lt }
        let right = ranks.drop { $0 <= gt }
        select(buffer, lo, lt, left, depth: depth - 1)
        select(buffer, gt + 1, hi, right, depth: depth - 1)
    }
}
