import Foundation
import XCTest

@testable import govsim

/// The one progress reporter of every long command: its width, `NO_COLOR`, the plain-line style,
/// and that every long command (run, calibrate, compare, sensitivity, merge, verify, evaluate,
/// bench) takes `--quiet` and `--progress`.
final class ProgressReporterTests: XCTestCase {
    /// Collects what a reporter writes, with a clock the test steps.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        private var time: UInt64 = 1_000
        var output: @Sendable (String) -> Void {
            { [self] s in
                lock.lock(); text += s; lock.unlock()
            }
        }
        var clock: @Sendable () -> UInt64 {
            { [self] in
                lock.lock(); defer { lock.unlock() }; return time
            }
        }
        func advance(seconds: Double) { lock.lock(); time += UInt64(seconds * 1e9); lock.unlock() }
        var written: String { lock.lock(); defer { lock.unlock() }; return text }
    }

    private func bar(columns: Int, escapes: Bool = true, _ recorder: Recorder) -> ProgressReporter {
        ProgressReporter(
            total: 10_000, unit: "runs", style: .bar, columns: columns, escapes: escapes,
            output: recorder.output, clock: recorder.clock)
    }

    func testBarNeverWiderThanTheTerminal() {
        for columns in [20, 40, 60, 80, 132, 200] {
            let recorder = Recorder()
            let reporter = bar(columns: columns, recorder)
            for done in stride(from: 500, to: 10_000, by: 500) {
                recorder.advance(seconds: 0.3)
                reporter.update(done)
            }
            let lines = recorder.written.split(separator: "\r").map { $0.replacingOccurrences(of: "\u{1B}[K", with: "") }
            XCTAssertGreaterThan(lines.count, 10, "drawn at every update 0.3 s apart")
            for line in lines { XCTAssertLessThanOrEqual(line.count, columns - 1, "\(columns) columns: \(line)") }
            if columns >= 80 { XCTAssertTrue(lines.last!.hasPrefix("[" + String(repeating: "#", count: 26)), lines.last!) }
        }
    }

    func testBarShrinksThenGoesOnANarrowTerminal() {
        let text = "4,096/10,000 runs (41%), 2,345 runs/s, 3 s left"
        XCTAssertEqual(ProgressReporter.barLine(done: 5, total: 10, text: text, columns: 200).count, 28 + 3 + text.count)
        let narrow = ProgressReporter.barLine(done: 5, total: 10, text: text, columns: text.count + 10)
        XCTAssertEqual(narrow.count, text.count + 9)
        XCTAssertTrue(narrow.hasPrefix("[###···]"), narrow)
        XCTAssertEqual(ProgressReporter.barLine(done: 5, total: 10, text: text, columns: text.count + 3), text)
        XCTAssertEqual(ProgressReporter.barLine(done: 5, total: 10, text: text, columns: 11), String(text.prefix(10)))
    }

    /// The bar appears at the first unit done, however soon, then waits 0.25 s between redraws.
    func testBarAppearsAtTheFirstUpdate() {
        let recorder = Recorder()
        let reporter = bar(columns: 80, recorder)
        recorder.advance(seconds: 0.01)
        reporter.update(1_000)
        XCTAssertTrue(recorder.written.contains("1,000/10,000 runs"), recorder.written)
        recorder.advance(seconds: 0.1)
        reporter.update(2_000)
        XCTAssertFalse(recorder.written.contains("2,000/10,000"), "no redraw within 0.25 s")
        recorder.advance(seconds: 0.2)
        reporter.update(3_000)
        XCTAssertTrue(recorder.written.contains("3,000/10,000 runs"), recorder.written)
    }

    func testNoColorDrawsWithoutEscapeSequences() {
        let recorder = Recorder()
        let reporter = bar(columns: 80, escapes: false, recorder)
        recorder.advance(seconds: 0.3)
        reporter.update(9_000)
        recorder.advance(seconds: 0.3)
        reporter.update(9_500)
        reporter.finish()
        let text = recorder.written
        XCTAssertFalse(text.contains("\u{1B}"), text)
        XCTAssertTrue(text.contains("9,500/10,000 runs"), text)
        // The erase is spaces over the widest line drawn, between carriage returns.
        let widest = text.split(separator: "\r").map(\.count).max() ?? 0
        XCTAssertTrue(text.hasSuffix("\r" + String(repeating: " ", count: widest) + "\r"), text)
    }

    func testLinesAtMostOnceASecond() {
        let recorder = Recorder()
        let reporter = ProgressReporter(
            total: 100, unit: "runs", style: .lines, label: "re-run: ", output: recorder.output, clock: recorder.clock)
        for done in 1..<100 {
            recorder.advance(seconds: 0.25)
            reporter.update(done)
        }
        reporter.finish()
        let lines = recorder.written.split(separator: "\n")
        // 99 updates 0.25 s apart: one line per second, then the final line.
        XCTAssertEqual(lines.count, 24 + 1, recorder.written)
        for line in lines { XCTAssertTrue(line.hasPrefix("progress: re-run: "), String(line)) }
        XCTAssertTrue(lines.last!.hasPrefix("progress: re-run: 100 runs done in 25 s"), String(lines.last!))
    }

    /// A step that takes seconds (a bench case) is drawn at once, named after the counts; below
    /// one unit a second the rate is left out (it would read "0 cases/s").
    func testBeginStepDrawsAtOnceWithTheStep() {
        let recorder = Recorder()
        let reporter = ProgressReporter(total: 20, unit: "cases", style: .lines, output: recorder.output, clock: recorder.clock)
        reporter.begin(step: "reference, 100,000 runs", done: 0)
        recorder.advance(seconds: 30)
        reporter.begin(step: "portfolio", done: 3)
        reporter.finish()
        let lines = recorder.written.split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines,
            [
                "progress: 0/20 cases (0%) · reference, 100,000 runs",
                "progress: 3/20 cases (15%), 2 min 50 s left · portfolio",
                "progress: 20 cases done in 30 s",
            ])
    }

    func testEveryLongCommandTakesQuietAndProgress() throws {
        for arguments in [
            ["run"], ["calibrate"], ["compare"], ["sensitivity"], ["merge", "a"], ["verify", "a"], ["evaluate", "a", "b"], ["bench"],
            ["fit", "a.csv", "--response", "y"],
        ] {
            for flags in [["--quiet"], ["-q"], ["--progress"], ["--no-progress"]] {
                XCTAssertNoThrow(try GovSim.parseAsRoot(arguments + flags), "\(arguments + flags)")
            }
            XCTAssertThrowsError(try GovSim.parseAsRoot(arguments + ["--quiet", "--progress"]), "\(arguments)")
        }
    }
}

