import Foundation

/// The `files` list of a `manifest.json`: each file's name, size and SHA-256, as `merge`
/// checks a shard folder against it. Only the list is decoded (typed, into plain structs): a
/// manifest padded with millions of other values costs a linear scan, not a tree of them.
package struct ManifestListing: Decodable, Sendable {
    package struct Entry: Decodable, Sendable {
        package let name: String
        package let bytes: Int
        package let sha256: String
    }

    package let files: [Entry]

    /// The listing of `manifest`, or nil when it is not a manifest with a list of files.
    package static func parse(_ manifest: Data) -> ManifestListing? {
        try? JSONDecoder().decode(ManifestListing.self, from: manifest)
    }

    /// The size and SHA-256 of `name` when it is listed exactly once with a plausible size and
    /// a 64-digit hash; otherwise nil.
    package func entry(_ name: String) -> (bytes: Int, sha256: String)? {
        let entries = files.filter { $0.name == name }
        guard entries.count == 1, entries[0].bytes >= 0, entries[0].sha256.utf8.count == 64 else { return nil }
        return (entries[0].bytes, entries[0].sha256)
    }
}
