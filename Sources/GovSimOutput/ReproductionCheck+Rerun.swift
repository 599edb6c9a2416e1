import Foundation

/// Running the recorded command again: the typed record and its inputs, refused when they
/// contradict the manifest's facts, run into a fresh temporary folder, then its files and facts
/// compared with the recorded ones.
extension ReproductionCheck {
    /// Re-runs and compares files and facts (the part of ``run(rerun:)`` after the folder's own files).
    func compareWithRerun(
        _ rerun: Rerun, recorded: [RecordedFile], present: Set<String>, intact: Set<String>,
        changed changedMessage: (String) -> String, into outcome: inout Outcome
    ) throws {
        let names = Set(recorded.map(\.name))

        // What to run, from the typed record, with the recorded inputs.
        guard let recordValue = manifest["reproduction"] else {
            let version = manifest["govsim_version"]?.stringValue.map { " (it records govsim \(Printable.escaped($0, limit: 40)))" } ?? ""
            throw ReproductionError(
                "\(manifestName): has no `reproduction` record of the command's options\(version), so it cannot be re-run; check its files with --files-only"
            )
        }
        let record = try ReproductionRecord.decode(recordValue, manifest: manifestName)
        let inputs: [InputSources.Input]
        do {
            inputs = try manifest["inputs"].map { try InputSources.parse($0, manifest: manifestName) } ?? []
        } catch let error as InputSourceError {
            throw ReproductionError(error.description)
        }
        try checkRecordAgainstFacts(record)
        if let version = manifest["govsim_version"]?.stringValue, version != GovSimVersion.string {
            outcome.problems.append(
                "manifest.json: written by govsim \(Printable.escaped(version, limit: 40)); this is govsim \(GovSimVersion.string), so the bytes are not expected to match (verify with that version)"
            )
        }

        let work = try makeWorkFolder()
        defer { removeWorkFolder() }
        let output = try rerun(record, inputs, work)
        outcome.reran = true

        let rerunManifest: JSONValue
        do {
            rerunManifest = try JSONValue.parse(
                try FolderFile.contents(output.appendingPathComponent("manifest.json").path, limit: Self.manifestLimit, what: "manifest"))
        } catch {
            throw ReproductionError("the re-run wrote no readable manifest.json; please report this as a bug in govsim")
        }
        for file in recorded {
            let again = output.appendingPathComponent(file.name).path
            guard let status = FolderFile.status(again), status.isRegular else {
                outcome.problems.append("\(Printable.escaped(file.name)): the re-run did not write it")
                continue
            }
            let matches = status.size == file.bytes && (try? FolderFile.sha256(again)) == file.sha256
            let original = folder.appendingPathComponent(file.name).path
            let comparable = present.contains(file.name) && FolderFile.status(original)?.isRegular == true
            if matches {
                // Reproduced; a folder copy that differs was edited (already reported above).
                if comparable, !intact.contains(file.name) {
                    outcome.problems.append(
                        changedMessage(file.name) + (lineDifference(original, again, first: "in the folder", second: "re-run") ?? ""))
                }
                continue
            }
            if comparable && intact.contains(file.name) {
                let difference = lineDifference(original, again, first: "recorded", second: "re-run") ?? ""
                outcome.problems.append(
                    "\(Printable.escaped(file.name)): not reproduced: the re-run's bytes differ from the recorded file\(difference)")
            } else if comparable {
                let difference = lineDifference(original, again, first: "in the folder", second: "re-run") ?? ""
                outcome.problems.append(
                    changedMessage(file.name) + ", and the re-run does not reproduce the manifest's SHA-256 either" + difference)
            } else {
                outcome.problems.append(
                    "\(Printable.escaped(file.name)): not reproduced: the re-run's SHA-256 differs from the one the manifest records")
            }
        }
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).sorted()
        where !names.contains(name) && name != "manifest.json" {
            outcome.problems.append("\(Printable.escaped(name)): the re-run also wrote it, but the manifest does not list it")
        }
        outcome.problems += Self.factDifferences(recorded: manifest, rerun: rerunManifest)
    }

    /// Refuses, before spending any computation, a record that contradicts the manifest's own
    /// facts (an edited subcommand, runs or seed: e.g. a folder of 60 runs whose record asks
    /// for 100,000,000).
    func checkRecordAgainstFacts(_ record: ReproductionRecord) throws {
        func edited(_ what: String) -> ReproductionError {
            ReproductionError("\(manifestName): \(what); the manifest was edited, so it is not re-run")
        }
        if let subcommand = manifest["subcommand"]?.stringValue, subcommand != record.subcommand.rawValue {
            throw edited(
                "reproduction.subcommand is \(record.subcommand.rawValue), but the manifest records subcommand \(Printable.escaped(subcommand, limit: 40))"
            )
        }
        let sobol = record.subcommand == .sensitivity && record.method == "sobol"
        if let runs = record.runs, !sobol, let recorded = manifest["runs"]?.intValue, runs != recorded {
            throw edited("reproduction.runs is \(runs), but the manifest records runs \(recorded)")
        }
        if let seed = record.seed, let recorded = manifest["seed"]?.stringValue, UInt64(seed) != UInt64(recorded) {
            throw edited("reproduction.seed is \(seed), but the manifest records seed \(Printable.escaped(recorded, limit: 40))")
        }
    }
}