/// Every command that can take more than a second, end to end: with `--progress` and standard
/// error not a terminal (a log), it writes only `progress: ` lines there, the last saying its
/// work is done; with `--quiet` it writes nothing at all. (`run --shard` and `merge` with
/// `--progress`: ShardProgressTests. `bench` runs minutes of child processes: its reporter is
/// ``ProgressReporterTests/testBeginStepDrawsAtOnceWithTheStep()`` and its flags are parsed
/// above.) Small runs of a 3-year scenario keep it quick in a debug build.
final class ProgressInEveryLongCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try GovSimProcess.temporaryFolder()
        try ProgressInEveryLongCommandTests.writeInputs(to: dir)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// `small.yaml` (the reference over 3 years) and `o.csv` (an outturn with sds).
    static func writeInputs(to dir: URL) throws {
        let reference = try String(
            contentsOf: GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml"), encoding: .utf8)
        let small = reference.replacingOccurrences(of: "horizon: 15", with: "horizon: 3")
        XCTAssertNotEqual(small, reference)
        try small.write(to: dir.appendingPathComponent("small.yaml"), atomically: true, encoding: .utf8)
        try "year,metric,value,sd\n2026,productivity_index,100.8,0.3\n2027,productivity_index,101.5,0.3\n"
            .write(to: dir.appendingPathComponent("o.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: GovSimProcess.packageRoot.appendingPathComponent("scenarios/data/example-panel.csv"),
            to: dir.appendingPathComponent("example-panel.csv"))
    }

    /// The long commands after `run small.yaml --runs <runs> --out r` (which evaluate and verify
    /// read), with the last progress line each must end with. `runs` sizes the commands whose
    /// work is runs; the studies whose long part is per input or per regression (compare's and
    /// switching's sweeps, sensitivity's regressions) keep 100 to 300 runs.
    static func commands(runs: Int) -> [(arguments: [String], last: String)] {
        let n = ProgressReporter.count(runs)
        return [
            (["run", "small.yaml", "--runs", "\(runs)"], "progress: \(n) runs done in "),
            (["run", "small.yaml", "--runs", "\(runs)", "--condition-on", "o.csv"], "progress: simulating: \(n) runs done in "),
            (["calibrate", "--runs", "\(runs)"], "progress: \(n) runs done in "),
            (["compare", "small.yaml", "--runs", "100"], "progress: switching values: "),
            (["sensitivity", "small.yaml", "--runs", "300"], "progress: 88 regressions done in "),
            (
                ["sensitivity", "small.yaml", "--method", "sobol", "--base-samples", "64", "--bootstrap", "20"],
                "progress: 88 index sets done in "
            ),
            (["sensitivity", "small.yaml", "--method", "switching", "--runs", "100"], "progress: "),
            (["evaluate", "r", "o.csv"], "progress: observed values: \(n) runs done in "),
            (["fit", "example-panel.csv", "--response", "productivity"], "progress: 2 steps done in "),
            (["verify", "r"], "progress: re-run: \(n) runs done in "),
        ]
    }

    func testEveryLongCommandShowsProgressInALogAndNothingWhenQuiet() throws {
        let runs = 300
        let first = try GovSimProcess.run(["run", "small.yaml", "--runs", "\(runs)", "--out", "r", "--quiet"], in: dir)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout + first.stderr, "", "--quiet: nothing but errors")
        for (i, command) in Self.commands(runs: runs).enumerated() {
            let out = command.arguments[0] == "verify" ? [] : ["--out", "p\(i)"]
            let shown = try GovSimProcess.run(command.arguments + out + ["--progress"], in: dir)
            XCTAssertEqual(shown.status, 0, "\(command.arguments): \(shown.stderr)")
            let lines = shown.stderr.split(separator: "\n").map(String.init)
            XCTAssertFalse(lines.isEmpty, "\(command.arguments): progress lines")
            for line in lines { XCTAssertTrue(line.hasPrefix("progress: "), "\(command.arguments): \(line)") }
            XCTAssertTrue(
                lines.last?.hasPrefix(command.last) == true && lines.last?.contains(" done in ") == true,
                "\(command.arguments): \(shown.stderr)")
            let quiet = try GovSimProcess.run(command.arguments + (out.isEmpty ? [] : ["--out", "q\(i)"]) + ["--quiet"], in: dir)
            XCTAssertEqual(quiet.status, 0, "\(command.arguments): \(quiet.stderr)")
            XCTAssertEqual(quiet.stdout + quiet.stderr, "", "\(command.arguments) --quiet prints nothing")
        }
    }
}

