import Foundation

/// The disk space a run's results need, checked before simulating so that a long run is not
/// lost to a full disk at its end: `runs.csv` dominates (one line per run of about 19 bytes per
/// column); the other files take a few megabytes.
package struct DiskSpaceEstimate: Sendable, Equatable {
    package let runs: Int
    /// Columns of `runs.csv`: the run number, the uncertain inputs and the results.
    package let columns: Int
    /// Estimated bytes of all output files.
    package let bytes: Double

    /// Bytes per number in `runs.csv`, with its comma (shortest round-trip doubles: 17–19).
    static let bytesPerCell = 19.0
    /// The files other than `runs.csv` (summaries, the report, the manifest).
    static let otherFiles = 16.0 * 1024 * 1024

    package init(runs: Int, uncertainInputs: Int) {
        self.runs = runs
        self.columns = 1 + uncertainInputs + RunsTable.resultColumns.count
        bytes = Double(runs) * Double(columns) * Self.bytesPerCell + Self.otherFiles
    }

    /// The free space (for an unprivileged user) of the file system that will hold `folder`,
    /// found with statvfs on its nearest existing ancestor, and that ancestor; nil if unknown.
    package static func freeSpace(forFolder folder: String) -> (bytes: Double, checked: String)? {
        var url = URL(fileURLWithPath: folder.isEmpty ? "." : folder).standardizedFileURL
        while true {
            var info = statvfs()
            if statvfs(url.path, &info) == 0 {
                return (Double(info.f_bavail) * Double(info.f_frsize), url.path)
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Nil when the outputs fit in `free` bytes; otherwise a one-line message with both numbers
    /// and what to do.
    package func refusal(free: Double, at place: String) -> String? {
        guard bytes > free else { return nil }
        let perRun = Double(columns) * Self.bytesPerCell
        let fitting = max(0, (free - Self.otherFiles) / perRun)
        return "the results of \(runs) runs would need about \(MemoryEstimate.gibibytes(bytes)) GiB of disk space (runs.csv), "
            + "more than the \(MemoryEstimate.gibibytes(free)) GiB free on the file system of \(place); "
            + "use fewer --runs (about \(Int(fitting)) fit), --no-runs-csv, or write the results (--out) to a file system with more space"
    }
}
