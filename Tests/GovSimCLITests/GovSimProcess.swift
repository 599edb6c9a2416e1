import Foundation
import XCTest

/// Runs the built `govsim` executable and captures its exit status and output.
struct GovSimProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The package root, from this file's location.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `govsim` binary built next to the test bundle (`swift build --build-tests` builds it).
    static var executable: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("govsim")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        for candidate in [".build/debug/govsim", ".build/release/govsim"] {
            let url = packageRoot.appendingPathComponent(candidate)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return besideTests
    }

    /// Runs `govsim arguments…` in `directory` with `environment` added to this process's and
    /// the variables named in `removing` taken out of it.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], removing: [String] = []) throws -> Result
    {
        try run(executable: executable, arguments, in: directory, environment: environment, removing: removing)
    }

    /// Runs any program with captured output (used for `govsim` and for Python in the schema test).
    static func run(
        executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:],
        removing: [String] = []
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        for k in removing { env.removeValue(forKey: k) }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a large output cannot block the child.
        let outData = DataBox(), errData = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData.data = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData.data = err.fileHandleForReading.readDataToEndOfFile() }
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
            stderr: String(decoding: errData.data, as: UTF8.self))
    }

    /// A fresh empty folder for one test.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("govsim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Holds bytes read on another thread; the dispatch group's wait orders the accesses.
final class DataBox: @unchecked Sendable {
    var data = Data()
}
