/// The random numbers of one Monte Carlo run: a view of a ``Philox4x32`` generator keyed by
/// the scenario's seed, with the run index in the counter.
///
/// Every draw is addressed, not sequential: `uniform(channel:index:)` returns the draw number
/// `index` of a named channel (a 32-bit identifier derived from a name such as
/// `"shock.productivity"` with ``RandomStream/channel(_:)``). The 128-bit Philox counter is
/// laid out as (index, channel, run low word, run high word), so
/// - different runs, channels and indices never share a counter (no overlapping streams, unlike
///   `seed + i` schemes), and
/// - a draw does not depend on which thread computes the run, on the block the run belongs to,
///   or on which other draws were made before it. Plan variants that share an input therefore
///   see exactly the same value for it (common random numbers).
public struct RandomStream: Sendable {
    public let generator: Philox4x32
    /// Zero-based run index.
    public let run: UInt64

    @inlinable
    public init(seed: UInt64, run: UInt64) {
        self.generator = Philox4x32(seed: SplitMix64.mix(seed))
        self.run = run
    }

    /// Two independent uniform variates in the open interval (0, 1), each on a grid of 2^52
    /// equally likely values (see ``openUnit(_:)``).
    @inlinable
    public func uniformPair(channel: UInt32, index: UInt32) -> (Double, Double) {
        let b = generator.block((index, channel, UInt32(truncatingIfNeeded: run), UInt32(truncatingIfNeeded: run >> 32)))
        let a = (UInt64(b.0) << 32 | UInt64(b.1)) >> 11
        let c = (UInt64(b.2) << 32 | UInt64(b.3)) >> 11
        return (RandomStream.openUnit(a), RandomStream.openUnit(c))
    }

    /// One uniform variate in (0, 1).
    @inlinable
    public func uniform(channel: UInt32, index: UInt32) -> Double {
        uniformPair(channel: channel, index: index).0
    }

    /// Maps a 53-bit random integer to the open interval (0, 1), never 0 or 1, so inverse-CDF
    /// transforms never see an infinite quantile.
    ///
    /// Uses the top 52 of the 53 bits, k = bits53 >> 1, and returns the cell midpoint
    /// (k + 0.5) / 2^52, which is exactly representable: the result lies in
    /// [2^-53, 1 − 2^-53], all 2^52 values are equally likely, and the grid is symmetric
    /// (1 − u is on it whenever u is), so antithetic pairs are exact. The 53-bit midpoint
    /// (k + 0.5) / 2^53 is not representable above 1/2: it rounded to 1.0 for k = 2^53 − 1
    /// and merged pairs of cells in the upper half.
    @inlinable
    public static func openUnit(_ bits53: UInt64) -> Double {
        (Double((bits53 & 0x1F_FFFF_FFFF_FFFF) >> 1) + 0.5) * 0x1.0p-52
    }

    /// A 32-bit channel identifier derived from a name by FNV-1a followed by a splitmix64 mix.
    /// Stable across platforms and releases (it depends only on the UTF-8 bytes of `name`).
    public static func channel(_ name: String) -> UInt32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return UInt32(truncatingIfNeeded: SplitMix64.mix(h) >> 32)
    }
}
