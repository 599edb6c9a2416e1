import ArgumentParser
import Foundation
import GovSimCore

/// The re-run of `govsim verify`: the recorded command, constructed from arguments generated
/// from the typed record (``ReproductionRecord/arguments(output:shardFolders:)``), run in this
/// process with the recorded input bytes, writing only into verify's temporary folder. No
/// child process: killing verify stops everything, and a record cannot start another verify
/// (only run, calibrate, compare, sensitivity, fit and merge exist as records).
extension VerifyCommand {
    /// Runs `record` in `work` and returns the folder of its results. For merge, runs every
    /// shard K of N first (into `work/shard-K`), then merges them.
    /// - Throws: ``ReproductionError`` with the re-run's own message when it fails.
    static func rerun(_ record: ReproductionRecord, inputs: [InputSources.Input], folder: String, in work: URL) throws -> URL {
        let output = work.appendingPathComponent("results")
        if record.subcommand == .merge, let shards = record.shards {
            var folders: [String] = []
            for k in 1...shards {
                let shardFolder = work.appendingPathComponent("shard-\(k)").path
                try invoke(
                    record.shardRecord(k), arguments: record.shardRecord(k).arguments(output: shardFolder),
                    inputs: inputs, folder: folder, work: work)
                folders.append(shardFolder)
            }
            try invoke(
                record, arguments: record.arguments(output: output.path, shardFolders: folders), inputs: inputs, folder: folder, work: work)
        } else {
            try invoke(record, arguments: record.arguments(output: output.path), inputs: inputs, folder: folder, work: work)
        }
        return output
    }

    /// Parses `arguments` as the record's command and runs it with the recorded inputs, its
    /// output and messages captured in `work`.
    static func invoke(_ record: ReproductionRecord, arguments: [String], inputs: [InputSources.Input], folder: String, work: URL) throws {
        InputSources.current = .recorded(inputs, folder: folder)
        defer { InputSources.current = .disk() }
        let capture = try CapturedOutput(in: work)
        var status: Int32 = 0
        var parseMessage: String?
        do {
            var command: ParsableCommand
            switch record.subcommand {
            case .run: command = try RunCommand.parse(arguments)
            case .calibrate: command = try CalibrateCommand.parse(arguments)
            case .compare: command = try CompareCommand.parse(arguments)
            case .sensitivity: command = try SensitivityCommand.parse(arguments)
            case .fit: command = try FitCommand.parse(arguments)
            case .merge: command = try MergeCommand.parse(arguments)
            }
            try command.run()
        } catch let exit as ExitCode {
            status = exit.rawValue
        } catch {
            status = 1
            parseMessage = GovSim.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid options"
        }
        let messages = capture.finish()
        let expected = status == 0 || (status == 2 && record.subcommand == .calibrate)
        guard expected else {
            var last = parseMessage ?? messages.split(separator: "\n").last.map(String.init) ?? "no message"
            for prefix in ["error: ", "Error: "] where last.hasPrefix(prefix) { last.removeFirst(prefix.count) }
            throw ReproductionError(
                "the re-run of \(record.subcommand.rawValue) failed (exit status \(status)): \(Printable.escaped(last, limit: 400))")
        }
    }
}

/// Standard output and error sent to files in a folder while a re-run prints, then restored.
final class CapturedOutput {
    /// The user's standard error while output is captured (for the interrupt message, which
    /// the signal handler writes from a Dispatch worker thread).
    static var userStandardError: Int32 {
        get { descriptorLock.lock(); defer { descriptorLock.unlock() }; return savedUserStandardError }
        set { descriptorLock.lock(); savedUserStandardError = newValue; descriptorLock.unlock() }
    }
    private static let descriptorLock = NSLock()
    /// `nonisolated(unsafe)` is safe: read and written only through ``userStandardError``,
    /// while holding `descriptorLock`.
    nonisolated(unsafe) private static var savedUserStandardError: Int32 = STDERR_FILENO

    private let savedOut: Int32, savedErr: Int32
    private let errorPath: String
    private var finished = false

    init(in folder: URL) throws {
        errorPath = folder.appendingPathComponent("rerun-messages").path
        let outPath = folder.appendingPathComponent("rerun-output").path
        fflush(nil)  // every output stream, standard output included (C `stdout` is global mutable state to Swift 6)
        let out = open(outPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let err = open(errorPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard out >= 0, err >= 0 else {
            if out >= 0 { close(out) }
            if err >= 0 { close(err) }
            throw ReproductionError("\(folder.path): cannot capture the re-run's messages (\(String(cString: strerror(errno))))")
        }
        savedOut = dup(STDOUT_FILENO)
        savedErr = dup(STDERR_FILENO)
        Self.userStandardError = savedErr
        dup2(out, STDOUT_FILENO)
        dup2(err, STDERR_FILENO)
        close(out)
        close(err)
    }

    /// Restores standard output and error; returns the last 64 KiB of what went to standard error.
    func finish() -> String {
        guard !finished else { return "" }
        finished = true
        fflush(nil)  // every output stream, standard output included (C `stdout` is global mutable state to Swift 6)
        dup2(savedOut, STDOUT_FILENO)
        dup2(savedErr, STDERR_FILENO)
        close(savedOut)
        close(savedErr)
        Self.userStandardError = STDERR_FILENO
        guard let handle = FileHandle(forReadingAtPath: errorPath) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 65_536 ? size - 65_536 : 0)
        return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    }

    deinit { _ = finish() }
}
