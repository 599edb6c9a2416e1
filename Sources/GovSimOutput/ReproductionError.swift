/// A problem that stops `govsim verify` before it can compare anything, as one line.
package struct ReproductionError: Error, CustomStringConvertible, Sendable {
    /// The message: what is wrong, where, and what to do.
    package let description: String
    package init(_ message: String) { description = message }
}
