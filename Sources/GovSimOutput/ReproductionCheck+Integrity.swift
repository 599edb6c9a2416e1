import Foundation

/// The check itself: the folder's own files against the manifest (present, regular, of the
/// recorded size and SHA-256, nothing extra), then, when asked, the re-run
/// (`ReproductionCheck+Rerun.swift`).
extension ReproductionCheck {
    /// The outcome of a check: one entry per problem (empty when everything matched).
    package struct Outcome: Sendable {
        /// One line per problem, in the order found (the folder's files, then the re-run).
        package var problems: [String] = []
        /// Files compared.
        package var checkedFiles = 0
        /// Whether the command was re-run.
        package var reran = false
        /// Whether nothing differed.
        package var reproduced: Bool { problems.isEmpty }
    }

    /// What the caller runs again: the record, the inputs to serve, and the temporary folder it
    /// may write into. Returns the folder holding the re-run's results.
    package typealias Rerun = (_ record: ReproductionRecord, _ inputs: [InputSources.Input], _ work: URL) throws -> URL

    /// Checks the folder's files against the manifest and, when `rerun` is given, runs the
    /// recorded command again and compares its files and facts with the manifest.
    /// - Throws: ``ReproductionError`` when the manifest cannot be trusted enough to compare, or
    ///   the re-run cannot be prepared or fails.
    package func run(rerun: Rerun?) throws -> Outcome {
        var outcome = Outcome()
        let recorded = try recordedFiles()
        outcome.checkedFiles = recorded.count
        let names = Set(recorded.map(\.name))
        let present = Set(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []))

        // The folder's own files: each a regular file of the recorded size and SHA-256. A changed
        // file is reported after the re-run, with its first differing line, when there is one.
        var intact = Set<String>()
        var changed: [String: String] = [:]
        for file in recorded {
            let path = folder.appendingPathComponent(file.name).path
            guard present.contains(file.name), let status = FolderFile.status(path) else {
                outcome.problems.append("\(Printable.escaped(file.name)): missing from the folder (the manifest lists it)")
                continue
            }
            guard status.isRegular else {
                outcome.problems.append("\(Printable.escaped(file.name)): is \(status.kind), not the file govsim wrote; not followed")
                continue
            }
            if status.size != file.bytes {
                changed[file.name] = "\(status.size) bytes; the manifest records \(file.bytes)"
            } else if (try? FolderFile.sha256(path)) == file.sha256 {
                intact.insert(file.name)
            } else {
                changed[file.name] = "its SHA-256 is not the manifest's"
            }
        }
        for name in present.sorted() where !names.contains(name) && name != "manifest.json" {
            let kind = FolderFile.status(folder.appendingPathComponent(name).path).map { $0.isRegular ? "" : " (\($0.kind))" } ?? ""
            outcome.problems.append("\(Printable.escaped(name)): in the folder but not in the manifest\(kind); govsim did not write it")
        }
        func changedMessage(_ name: String) -> String {
            "\(Printable.escaped(name)): changed since govsim wrote it (\(changed[name] ?? ""))"
        }
        guard let rerun else {
            outcome.problems += recorded.filter { changed[$0.name] != nil }.map { changedMessage($0.name) }
            return outcome
        }
        do {
            try compareWithRerun(rerun, recorded: recorded, present: present, intact: intact, changed: changedMessage, into: &outcome)
        } catch let error as ReproductionError {
            // The folder's own problems first, then why it could not be re-run.
            outcome.problems += recorded.filter { changed[$0.name] != nil }.map { changedMessage($0.name) }
            outcome.problems.append(error.description)
        }
        return outcome
    }
}
