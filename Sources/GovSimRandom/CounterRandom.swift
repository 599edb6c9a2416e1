/// Addressed random numbers for the sampling designs: a ``Philox4x32`` generator keyed by a
/// hash of (seed, domain), whose 128-bit counter is (index, stream, block low word, block high
/// word). Each (block, stream, index) address yields 128 fresh bits, independent of the order
/// in which addresses are visited, so a design block can be generated on any thread.
///
/// The domain (a name such as `"govsim.design.lhs"`) separates the designs' counter spaces
/// from each other and from ``RandomStream``'s, even when the user gives them the same seed.
@usableFromInline
package struct CounterRandom: Sendable {
    @usableFromInline let generator: Philox4x32

    init(seed: UInt64, domain: String) {
        let tag = SplitMix64.mix(UInt64(RandomStream.channel(domain)) | 0x6f76_0000_0000_0000)
        generator = Philox4x32(seed: SplitMix64.mix(SplitMix64.mix(seed) ^ tag))
    }

    /// The 128 bits at an address, as two 64-bit words.
    @inlinable
    func words(block: UInt64, stream: UInt32, index: UInt32) -> (UInt64, UInt64) {
        let b = generator.block(
            (
                index, stream, UInt32(truncatingIfNeeded: block),
                UInt32(truncatingIfNeeded: block >> 32)
            ))
        return (UInt64(b.0) << 32 | UInt64(b.1), UInt64(b.2) << 32 | UInt64(b.3))
    }

    /// A uniform in (0, 1) with 53 random bits from a 64-bit word: (k + 0.5) / 2^53.
    @inlinable
    static func unit(_ word: UInt64) -> Double {
        RandomStream.openUnit(word >> 11)
    }

    /// An integer in 0..<bound from a 64-bit word by Lemire's multiply-high reduction
    /// (the bias is below bound / 2^64, far below anything a simulation can detect).
    @inlinable
    package static func bounded(_ word: UInt64, _ bound: Int) -> Int {
        Int(truncatingIfNeeded: word.multipliedFullWidth(by: UInt64(bound)).high)
    }
}
