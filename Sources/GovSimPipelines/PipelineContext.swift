/// What every pipeline is told about the invocation besides its options: the command line as
/// typed, the worker threads and the results folder as given. These go into the manifest's
/// `invocation` section only; no result depends on them.
public struct PipelineContext: Sendable {
    public var command: [String]
    public var threads: Int
    public var outputFolder: String

    public init(command: [String], threads: Int, outputFolder: String) {
        self.command = command
        self.threads = threads
        self.outputFolder = outputFolder
    }
}