/// End to end on a pseudo-terminal (`script -qc`): run draws the shared bar within `COLUMNS`,
/// erases it, and `NO_COLOR` leaves no escape sequence; every other long command draws the same
/// bar, and with `--quiet` writes nothing to the terminal.
final class ProgressOnATerminalTests: XCTestCase {
    func testRunDrawsABarWithinTheTerminalWidth() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw XCTSkip("script(1) is not installed; the pseudo-terminal test needs util-linux's script")
        }
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for noColor in ["", "1"] {
            let command = "\(GovSimProcess.executable.path) run --runs 3000 --threads 1 --out s\(noColor) >/dev/null"
            let r = try GovSimProcess.run(
                executable: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"], in: dir,
                environment: ["COLUMNS": "50", "NO_COLOR": noColor])
            XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
            let segments = r.stdout.replacingOccurrences(of: "\u{1B}[K", with: "").replacingOccurrences(of: "\u{1B}[2K", with: "")
                .split(separator: "\r").filter { $0.contains("runs/s") }
            XCTAssertFalse(segments.isEmpty, "a bar on the terminal: \(r.stdout.debugDescription)")
            for segment in segments { XCTAssertLessThanOrEqual(segment.trimmingCharacters(in: .whitespaces).count, 49, String(segment)) }
            XCTAssertEqual(r.stdout.contains("\u{1B}"), noColor.isEmpty, r.stdout.debugDescription)
        }
    }

    /// Each long command at a size that takes well over the bar's 0.25 s in a debug build (the
    /// regressions of sensitivity, the sweeps of compare), so that the bar is drawn at least
    /// once: within 49 columns of a 50-column terminal; with `--quiet` the terminal stays blank.
    func testEveryLongCommandDrawsTheBarOrNothingWhenQuiet() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw XCTSkip("script(1) is not installed; the pseudo-terminal test needs util-linux's script")
        }
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ProgressInEveryLongCommandTests.writeInputs(to: dir)
        // Two blocks: the bar is drawn after the first, well over 0.25 s in a debug build.
        let runs = 1100
        XCTAssertEqual(try GovSimProcess.run(["run", "small.yaml", "--runs", "\(runs)", "--out", "r", "-q"], in: dir).status, 0)
        for (i, command) in ProgressInEveryLongCommandTests.commands(runs: runs).enumerated() where command.arguments[0] != "run" || i > 0 {
            let out = command.arguments[0] == "verify" ? "" : " --out t\(i)"
            let line = ([GovSimProcess.executable.path] + command.arguments).joined(separator: " ") + out
            let r = try GovSimProcess.run(
                executable: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", line + " >/dev/null", "/dev/null"], in: dir,
                environment: ["COLUMNS": "50"])
            XCTAssertEqual(r.status, 0, "\(command.arguments): \(r.stdout)")
            let segments = r.stdout.replacingOccurrences(of: "\u{1B}[K", with: "").replacingOccurrences(of: "\u{1B}[2K", with: "")
                .split(separator: "\r").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // A phase's label may leave no room for the bar itself at 50 columns: then its text, cut.
            XCTAssertFalse(segments.isEmpty, "\(command.arguments): a bar on the terminal: \(r.stdout.debugDescription)")
            XCTAssertTrue(
                segments.contains { $0.contains("/") && $0.contains("(") },
                "\(command.arguments): counts drawn: \(r.stdout.debugDescription)")
            for segment in segments { XCTAssertLessThanOrEqual(segment.count, 49, segment) }
            XCTAssertFalse(r.stdout.contains("progress: "), "a bar, not log lines, on a terminal")
            let quiet = try GovSimProcess.run(
                executable: URL(fileURLWithPath: "/usr/bin/script"),
                ["-qec", line.replacingOccurrences(of: " --out t", with: " --out u") + " -q", "/dev/null"], in: dir,
                environment: ["COLUMNS": "50"])
            XCTAssertEqual(quiet.status, 0, quiet.stdout)
            XCTAssertEqual(quiet.stdout, "", "\(command.arguments) -q on a terminal")
        }
    }
}
