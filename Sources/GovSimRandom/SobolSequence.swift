/// The Sobol' low-discrepancy sequence in base 2, with optional random scrambling.
///
/// **Construction.** Sobol' (1967), "On the distribution of points in a cube and the approximate
/// evaluation of integrals", USSR Comput. Math. Math. Phys. 7(4), with the primitive polynomials
/// and initial direction numbers of Joe & Kuo (2008), SIAM J. Sci. Comput. 30(5), 2635–2654
/// (`new-joe-kuo-6.21201`, first ``maxDimensions`` dimensions; see ``SobolDirectionNumbers``).
/// Points are in Gray-code order (Antonov & Saleev 1979), as in scipy's
/// `scipy.stats.qmc.Sobol` and Joe & Kuo's reference code: point `i` is the XOR of the
/// direction numbers selected by the bits of `i ^ (i >> 1)`, so consecutive points differ by a
/// single XOR and point `i` can also be computed directly. Coordinates have 32 binary digits,
/// so at most 2^32 points are available.
///
/// **Scrambling.** ``Scrambling/linearMatrixAndShift(seed:)`` applies Matoušek's random linear
/// scrambling followed by a random digital shift (Matoušek 1998, "On the L2-discrepancy for
/// anchored boxes", J. Complexity 14(4); Owen 2003, "Variance with alternative scramblings of
/// digital nets", ACM TOMACS 13(4)): each dimension's generator matrix C is replaced by L·C with
/// L a random nonsingular lower-triangular binary matrix, and the digits are XOR-ed with a random
/// 32-bit vector. Both keep every (t, m, s)-net property of the sequence, while each point
/// becomes uniformly distributed, so estimates are unbiased and independent seeds give
/// independent replicates. L and the shift come from a Philox stream keyed by the seed: the
/// same seed always gives the same sequence.
///
/// **The first point.** Unscrambled, point 0 is the origin (scipy's convention too). It is not
/// skipped: dropping it would break the balance of the first 2^m points (Owen 2020, "On dropping
/// the first Sobol' point"). Two views of a point are offered:
/// - ``point(at:)``: the digital value k / 2^32, exactly the Sobol' point (equal to scipy's
///   `Sobol(d, scramble=False)` when unscrambled); it may be 0.
/// - the ``SamplingDesign`` view, ``points(for:)``: the centre of the point's 2^-32 cell,
///   (k + ½) / 2^32, always in the open interval (0, 1) so that `Distribution.quantile` stays
///   finite. Scrambled sequences are what a simulation should use; unscrambled, run 0 maps to
///   the 2^-33 corner (e.g. a normal quantile of −6.4).
///
/// - Complexity: initialisation O(d · 32), plus O(d · 32²) for scrambling; O(d · 32) for a point
///   by direct access; O(d) per point when generating a contiguous range.
public struct SobolSequence: SamplingDesign, Hashable {
    /// How the sequence is randomised.
    public enum Scrambling: Hashable, Sendable {
        /// The plain Sobol' sequence.
        case none
        /// Linear matrix scrambling plus a random digital shift, from a seed.
        case linearMatrixAndShift(seed: UInt64)
    }

    /// The largest number of dimensions supported by the embedded direction numbers.
    public static let maxDimensions = SobolDirectionNumbers.maxDimensions
    /// Binary digits per coordinate.
    public static let bits = 32
    /// The number of points available (2^32).
    public static let maxPoints = 1 << 32

    public let dimensions: Int
    public let scrambling: Scrambling
    /// Direction numbers, 32 per dimension (dimension-major), already scrambled if requested.
    @usableFromInline let directions: [UInt32]
    /// The digital shift per dimension (zero when unscrambled).
    @usableFromInline let shift: [UInt32]

    /// Creates a Sobol' sequence in `dimensions` dimensions (1 ... ``maxDimensions``).
    public init(dimensions: Int, scrambling: Scrambling) {
        precondition(
            dimensions >= 1 && dimensions <= SobolSequence.maxDimensions,
            "SobolSequence: \(dimensions) dimensions, supported 1...\(SobolSequence.maxDimensions)")
        self.dimensions = dimensions
        self.scrambling = scrambling
        var v = SobolSequence.directionNumbers(dimensions: dimensions)
        var shift = [UInt32](repeating: 0, count: dimensions)
        if case .linearMatrixAndShift(let seed) = scrambling {
            let random = CounterRandom(seed: seed, domain: "govsim.design.sobol.scramble")
            for d in 0..<dimensions {
                // Row k of L (k = 0 is the most significant digit) as a mask over digit
                // positions: bit 31 - l holds L[k][l]; unit diagonal, random below it.
                var rows = [UInt32](repeating: 0, count: 32)
                for k in 0..<32 {
                    let word = UInt32(truncatingIfNeeded: random.words(block: 0, stream: UInt32(d), index: UInt32(k)).0 >> 32)
                    let above: UInt32 = k == 0 ? 0 : ~UInt32(0) << UInt32(32 - k)
                    rows[k] = (word & above) | (UInt32(1) << UInt32(31 - k))
                }
                for j in 0..<32 {
                    let column = v[d * 32 + j]
                    var scrambled: UInt32 = 0
                    for k in 0..<32 where (rows[k] & column).nonzeroBitCount & 1 == 1 {
                        scrambled |= UInt32(1) << UInt32(31 - k)
                    }
                    v[d * 32 + j] = scrambled
                }
                shift[d] = UInt32(truncatingIfNeeded: random.words(block: 1, stream: UInt32(d), index: 0).0 >> 32)
            }
        }
        self.directions = v
        self.shift = shift
    }

