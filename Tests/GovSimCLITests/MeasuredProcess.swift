import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `govsim` as a child process and measures what `Process` cannot: its wall time,
/// its CPU time and its peak resident memory (`ru_utime`, `ru_stime`, `ru_maxrss` from `wait4`).
/// A watchdog kills the child after `timeout` seconds so a hang fails the test instead of
/// stalling the suite.
enum MeasuredProcess {
    struct Result {
        /// Exit status, or 128 + the signal number if the child was killed by a signal.
        let status: Int32
        let stdout: String
        let stderr: String
        /// Wall time, in seconds.
        let seconds: Double
        /// CPU time (user + system) of govsim, in seconds: what a refusal costs, whatever else
        /// the machine is running (the wall time under load is not).
        let cpuSeconds: Double
        /// Peak resident set size, in kilobytes.
        let peakKilobytes: Int
        /// Whether the watchdog had to kill the child.
        let timedOut: Bool
    }

    /// Runs `govsim arguments…` with `directory` as its working directory. Standard output and
    /// error are captured in files outside `directory`, so the folder holds only what govsim wrote.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:],
        timeout: Double = 20
    ) throws -> Result {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("govsim-capture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outPath = capture.appendingPathComponent("stdout").path
        let errPath = capture.appendingPathComponent("stderr").path

        // `sh -c 'cd "$0" && exec "$@"' DIR govsim ARGS…`: sh replaces itself with govsim, so
        // the child's pid, exit status and rusage are govsim's, and no argument needs quoting.
        // With GNU time, the peak memory is govsim's own (`time` forks it from a small process):
        // ru_maxrss of a process spawned directly from this (large) test process starts at the
        // test process's own peak, because Linux keeps the high-water mark across exec.
        let timePath = capture.appendingPathComponent("time").path
        let useTime = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        let argv =
            useTime
            ? [
                "/bin/sh", "-c", "cd \"$0\" && t=\"$1\" && shift && exec /usr/bin/time -q -f %M -o \"$t\" \"$@\"", directory.path, timePath,
                GovSimProcess.executable.path,
            ] + arguments
            : ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path, GovSimProcess.executable.path] + arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let envStrings = env.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = envStrings.map { strdup($0) } + [nil]
        defer { (cArgv + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, cArgv, cEnv)
        guard spawned == 0 else { throw NSError(domain: NSPOSIXErrorDomain, code: Int(spawned)) }

        let watchdog = Watchdog()
        let child = pid
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            if watchdog.arm() { kill(child, SIGKILL) }
        }
        // Wait without reaping (the pid stays ours, as a zombie, while the watchdog is disarmed),
        // then reap with wait4 for the resource usage.
        var info = siginfo_t()
        while waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
        let timedOut = !watchdog.disarm()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(start)
        // The child's own time plus that of its waited-for children (GNU time waits for govsim).
        func total(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let cpuSeconds = total(usage.ru_utime) + total(usage.ru_stime)
        let signal = status & 0x7f
        var exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        var peak = Int(usage.ru_maxrss)
        if useTime, let text = try? String(contentsOfFile: timePath, encoding: .utf8) {
            // GNU time writes "Command terminated by signal N" or "Command exited with non-zero
            // status N" before the figure when the command did not succeed.
            let lines = text.split(separator: "\n")
            if let last = lines.last, let kb = Int(last.trimmingCharacters(in: .whitespaces)) { peak = kb }
            if let first = lines.first, first.hasPrefix("Command terminated by signal"),
                let n = Int32(first.split(separator: " ").last ?? "")
            {
                exitStatus = 128 + n
            }
        }
        return Result(
            status: exitStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
            seconds: seconds, cpuSeconds: cpuSeconds, peakKilobytes: peak, timedOut: timedOut)
    }

    /// Decides once, under a lock, whether the child finished or the watchdog fired first.
    final class Watchdog: @unchecked Sendable {
        private let lock = NSLock()
        private var decided = false
        /// The watchdog fires: true if the child had not finished.
        func arm() -> Bool { lock.lock(); defer { lock.unlock() }; if decided { return false }; decided = true; return true }
        /// The child finished: true if the watchdog had not fired.
        func disarm() -> Bool { lock.lock(); defer { lock.unlock() }; if decided { return false }; decided = true; return true }
    }
}
