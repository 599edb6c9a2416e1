import Foundation

/// Shows the progress of a long computation on standard error: runs done, rate and time left.
/// The one reporter of every long command (run, its conditioning, calibrate, compare,
/// sensitivity, merge, evaluate, verify's re-run, bench); the library only calls back with the
/// units done.
///
/// `.bar` draws one line at the first update, then redraws it in place at most four times a
/// second, never wider than the terminal
/// (`columns` − 1: the bar shrinks, then goes, then the text is cut), and erases it at the end;
/// with `escapes` false (`NO_COLOR` set) it uses only carriage returns and spaces, no escape
/// sequence. `.lines` (for logs, with `--progress` when standard error is not a terminal) prints
/// a plain line at most once a second and a final line. ``update(_:)`` may be called from any
/// thread.
///
/// `@unchecked Sendable` is safe: `total`, `unit`, `style` and `start` are immutable, and the
/// `var`s (`lastDraw`, `drawn`, `done`, `step`, `lastWidth`) are read and written only while
/// holding `lock`.
final class ProgressReporter: @unchecked Sendable {
    enum Style { case bar, lines }

    let total: Int
    let unit: String
    let style: Style
    /// The terminal's width in columns (``Terminal/columns``).
    let columns: Int
    /// Whether the bar may use ANSI escape sequences (erase line); false under `NO_COLOR`.
    let escapes: Bool
    /// Where the text goes (standard error; a test collects it).
    private let output: @Sendable (String) -> Void
    /// Prefixed to every line (`re-run: ` in verify).
    let label: String
    private let lock = NSLock()
    /// Nanoseconds on a monotonic clock (a test steps its own).
    private let clock: @Sendable () -> UInt64
    private let start: UInt64
    private var lastDraw: UInt64
    private var drawn = false
    private var done = 0

    static let barInterval: UInt64 = 250_000_000
    static let lineInterval: UInt64 = 1_000_000_000
    /// The widest bar, in characters between the brackets.
    static let barWidth = 28
    /// The narrowest bar worth drawing; below it only the text is shown.
    static let minimumBarWidth = 5

    init(
        total: Int, unit: String, style: Style, columns: Int = Terminal.columns, escapes: Bool = true, label: String = "",
        output: @escaping @Sendable (String) -> Void = { Terminal.writeStandardError($0) },
        clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    ) {
        self.total = max(1, total)
        self.unit = unit
        self.style = style
        self.columns = max(2, columns)
        self.escapes = escapes
        self.label = label
        self.output = output
        self.clock = clock
        start = clock()
        lastDraw = start
    }

    /// The callback to pass to the engine: receives the number of units finished so far.
    var callback: @Sendable (Int) -> Void { { [self] done in self.update(done) } }

    /// Records that `done` units are finished and redraws when enough time has passed.
    func update(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.done = max(self.done, done)
        let now = clock()
        let interval = style == .bar ? ProgressReporter.barInterval : ProgressReporter.lineInterval
        // The bar appears at the first update (feedback as soon as a unit is done), then
        // redraws at most every `barInterval`; a log gets a line at most once a second.
        guard now - lastDraw >= interval || (style == .bar && !drawn), self.done < total else { return }
        draw(now: now)
    }

    /// Records that `done` units are finished and `step` has begun (`bench`: the case now
    /// running, each taking seconds), and redraws at once, the step after the counts.
    func begin(step: String, done: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.done = max(self.done, done)
        self.step = step
        guard self.done < total else { return }
        draw(now: clock())
    }

    /// What ``begin(step:done:)`` said is under way, shown after the counts.
    private var step = ""

    /// Draws the line (called holding `lock`).
    private func draw(now: UInt64) {
        lastDraw = now
        drawn = true
        var text = ProgressReporter.describe(done: self.done, total: total, unit: unit, elapsed: Double(now - start) / 1e9)
        if !step.isEmpty { text += " · " + step }
        switch style {
        case .bar:
            let line = ProgressReporter.barLine(done: self.done, total: total, text: label + text, columns: columns)
            lastWidth = max(lastWidth, line.count)
            write("\r" + line + (escapes ? "\u{1B}[K" : String(repeating: " ", count: lastWidth - line.count)))
        case .lines:
            write("progress: " + label + text + "\n")
        }
    }

    /// The widest bar line drawn (what a plain erase must cover).
    private var lastWidth = 0

    /// The bar and `text` in at most `columns − 1` characters (the last column is left free so
    /// that no terminal wraps): the bar shrinks to make room, is left out when narrower than
    /// ``minimumBarWidth``, and the text is cut as a last resort.
    static func barLine(done: Int, total: Int, text: String, columns: Int) -> String {
        let room = columns - 1
        let barRoom = min(barWidth, room - text.count - 3)
        if barRoom >= minimumBarWidth { return bar(done: done, total: total, width: barRoom) + " " + text }
        return String(text.prefix(max(0, room)))
    }

    /// Erases the bar (or prints a final line in `.lines` style).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        let elapsed = Double(clock() - start) / 1e9
        switch style {
        case .bar:
            if drawn { write(escapes ? "\r\u{1B}[2K" : "\r" + String(repeating: " ", count: lastWidth) + "\r") }
        case .lines:
            write("progress: \(label)\(ProgressReporter.count(total)) \(unit) done in \(ProgressReporter.duration(elapsed))\n")
        }
        drawn = false
    }

    /// (A closed pipe stops govsim cleanly, see ``Terminal/writeStandardError(_:)``.)
    private func write(_ s: String) {
        output(s)
    }

    /// `[##########··················]`, `width` characters between the brackets.
    static func bar(done: Int, total: Int, width: Int = barWidth) -> String {
        let filled = min(width, width * done / max(1, total))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled) + "]"
    }

    /// `4,096/10,000 runs (41%), 2,345 runs/s, 3 s left`; the rate is left out below one unit
    /// a second (`3/20 cases (15%), 2 min 10 s left`).
    static func describe(done: Int, total: Int, unit: String, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = "\(count(done))/\(count(total)) \(unit) (\(100 * done / max(1, total))%)"
        if rate > 0 {
            if rate >= 0.5 { text += ", \(count(Int(rate.rounded()))) \(unit)/s" }
            text += ", \(duration(Double(total - done) / rate)) left"
        }
        return text
    }

    static func count(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    /// `42 s`, `3 min 05 s`, `1 h 02 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(max(0, s)) s" }
        if s < 3600 { return "\(s / 60) min \(String(format: "%02d", s % 60)) s" }
        return "\(s / 3600) h \(String(format: "%02d", (s % 3600) / 60)) min"
    }
}