    /// The unscrambled direction numbers V_j = m_j · 2^(32 − j) (j = 1 ... 32), from the
    /// Joe–Kuo recurrence V_j = V_{j−s} ⊕ (V_{j−s} >> s) ⊕ ⊕_{k<s} a_k V_{j−k}.
    static func directionNumbers(dimensions: Int) -> [UInt32] {
        var v = [UInt32](repeating: 0, count: dimensions * 32)
        for j in 0..<32 { v[j] = UInt32(1) << UInt32(31 - j) }
        var offset = 0
        for d in 1..<max(dimensions, 1) {
            let s = Int(SobolDirectionNumbers.degrees[d - 1])
            let a = Int(SobolDirectionNumbers.coefficients[d - 1])
            let base = d * 32
            for j in 0..<min(s, 32) {
                v[base + j] = UInt32(SobolDirectionNumbers.initialNumbers[offset + j]) << UInt32(31 - j)
            }
            if s < 32 {
                for j in s..<32 {
                    var value = v[base + j - s] ^ (v[base + j - s] >> UInt32(s))
                    for k in 1..<s where (a >> (s - 1 - k)) & 1 == 1 {
                        value ^= v[base + j - k]
                    }
                    v[base + j] = value
                }
            }
            offset += s
        }
        return v
    }

    /// The 32 binary digits of every coordinate of point `index` (0 ..< 2^32), scrambled if
    /// the sequence is: coordinate d is `digits[d] / 2^32`.
    ///
    /// - Complexity: O(d · 32).
    public func digits(at index: Int) -> [UInt32] {
        precondition(index >= 0 && index < SobolSequence.maxPoints, "SobolSequence: index \(index) out of range")
        let gray = UInt64(index) ^ (UInt64(index) >> 1)
        var out = shift
        var g = gray, j = 0
        while g != 0 {
            if g & 1 == 1 {
                for d in 0..<dimensions { out[d] ^= directions[d * 32 + j] }
            }
            g >>= 1
            j += 1
        }
        return out
    }

    /// Point `index` (0 ..< 2^32) as digital values k / 2^32 in [0, 1): exactly the Sobol'
    /// point; unscrambled, point 0 is the origin. Use ``points(for:)`` for values in (0, 1).
    ///
    /// - Complexity: O(d · 32).
    public func point(at index: Int) -> [Double] {
        digits(at: index).map { Double($0) * 0x1.0p-32 }
    }

    /// The points of `runs` (indices into the sequence), each coordinate the centre
    /// (k + ½) / 2^32 of its digital cell, so in the open interval (0, 1). The first point is
    /// computed directly and the others by Gray-code updates, so any range can be generated
    /// independently of the others.
    ///
    /// - Complexity: O(d · 32 + n · d) for n runs.
    public func points(for runs: Range<Int>) -> SampleMatrix {
        precondition(
            runs.lowerBound >= 0 && runs.upperBound <= SobolSequence.maxPoints,
            "SobolSequence: runs \(runs) out of range")
        let n = runs.count, d = dimensions
        var values = [Double](repeating: 0, count: n * d)
        guard n > 0 else { return SampleMatrix(rows: 0, columns: d, values: values) }
        var x = digits(at: runs.lowerBound)
        directions.withUnsafeBufferPointer { v in
            values.withUnsafeMutableBufferPointer { out in
                for r in 0..<n {
                    if r > 0 {
                        // Gray code of i and i − 1 differ in bit ctz(i).
                        let j = (runs.lowerBound + r).trailingZeroBitCount
                        for c in 0..<d { x[c] ^= v[c * 32 + j] }
                    }
                    for c in 0..<d { out[r * d + c] = (Double(x[c]) + 0.5) * 0x1.0p-32 }
                }
            }
        }
        return SampleMatrix(rows: n, columns: d, values: values)
    }
}
