/// Spearman's rank correlation: the Pearson correlation of the ranks, with tied values given
/// the average of the ranks they span (mid-ranks), as in Kendall & Gibbons, *Rank Correlation
/// Methods* (5th ed., 1990), §3, and scipy's `spearmanr`.
///
/// - Complexity: O(n log n) to rank a column; O(d · n log n + d² · n) for the matrix of an
///   n × d sample.
package enum SpearmanCorrelation {
    /// The mid-ranks 1 ... n of `values` (ties share the average of their ranks). Values must
    /// not be NaN.
    package static func ranks(_ values: [Double]) -> [Double] {
        precondition(!values.contains { $0.isNaN }, "SpearmanCorrelation.ranks: NaN value")
        let n = values.count
        // (value, index) pairs sorted by value, in place: contiguous, no indirect comparisons.
        // The order within a run of equal values does not matter (they share one mid-rank).
        var order = values.enumerated().map { (value: $0.element, index: $0.offset) }
        order.sort { $0.value < $1.value }
        var ranks = [Double](repeating: 0, count: n)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && order[end].value == order[start].value { end += 1 }
            let mid = Double(start + 1 + end) / 2  // average of ranks start+1 ... end
            for k in start..<end { ranks[order[k].index] = mid }
            start = end
        }
        return ranks
    }

    /// Spearman's correlation of two equally long samples (NaN if either is constant).
    package static func coefficient(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "SpearmanCorrelation: samples of different lengths")
        return pearson(ranks(x), ranks(y))
    }

    /// The d × d Spearman correlation matrix of the columns of `sample`, column-major
    /// (symmetric, unit diagonal; NaN in the rows and columns of constant columns).
    package static func matrix(of sample: SampleMatrix) -> [Double] {
        let d = sample.columns
        let ranked = (0..<d).map { ranks(sample.column($0)) }
        var out = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            for i in 0..<j {
                let r = pearson(ranked[i], ranked[j])
                out[i + j * d] = r
                out[j + i * d] = r
            }
            out[j + j * d] = ranked[j].allSatisfy { $0 == ranked[j].first } ? .nan : 1
        }
        return out
    }

    /// Pearson's correlation, two-pass (centred sums).
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<x.count {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
