import Foundation

/// The run-specific facts of a manifest's `invocation` section: when the command ran, on how
/// many threads, and where it wrote. They are recorded but never change an output byte, and
/// `govsim verify` and the reproducibility tests ignore them (verify re-runs from the typed
/// ``ReproductionRecord``, never from the recorded command line).
package enum InvocationRecord {
    /// The facts, apart from the command line itself (``Manifest/command``).
    /// - Parameters:
    ///   - threads: worker threads used.
    ///   - outputFolder: the output folder as the command resolved it (e.g. `outputs/reference`).
    package static func facts(threads: Int, outputFolder: String) -> [String: JSONValue] {
        let now = Date()
        var facts: [String: JSONValue] = [
            "finished_utc": .string(timestamp(now)),
            "threads": .integer(threads),
            "processors": .integer(ProcessInfo.processInfo.activeProcessorCount),
            "output_folder": .string(outputFolder),
        ]
        if let start = processStart() {
            facts["started_utc"] = .string(timestamp(start))
            facts["wall_seconds"] = .number((now.timeIntervalSince(start) * 1000).rounded() / 1000)
        }
        return facts
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2025-06-01T12:00:00.123Z`.
    package static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// When this process started (Linux: `starttime` of /proc/self/stat against /proc/uptime,
    /// to a clock tick); nil elsewhere.
    package static func processStart() -> Date? {
        guard let stat = RunEnvironment.readWholeFile("/proc/self/stat"),
            let uptimeText = RunEnvironment.readWholeFile("/proc/uptime"),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the parenthesised command name start with field 3 (state); starttime is field 22.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]),
            let uptime = uptimeText.split(separator: " ").first.flatMap({ Double($0) })
        else { return nil }
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard hertz > 0 else { return nil }
        let age = uptime - ticks / hertz
        return age >= 0 ? Date().addingTimeInterval(-age) : nil
    }
}
