/// The Philox4x32-10 counter-based random number generator.
///
/// Philox maps a 128-bit counter and a 64-bit key to 128 random bits through ten rounds
/// of multiply-and-xor (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers: as easy
/// as 1, 2, 3", SC'11). Because each output is a pure function of (key, counter), any draw
/// of any stream can be computed directly without generating the ones before it, which is
/// what makes govsim's results independent of the number of threads.
///
/// The implementation reproduces the Random123 known-answer vectors (see the tests).
///
/// - Complexity: O(1) per block of four 32-bit words (ten rounds).
public struct Philox4x32: Sendable {
    /// The 64-bit key, as two 32-bit words.
    public let key: (UInt32, UInt32)

    @inlinable
    public init(key: (UInt32, UInt32)) {
        self.key = key
    }

    @inlinable
    public init(seed: UInt64) {
        self.key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    }

    /// Returns the four 32-bit output words for `counter`.
    @inlinable
    public func block(_ counter: (UInt32, UInt32, UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var c = counter
        var k0 = key.0, k1 = key.1
        for round in 0..<10 {
            if round > 0 {
                k0 &+= 0x9E37_79B9
                k1 &+= 0xBB67_AE85
            }
            let p0 = UInt64(0xD251_1F53) &* UInt64(c.0)
            let p1 = UInt64(0xCD9E_8D57) &* UInt64(c.2)
            let hi0 = UInt32(truncatingIfNeeded: p0 >> 32), lo0 = UInt32(truncatingIfNeeded: p0)
            let hi1 = UInt32(truncatingIfNeeded: p1 >> 32), lo1 = UInt32(truncatingIfNeeded: p1)
            c = (hi1 ^ c.1 ^ k0, lo1, hi0 ^ c.3 ^ k1, lo0)
        }
        return c
    }
}
