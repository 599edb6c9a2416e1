import CSHA256

/// SHA-256 (FIPS 180-4), for the scenario and output hashes in manifests and runs.csv's hash on
/// the serial path of every run and merge. No crypto library: on x86 CPUs with the SHA extensions
/// the blocks are compressed by the small C target CSHA256 (several times faster: measured in
/// docs/performance.md), chosen at run time from CPUID; elsewhere by the portable Swift code
/// below. Both are checked against the FIPS test vectors in the tests.
///
/// The incremental hasher allocates nothing after its creation: whole 64-byte blocks are
/// compressed straight from the caller's bytes, and only a tail of fewer than 64 bytes is kept
/// (in a fixed 64-byte buffer) until the next ``update(_:)``.
public struct SHA256: Sendable {
    @usableFromInline
    static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The eight working words of the hash state (H₀ … H₇ of FIPS 180-4 §6.2).
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// Bytes not yet compressed (the first `pendingCount` of 64).
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    private var length: UInt64 = 0
    /// Whether blocks go to the SHA extensions (``Implementation/hardware``).
    private let hardware: Bool

    /// How the blocks are compressed.
    package enum Implementation: Sendable, CaseIterable {
        /// The portable Swift code (every CPU).
        case portable
        /// The x86 SHA extensions (CSHA256); only where ``hardwareAvailable``.
        case hardware
    }

    /// Whether this CPU has the x86 SHA extensions (and SSE4.1), from CPUID.
    package static let hardwareAvailable = csha256_hardware_available() != 0

    /// An incremental hash: ``update(_:)`` with the bytes in order, then ``finalize()``.
    public init() {
        hardware = SHA256.hardwareAvailable
    }

    /// A hash that compresses with `implementation` (the tests force each one); `.hardware`
    /// where it is not available falls back to `.portable`.
    package init(implementation: Implementation) {
        hardware = implementation == .hardware && SHA256.hardwareAvailable
    }

    /// Adds bytes to the message.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// Adds the bytes of a buffer to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        length &+= UInt64(bytes.count)
        var offset = 0
        if pendingCount > 0 {
            let take = Swift.min(64 - pendingCount, bytes.count)
            let start = pendingCount
            withUnsafeMutableBytes(of: &pending) { p in
                p.baseAddress!.advanced(by: start).copyMemory(from: base, byteCount: take)
            }
            pendingCount += take
            offset = take
            guard pendingCount == 64 else { return }
            let block = pending
            withUnsafeBytes(of: block) { p in compress(&state, p.baseAddress!, blocks: 1) }
            pendingCount = 0
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            compress(&state, base.advanced(by: offset), blocks: blocks)
            offset += 64 * blocks
        }
        let rest = bytes.count - offset
        if rest > 0 {
            let from = base.advanced(by: offset)
            withUnsafeMutableBytes(of: &pending) { p in p.baseAddress!.copyMemory(from: from, byteCount: rest) }
            pendingCount = rest
        }
    }

    /// The 32-byte digest of everything added.
    public mutating func finalizeBytes() -> [UInt8] {
        let bitLength = length &* 8
        var tail = withUnsafeBytes(of: pending) { Array($0[0..<pendingCount]) }
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        var s = state
        tail.withUnsafeBytes { compress(&s, $0.baseAddress!, blocks: tail.count / 64) }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for v in [s.0, s.1, s.2, s.3, s.4, s.5, s.6, s.7] {
            for shift in [24, 16, 8, 0] as [UInt32] { out.append(UInt8(truncatingIfNeeded: v >> shift)) }
        }
        return out
    }

    /// The digest of everything added, as 64 lowercase hexadecimal characters.
    public mutating func finalize() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in finalizeBytes() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The digest of `bytes` as 64 lowercase hexadecimal characters.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The 32-byte digest of `bytes`.
    public static func digest<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeBytes()
    }

    /// Compresses `blocks` consecutive 64-byte blocks at `message` into `h` with this hash's
    /// implementation.
    private func compress(
        _ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
        _ message: UnsafeRawPointer, blocks: Int
    ) {
        guard hardware else { return SHA256.compressPortable(&h, message, blocks: blocks) }
        // A homogeneous tuple of eight UInt32 is laid out as eight contiguous words.
        withUnsafeMutableBytes(of: &h) { words in
            csha256_compress(
                words.baseAddress!.assumingMemoryBound(to: UInt32.self),
                message.assumingMemoryBound(to: UInt8.self), blocks)
        }
    }

    /// Compresses `blocks` consecutive 64-byte blocks at `message` into `h` (FIPS 180-4 §6.2.2),
    /// portably.
    ///
    /// The 64 rounds are written as eight groups of eight with the working variables renamed
    /// from round to round instead of moved, and the message schedule is kept in a 16-word window
    /// on the stack.
    static func compressPortable(
        _ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
        _ message: UnsafeRawPointer, blocks: Int
    ) {
        SHA256.k.withUnsafeBufferPointer { kp in
            let k = kp.baseAddress!
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { wp in
                let w = wp.baseAddress!
                var (a, b, c, d, e, f, g, hh) = h
                for block in 0..<blocks {
                    let m = message.advanced(by: 64 &* block)
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: m.loadUnaligned(fromByteOffset: 4 &* i, as: UInt32.self))
                    }
                    let (a0, b0, c0, d0, e0, f0, g0, h0) = (a, b, c, d, e, f, g, hh)
                    var i = 0
                    while i < 64 {
                        round(a, b, c, &d, e, f, g, &hh, k, w, i)
                        round(hh, a, b, &c, d, e, f, &g, k, w, i &+ 1)
                        round(g, hh, a, &b, c, d, e, &f, k, w, i &+ 2)
                        round(f, g, hh, &a, b, c, d, &e, k, w, i &+ 3)
                        round(e, f, g, &hh, a, b, c, &d, k, w, i &+ 4)
                        round(d, e, f, &g, hh, a, b, &c, k, w, i &+ 5)
                        round(c, d, e, &f, g, hh, a, &b, k, w, i &+ 6)
                        round(b, c, d, &e, f, g, hh, &a, k, w, i &+ 7)
                        i &+= 8
                    }
                    a &+= a0; b &+= b0; c &+= c0; d &+= d0; e &+= e0; f &+= f0; g &+= g0; hh &+= h0
                }
                h = (a, b, c, d, e, f, g, hh)
            }
        }
    }

    /// Round `i`: T₁ = h + Σ₁(e) + Ch(e, f, g) + Kᵢ + Wᵢ, T₂ = Σ₀(a) + Maj(a, b, c); d += T₁ and
    /// h = T₁ + T₂ (the caller renames the variables for the next round). Wᵢ for i ≥ 16 is
    /// σ₁(W_{i−2}) + W_{i−7} + σ₀(W_{i−15}) + W_{i−16}, written over W_{i−16} in the window.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
        _ k: UnsafePointer<UInt32>, _ w: UnsafeMutablePointer<UInt32>, _ i: Int
    ) {
        @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }
        let wi: UInt32
        if i < 16 {
            wi = w[i]
        } else {
            let w15 = w[(i &- 15) & 15], w2 = w[(i &- 2) & 15]
            let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)
            let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)
            wi = w[i & 15] &+ s0 &+ w[(i &- 7) & 15] &+ s1
            w[i & 15] = wi
        }
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ wi
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
        d &+= t1
        h = t1 &+ t2
    }
}

extension SHA256 {
    /// Whether `text` is a SHA-256 digest in lowercase hexadecimal.
    public static func isHexDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
