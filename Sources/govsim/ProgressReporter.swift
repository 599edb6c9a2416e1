import Foundation

/// Shows the progress of a long computation on standard error: runs done, rate and time left.
///
/// `.bar` redraws one line in place at most four times a second and erases it at the end;
/// `.lines` (for logs, with `--progress` when standard error is not a terminal) prints a plain
/// line at most once a second and a final line. ``update(_:)`` may be called from any thread.
///
/// `@unchecked Sendable` is safe: `total`, `unit`, `style` and `start` are immutable, and the
/// `var`s (`lastDraw`, `drawn`, `done`) are read and written only while holding `lock`.
final class ProgressReporter: @unchecked Sendable {
    enum Style { case bar, lines }

    let total: Int
    let unit: String
    let style: Style
    private let lock = NSLock()
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64
    private var drawn = false
    private var done = 0

    static let barInterval: UInt64 = 250_000_000
    static let lineInterval: UInt64 = 1_000_000_000
    static let barWidth = 28

    init(total: Int, unit: String, style: Style) {
        self.total = max(1, total)
        self.unit = unit
        self.style = style
        lastDraw = start
    }

    /// The callback to pass to the engine: receives the number of units finished so far.
    var callback: @Sendable (Int) -> Void { { [self] done in self.update(done) } }

    /// Records that `done` units are finished and redraws when enough time has passed.
    func update(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.done = max(self.done, done)
        let now = DispatchTime.now().uptimeNanoseconds
        let interval = style == .bar ? ProgressReporter.barInterval : ProgressReporter.lineInterval
        guard now - lastDraw >= interval, self.done < total else { return }
        lastDraw = now
        drawn = true
        let text = ProgressReporter.describe(done: self.done, total: total, unit: unit, elapsed: Double(now - start) / 1e9)
        switch style {
        case .bar:
            write("\r" + ProgressReporter.bar(done: self.done, total: total) + " " + text + "\u{1B}[K")
        case .lines:
            write("progress: " + text + "\n")
        }
    }

    /// Erases the bar (or prints a final line in `.lines` style).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        switch style {
        case .bar:
            if drawn { write("\r\u{1B}[2K") }
        case .lines:
            write("progress: \(ProgressReporter.count(total)) \(unit) done in \(ProgressReporter.duration(elapsed))\n")
        }
        drawn = false
    }

    /// (A closed pipe stops govsim cleanly, see ``Terminal/writeStandardError(_:)``.)
    private func write(_ s: String) {
        Terminal.writeStandardError(s)
    }

    /// `[##########··················]`
    static func bar(done: Int, total: Int) -> String {
        let filled = min(barWidth, barWidth * done / max(1, total))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "·", count: barWidth - filled) + "]"
    }

    /// `4,096/10,000 runs (41%), 2,345 runs/s, 3 s left`
    static func describe(done: Int, total: Int, unit: String, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = "\(count(done))/\(count(total)) \(unit) (\(100 * done / max(1, total))%)"
        if rate > 0 {
            text += ", \(count(Int(rate.rounded()))) \(unit)/s, \(duration(Double(total - done) / rate)) left"
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
