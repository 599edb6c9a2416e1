/// A problem that stops `govsim verify` before it can compare anything, as one line.
public struct ReproductionError: Error, CustomStringConvertible, Sendable {
    /// The message: what is wrong, where, and what to do.
    public let description: String
    public init(_ message: String) { description = message }
}
