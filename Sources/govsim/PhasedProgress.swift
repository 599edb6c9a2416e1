/// Progress of a command whose phases are known only as it goes (`run --condition-on`: the
/// prior, a move per low-ESS stage, then the conditioned runs; `evaluate`: the re-simulation,
/// then the observed values; sensitivity: the runs, then the regressions; compare: the runs,
/// then the switching-value sweeps): one ``ProgressReporter`` per phase, labelled with it; starting a
/// phase finishes the previous one. Used from the thread that runs the command; only the
/// reporters' callbacks reach worker threads.
final class PhasedProgress {
    let style: OutputStyleOptions
    private var current: ProgressReporter?

    init(_ style: OutputStyleOptions) {
        self.style = style
    }

    /// Finishes the previous phase and starts `phase` (`total` units named `unit`; an empty
    /// `phase` is shown without a label); returns the callback that receives the units done, or
    /// nil when progress is not shown. A ``PhaseProgress``.
    func begin(_ phase: String, total: Int, unit: String) -> (@Sendable (Int) -> Void)? {
        current?.finish()
        current = style.progressReporter(total: total, unit: unit, label: phase.isEmpty ? "" : phase + ": ")
        return current?.callback
    }

    /// Finishes the last phase.
    func finish() {
        current?.finish()
        current = nil
    }
}
