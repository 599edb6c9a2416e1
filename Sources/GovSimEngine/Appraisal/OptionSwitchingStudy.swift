import Foundation

/// The sensitivity of `govsim compare`'s choice to its decisive assumptions, in money, from
/// re-runs with common random numbers (the same seed and per-input random channels as the
/// comparison, as ``SwitchingValueStudy``):
///
/// - the money tornado: for each input of ``AppraisalInput/standard(for:)`` (of the baseline),
///   the baseline option's mean NPSV with the input at its low and high sweep values, beside its
///   own mean NPSV (@RISK's "change in output mean");
/// - the switching value between the preferred option (highest mean NPSV) and the runner-up
///   (second highest): the input value at which their mean NPSVs are equal, searched between
///   the input's low and high sweep values. An input whose sweep does not change the preferred
///   option has none (it is not decisive within its plausible range).
///
/// Business as usual added by ``OptionsAppraisal`` (no `no-programme` variant simulated) has
/// NPSV 0 at every input value; it is not re-run.
///
/// Cost: two re-runs of the baseline per input, two of each of the preferred and runner-up
/// options that are not the baseline, and a few more per decisive input for its root: tens of
/// re-runs, so each uses at most ``maximumSweepRuns`` runs (the scenario with that many runs and
/// the same seed; below it, the comparison's own runs). Then the reference values
/// (``baselineMean``, ``difference``) are re-run at the same size too, so every bar and lead is a
/// difference over the same runs.
package struct OptionSwitchingStudy: Sendable {
    /// The most runs a sweep's re-run uses (assumption): the sweeps compare means over common
    /// random numbers, whose paired differences have a far smaller Monte Carlo error than either
    /// mean; at 10⁵ runs their standard error is √10 ≈ 3.2 times that of 10⁶ runs, and the
    /// sweeps of a 10⁶-run comparison take about a tenth of the time (without the cap, tens of
    /// re-runs of 10⁶ runs: hours on two cores; docs/performance.md).
    package static let maximumSweepRuns = 100_000

    /// The result for one input.
    package struct Row: Sendable, Equatable {
        package let input: String
        package let unit: String
        package let central: Double
        package let low: Double, high: Double
        /// The baseline's mean NPSV with the input at low and high.
        package let baselineAtLow: Double, baselineAtHigh: Double
        /// Mean NPSV of preferred minus runner-up with the input at low and high.
        package let differenceAtLow: Double, differenceAtHigh: Double
        /// The input value between low and high at which preferred and runner-up have equal mean
        /// NPSV; nil if the preference does not change within the sweep.
        package let switchingValue: Double?
    }

    /// Names of the baseline, the preferred option and the runner-up.
    package let baseline: String, preferred: String, runnerUp: String
    /// Mean NPSV of the baseline as given.
    package let baselineMean: Double
    /// Mean NPSV of preferred minus runner-up as given.
    package let difference: Double
    /// One row per input, in ``AppraisalInput/standard(for:)`` order.
    package let rows: [Row]
    /// Runs of each re-run: the comparison's, at most `maximumRuns` (``maximumSweepRuns``).
    package let runs: Int

    /// Studies the comparison's options. `options` is the ``OptionsAppraisal`` of `result`;
    /// nil when there are fewer than two options. `progress` receives the number of inputs
    /// swept so far.
    package init?(
        _ result: ComparisonResult, options: OptionsAppraisal, inputs: [AppraisalInput]? = nil,
        threads: Int = ParallelBlocks.defaultThreads, maximumRuns: Int = OptionSwitchingStudy.maximumSweepRuns,
        progress: (@Sendable (Int) -> Void)? = nil
    ) {
        guard options.options.count >= 2 else { return nil }
        let ranked = options.options.indices.sorted {
            let a = options.options[$0].summary.economic.npv, b = options.options[$1].summary.economic.npv
            return a != b ? a > b : $0 < $1
        }
        let (p, r) = (ranked[0], ranked[1])
        // The scenario of option i (nil for business as usual added without a simulated variant).
        func scenario(_ i: Int) -> Scenario? { i < result.outcomes.count ? result.outcomes[i].scenario : nil }
        let baseScenario = result.baseline.scenario
        baseline = result.baseline.name
        preferred = options.options[p].name
        runnerUp = options.options[r].name
        let sweepRuns = min(baseScenario.runs, max(1, maximumRuns))
        runs = sweepRuns
        let evaluator = AppraisalEvaluator(threads: threads)
        if sweepRuns < baseScenario.runs {
            // The option's mean NPSV at its own values over the sweeps' runs (0 for business as usual).
            var centrals: [Int: Double] = [:]
            func central(_ i: Int) -> Double {
                guard var s = scenario(i) else { return 0 }
                if let hit = centrals[i] { return hit }
                s.runs = sweepRuns
                let value = evaluator.evaluate(s).economic.mean
                centrals[i] = value
                return value
            }
            baselineMean = central(result.baselineIndex)
            difference = central(p) - central(r)
        } else {
            baselineMean = options.options[result.baselineIndex].summary.economic.npv
            difference = options.options[p].summary.economic.npv - options.options[r].summary.economic.npv
        }
        var rows: [Row] = []
        for input in inputs ?? AppraisalInput.standard(for: baseScenario) {
            var cache: [Int: [Double: Double]] = [:]
            func npsv(_ i: Int, _ x: Double) -> Double {
                guard let s = scenario(i) else { return 0 }
                let key = input.wholeNumber ? x.rounded() : x
                if let hit = cache[i]?[key] { return hit }
                var swept = input.applying(key, to: s)
                swept.runs = sweepRuns
                let value = evaluator.evaluate(swept).economic.mean
                cache[i, default: [:]][key] = value
                return value
            }
            func gap(_ x: Double) -> Double { npsv(p, x) - npsv(r, x) }
            let lo = gap(input.low), hi = gap(input.high)
            var switching: Double? = nil
            if (lo < 0) != (hi < 0), input.low != input.high {
                // The search of SwitchingValueStudy, confined to the sweep.
                let range = AppraisalInput(
                    name: input.name, unit: input.unit,
                    central: min(max(input.central, min(input.low, input.high)), max(input.low, input.high)),
                    lower: min(input.low, input.high), upper: max(input.low, input.high),
                    low: input.low, high: input.high, wholeNumber: input.wholeNumber, apply: input.apply)
                let scale = max(1, abs(difference), abs(baselineMean))
                switching = SwitchingValueStudy.root(gap, input: range, tolerance: 1e-9 * scale)
            }
            rows.append(
                Row(
                    input: input.name, unit: input.unit, central: input.central, low: input.low, high: input.high,
                    baselineAtLow: npsv(result.baselineIndex, input.low), baselineAtHigh: npsv(result.baselineIndex, input.high),
                    differenceAtLow: lo, differenceAtHigh: hi, switchingValue: switching))
            progress?(rows.count)
        }
        self.rows = rows
    }

    /// The rows ordered by the width of the baseline's NPSV swing, widest first (ties in input order).
    package var tornadoOrder: [Row] {
        rows.enumerated().sorted { a, b in
            let wa = abs(a.element.baselineAtHigh - a.element.baselineAtLow), wb = abs(b.element.baselineAtHigh - b.element.baselineAtLow)
            return wa != wb ? wa > wb : a.offset < b.offset
        }.map(\.element)
    }
}
