/// What every pipeline is told about the invocation besides its options: the command line as
/// typed, the worker threads and the results folder as given. These go into the manifest's
/// `invocation` section only; no result depends on them.
package struct PipelineContext: Sendable {
    package var command: [String]
    package var threads: Int
    package var outputFolder: String

    package init(command: [String], threads: Int, outputFolder: String) {
        self.command = command
        self.threads = threads
        self.outputFolder = outputFolder
    }
}
