/// The splitmix64 generator (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
/// generators", OOPSLA), used here as a 64-bit mixing function for deriving keys and
/// stream identifiers, and as the seeding procedure recommended for xoshiro.
///
/// Reproduces the reference outputs for seed 0 (see the tests).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The splitmix64 output function: a bijective avalanche mix of 64 bits.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
