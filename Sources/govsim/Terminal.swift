import ArgumentParser
import Foundation
import GovSimCore

/// Writing to standard error and turning errors into messages and exit codes.
enum Terminal {
    /// Prints `error: message` as one line; control characters in it (from a file name or a
    /// file's content) are escaped, so no escape sequence reaches the terminal.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(ControlCharacters.escaped(message))\n".utf8))
    }

    /// Prints `message` as one line, control characters escaped.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(ControlCharacters.escaped(message))\n".utf8))
    }

    /// Runs `body`; on a known error prints it as one line per problem and exits with status 1.
    static func reportingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as ScenarioError {
            for d in e.diagnostics.prefix(20) { error(d.description) }
            if e.diagnostics.count > 20 { note("… and \(e.diagnostics.count - 20) more errors") }
            throw ExitCode(1)
        } catch let e as CLIError {
            error(e.description)
            throw ExitCode(1)
        } catch let e as DataTableError {
            error(e.description)
            throw ExitCode(1)
        } catch let e as OutputError {
            error("cannot write results: \(e.description)")
            throw ExitCode(1)
        }
    }

    /// Removes temporary output folders and exits when interrupted (SIGINT, SIGTERM), so an
    /// interrupted run leaves no partial folder behind and the previous results untouched.
    static func installInterruptHandlers() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                TemporaryFolderRegistry.shared.removeAll()
                FileHandle.standardError.write(Data("interrupted: no results written\n".utf8))
                exit(130)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    nonisolated(unsafe) static var signalSources: [DispatchSourceSignal] = []
}
