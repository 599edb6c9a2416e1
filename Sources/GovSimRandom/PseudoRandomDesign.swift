/// Plain Monte Carlo sampling: independent uniforms for every run and dimension.
///
/// Coordinate j of run r is drawn from a Philox4x32-10 counter (Salmon et al. 2011) addressed
/// by (r, ⌊j / 2⌋), keyed by a hash of the seed and this design's domain name, so each run's
/// point depends only on (seed, r): the baseline against which ``LatinHypercube`` and
/// ``SobolSequence`` are compared, and the pseudo-random base of ``SaltelliDesign``.
///
/// - Complexity: O(d) per run.
package struct PseudoRandomDesign: SamplingDesign, Hashable {
    package let dimensions: Int
    package let seed: UInt64

    package init(dimensions: Int, seed: UInt64) {
        precondition(dimensions >= 1, "PseudoRandomDesign: at least one dimension")
        self.dimensions = dimensions
        self.seed = seed
    }

    /// The point of one run (53 random bits per coordinate, in (0, 1)).
    package func point(at run: Int) -> [Double] {
        let random = CounterRandom(seed: seed, domain: "govsim.design.random")
        var out = [Double](repeating: 0, count: dimensions)
        fill(run: run, random: random, into: &out, offset: 0)
        return out
    }

    /// The points of `runs`, one row per run.
    package func points(for runs: Range<Int>) -> SampleMatrix {
        precondition(runs.lowerBound >= 0, "PseudoRandomDesign: negative run index")
        let random = CounterRandom(seed: seed, domain: "govsim.design.random")
        var values = [Double](repeating: 0, count: runs.count * dimensions)
        for (r, run) in runs.enumerated() {
            fill(run: run, random: random, into: &values, offset: r * dimensions)
        }
        return SampleMatrix(rows: runs.count, columns: dimensions, values: values)
    }

    private func fill(run: Int, random: CounterRandom, into out: inout [Double], offset: Int) {
        var j = 0
        while j < dimensions {
            let (w0, w1) = random.words(block: UInt64(run), stream: 0, index: UInt32(j / 2))
            out[offset + j] = CounterRandom.unit(w0)
            if j + 1 < dimensions { out[offset + j + 1] = CounterRandom.unit(w1) }
            j += 2
        }
    }
}
