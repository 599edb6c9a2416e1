/// A sampling design: a deterministic rule giving every Monte Carlo run a point in the open
/// unit cube (0, 1)^d, which the model maps to its inputs by inversion
/// (`Distribution.quantile`).
///
/// Conforming types compute the points of any range of runs without generating the runs
/// before it (point-wise for ``SobolSequence`` and ``PseudoRandomDesign``, per fixed block of
/// runs for ``LatinHypercube``), so a run's point depends only on the design's seed and the
/// run index, never on how runs are split across threads.
package protocol SamplingDesign: Sendable {
    /// Number of coordinates of each point.
    var dimensions: Int { get }

    /// The points of the runs `runs` (zero-based run indices), one row per run, every value
    /// in the open interval (0, 1).
    func points(for runs: Range<Int>) -> SampleMatrix
}
