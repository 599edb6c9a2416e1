/// A pipeline's refusal, with a complete one-line message (what is wrong and how to fix it);
/// the command line prints it as `error: <message>` and exits non-zero.
package struct PipelineError: Error, CustomStringConvertible, Sendable {
    package let description: String
    package init(_ message: String) { description = message }
}
