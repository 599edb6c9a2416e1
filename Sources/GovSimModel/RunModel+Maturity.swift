extension RunModel {
    /// Section 2 of `docs/model.md`, "Realisation lag (maturity) and the J-curve": sets each
    /// practice's maturity in year `t`,
    /// **Mᵢ(t) = aᵢ(t − n) + Σ_{k = t−n+1}^{t} (aᵢ(k) − aᵢ(k−1))·min(1, (t − k + 1)/L)**, n = ⌈L⌉,
    /// with aᵢ(k) = aᵢ(0) for k ≤ 0, and returns the weighted unmatured adoption
    /// Σᵢ wᵢ·max(0, aᵢ(t) − Mᵢ(t)), which times the depth j is the J-curve J(t).
    ///
    /// - Parameters:
    ///   - adoption: each practice's adoption by year, from ``adoptionPaths(_:years:)``.
    ///   - lag: L, the realisation lag in years.
    ///   - weights: the normalised weights wᵢ, from ``normalisedWeights(_:)``.
    ///   - maturity: one entry per practice, overwritten with Mᵢ(t).
    static func mature(_ adoption: [[Double]], year t: Int, lag: Double, weights: [Double], into maturity: inout [Double]) -> Double {
        let window = Int(lag.rounded(.up))
        var disruption = 0.0
        for i in 0..<adoption.count {
            let a = adoption[i]
            let base = t - window >= 0 ? a[t - window] : a[0]
            var level = base
            var k = max(1, t - window + 1)
            while k <= t {
                level += (a[k] - a[k - 1]) * min(1, Double(t - k + 1) / lag)
                k += 1
            }
            maturity[i] = level
            disruption += weights[i] * max(0, a[t] - level)
        }
        return disruption
    }
}
