import Foundation

/// Reading the manifest without trusting it: bounds on its nesting and size, and the list of
/// files it records, each entry checked.
extension ReproductionCheck {
    /// Why `data` is nested too deeply or holds too many values for a manifest; nil when it is
    /// not (one pass that skips strings).
    static func nestingProblem(_ data: Data) -> String? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var depth = 0, values = 0, i = 0
            let n = bytes.count
            while i < n {
                switch bytes[i] {
                case 0x22:  // a string: skip to its closing quote, past escaped characters
                    i += 1
                    while i < n && bytes[i] != 0x22 { i += bytes[i] == 0x5C ? 2 : 1 }
                case 0x5B, 0x7B:  // [ {
                    depth += 1
                    values += 1
                    if depth > maximumDepth { return "nested more than \(maximumDepth) levels deep" }
                case 0x5D, 0x7D:  // ] }
                    depth -= 1
                case 0x2C:  // ,
                    values += 1
                    if values > maximumValues { return "holds more than \(maximumValues) values" }
                default:
                    break
                }
                i += 1
            }
            return nil
        }
    }

    /// A file the manifest lists.
    package struct RecordedFile: Sendable, Equatable {
        /// A plain file name inside the folder.
        package let name: String
        /// The size recorded.
        package let bytes: Int
        /// The SHA-256 recorded, in lowercase hexadecimal.
        package let sha256: String
    }

    /// The files the manifest lists, in its order, each checked: a plain name, listed once, a
    /// size and a SHA-256.
    /// - Throws: ``ReproductionError`` for the first entry that govsim could not have written.
    package func recordedFiles() throws -> [RecordedFile] {
        let items = manifest["files"]?.arrayValue ?? []
        guard items.count <= 10_000 else {
            throw ReproductionError("\(manifestName): lists \(items.count) files; govsim writes far fewer, so the manifest was edited")
        }
        var files: [RecordedFile] = []
        for (i, item) in items.enumerated() {
            guard let name = item["name"]?.stringValue else {
                throw ReproductionError("\(manifestName): files[\(i)] has no name; the manifest was edited or damaged")
            }
            guard FolderFile.isPlainName(name), name != "manifest.json" else {
                throw ReproductionError(
                    "\(manifestName): files[\(i)] is named `\(Printable.escaped(name))`, not a plain file name inside the folder; refused (the manifest was edited)"
                )
            }
            guard let bytes = item["bytes"]?.intValue, bytes >= 0 else {
                throw ReproductionError(
                    "\(manifestName): \(Printable.escaped(name)) has no size (`bytes`); the manifest was edited or damaged")
            }
            guard let sha = item["sha256"]?.stringValue, SHA256.isHexDigest(sha) else {
                throw ReproductionError(
                    "\(manifestName): \(Printable.escaped(name)) has no SHA-256 of 64 hexadecimal digits; the manifest was edited or damaged"
                )
            }
            guard !files.contains(where: { $0.name == name }) else {
                throw ReproductionError("\(manifestName): lists \(Printable.escaped(name)) twice; the manifest was edited")
            }
            files.append(RecordedFile(name: name, bytes: bytes, sha256: sha))
        }
        return files
    }
}
