/// The xoshiro256** generator (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
/// generators", ACM TOMS 47(4)). A fast sequential generator with 256 bits of state,
/// offered for callers that want a conventional `RandomNumberGenerator` (for example
/// bootstrap resampling); seeded through ``SplitMix64`` as its authors recommend.
///
/// Reproduces the reference outputs for state {1, 2, 3, 4} (see the tests).
package struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    package private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator with an explicit state, which must not be all zero.
    package init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        self.state = state
    }

    /// Creates a generator whose state is filled by splitmix64 from `seed`.
    package init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        self.state = (sm.next(), sm.next(), sm.next(), sm.next())
    }

    package mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
