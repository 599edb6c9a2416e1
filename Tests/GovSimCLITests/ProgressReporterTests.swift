import Foundation
import XCTest
@testable import govsim

/// The one progress reporter of every long command: its width, `NO_COLOR`, the plain-line style,
/// and that compare, sensitivity, merge and verify take `--quiet` and `--progress`.
final class ProgressReporterTests: XCTestCase {
    /// Collects what a reporter writes, with a clock the test steps.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        private var time: UInt64 = 1_000
        var output: @Sendable (String) -> Void { { [self] s in lock.lock(); text += s; lock.unlock() } }
        var clock: @Sendable () -> UInt64 { { [self] in lock.lock(); defer { lock.unlock() }; return time } }
        func advance(seconds: Double) { lock.lock(); time += UInt64(seconds * 1e9); lock.unlock() }
        var written: String { lock.lock(); defer { lock.unlock() }; return text }
    }

    private func bar(columns: Int, escapes: Bool = true, _ recorder: Recorder) -> ProgressReporter {
        ProgressReporter(total: 10_000, unit: "runs", style: .bar, columns: columns, escapes: escapes,
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
        let reporter = ProgressReporter(total: 100, unit: "runs", style: .lines, label: "re-run: ", output: recorder.output, clock: recorder.clock)
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

    func testEveryLongCommandTakesQuietAndProgress() throws {
        for arguments in [["run"], ["calibrate"], ["compare"], ["sensitivity"], ["merge", "a"], ["verify", "a"]] {
            for flags in [["--quiet"], ["-q"], ["--progress"], ["--no-progress"]] {
                XCTAssertNoThrow(try GovSim.parseAsRoot(arguments + flags), "\(arguments + flags)")
            }
            XCTAssertThrowsError(try GovSim.parseAsRoot(arguments + ["--quiet", "--progress"]), "\(arguments)")
        }
    }
}

/// End to end on a pseudo-terminal (`script -qc`): run draws the shared bar within `COLUMNS`,
/// erases it, and `NO_COLOR` leaves no escape sequence.
final class ProgressOnATerminalTests: XCTestCase {
    func testRunDrawsABarWithinTheTerminalWidth() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw XCTSkip("script(1) is not installed; the pseudo-terminal test needs util-linux's script")
        }
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for noColor in ["", "1"] {
            let command = "\(GovSimProcess.executable.path) run --runs 3000 --threads 1 --out s\(noColor) >/dev/null"
            let r = try GovSimProcess.run(executable: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"], in: dir,
                                          environment: ["COLUMNS": "50", "NO_COLOR": noColor])
            XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
            let segments = r.stdout.replacingOccurrences(of: "\u{1B}[K", with: "").replacingOccurrences(of: "\u{1B}[2K", with: "")
                .split(separator: "\r").filter { $0.contains("runs/s") }
            XCTAssertFalse(segments.isEmpty, "a bar on the terminal: \(r.stdout.debugDescription)")
            for segment in segments { XCTAssertLessThanOrEqual(segment.trimmingCharacters(in: .whitespaces).count, 49, String(segment)) }
            XCTAssertEqual(r.stdout.contains("\u{1B}"), noColor.isEmpty, r.stdout.debugDescription)
        }
    }
}
