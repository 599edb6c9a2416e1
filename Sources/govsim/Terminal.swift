import ArgumentParser
import Foundation
import GovSimCore

/// Writing to standard error and turning errors into messages and exit codes.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
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
    /// In a re-run by `govsim verify` (the input source is a manifest's), verify's own handlers
    /// are installed and do the same for its temporary folder; none is added.
    static func installInterruptHandlers() {
        if InputSources.current.isRecorded { return }
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
