/// Strict UTF-8 for data files' fields. In the support layer, which debug builds optimise: the
/// CSV reader decodes every field of a file of up to 16 MiB.
package enum StrictUTF8 {
    /// Strict UTF-8 decoding (nil for any ill-formed sequence, including overlongs and
    /// surrogates, per the Unicode Standard §3.9).
    package static func decode(_ bytes: [UInt8]) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }

    /// 0-based offset of the first byte of the first ill-formed sequence in `bytes`
    /// (`bytes.count` if there is none).
    package static func firstInvalidOffset(_ bytes: [UInt8]) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: return offset
            }
        }
    }
}
