import Foundation

/// Where a pipeline puts the files it produces, by name. The command line gives an
/// ``OutputTransaction`` (files become visible together on commit); a test gives an
/// ``InMemoryArtifacts``. A pipeline appends large streamed files (run's `runs.csv`) in pieces
/// and writes the others whole; it never names a file twice except by appending.
package protocol ArtifactSink: AnyObject {
    /// Writes a whole file.
    func write(_ name: String, _ contents: Data) throws
    /// Appends to a file, creating it on first use.
    func append(_ name: String, _ contents: Data) throws
}

extension OutputTransaction: ArtifactSink {}

/// Artifacts kept in memory, in the order first written (for tests and in-process callers).
package final class InMemoryArtifacts: ArtifactSink {
    /// Each file's name and bytes, in the order first written.
    package private(set) var files: [(name: String, contents: Data)] = []

    package init() {}

    package func write(_ name: String, _ contents: Data) throws {
        if let index = files.firstIndex(where: { $0.name == name }) {
            files[index].contents = contents
        } else {
            files.append((name, contents))
        }
    }

    package func append(_ name: String, _ contents: Data) throws {
        if let index = files.firstIndex(where: { $0.name == name }) {
            files[index].contents.append(contents)
        } else {
            files.append((name, contents))
        }
    }

    /// The bytes of `name`, or nil when it was not written.
    package subscript(name: String) -> Data? { files.first { $0.name == name }?.contents }
}
