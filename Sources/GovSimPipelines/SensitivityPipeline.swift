import Foundation

/// `govsim sensitivity` in memory: standardised regression coefficients (`src`) or Sobol'
/// indices (`sobol`) of the scenario's uncertain inputs as sensitivity.csv (for every metric and
/// year) or sensitivity_totals.csv (for one appraisal measure per run, with a target), or the switching
/// values and one-way money sweeps of the appraisal's decisive inputs (`switching`) as
/// switching_values.csv; then manifest.json.
package enum SensitivityPipeline {
    package enum Method: String, Sendable, CaseIterable { case src, sobol, switching }

    package struct Options: Sendable {
        package var document: ScenarioDocument
        /// The scenario after command-line overrides.
        package var scenario: Scenario
        package var method: Method
        /// Base samples N of the Sobol' design and its bootstrap replicates (sobol only).
        package var baseSamples: Int
        package var bootstrap: Int
        /// The appraisal measure analysed per run instead of the yearly metrics (src, sobol); nil for the metrics.
        package var target: SensitivityStudy.Target?
        package var record: ReproductionRecord
        package var context: PipelineContext

        package init(
            document: ScenarioDocument, scenario: Scenario, method: Method, baseSamples: Int, bootstrap: Int,
            target: SensitivityStudy.Target? = nil, record: ReproductionRecord, context: PipelineContext
        ) {
            self.document = document
            self.scenario = scenario
            self.method = method
            self.baseSamples = baseSamples
            self.bootstrap = bootstrap
            self.target = target
            self.record = record
            self.context = context
        }
    }

    package struct Outcome {
        /// The indices (src, sobol; nil for switching).
        package let result: SensitivityResult?
        /// The switching values and sweeps (switching; nil otherwise).
        package let switching: SwitchingValueStudy?
        /// The terminal's tornado of the study.
        package let tornado: String
        /// sensitivity.csv (src, sobol), sensitivity_totals.csv (src, sobol with a target) or
        /// switching_values.csv (switching), then manifest.json.
        package let files: [(name: String, contents: Data)]
    }

    /// Refuses a design the scenario does not support, a target with switching, or a study too
    /// large for this machine.
    package static func check(_ options: Options) throws {
        let s = options.scenario
        if options.target != nil, options.method == .switching {
            throw PipelineError(
                "--target applies to --method src or sobol; switching values already report NPV and NPSV. Remove --target or use --method src."
            )
        }
        let inputs = PlanSimulator(scenario: s).inputCount
        switch options.method {
        case .src:
            try ResourceGuard.refuseUnsupportedDesign(s)
            try ResourceGuard.refuseIfTooLarge(
                MemoryEstimate.sensitivitySRC(runs: s.runs, horizon: s.horizon, uncertainInputs: inputs, threads: options.context.threads))
        case .sobol:
            try ResourceGuard.refuseUnsupportedSobolStudy(s)
            try ResourceGuard.refuseIfTooLarge(
                MemoryEstimate.sensitivitySobol(
                    baseSamples: options.baseSamples, horizon: s.horizon, uncertainInputs: inputs, threads: options.context.threads))
        case .switching:
            try ResourceGuard.refuseUnsupportedDesign(s)
            try ResourceGuard.refuseIfTooLarge(
                MemoryEstimate.switchingValues(runs: s.runs, horizon: s.horizon, uncertainInputs: inputs, threads: options.context.threads))
        }
    }

    /// Computes the study (after ``check(_:)``); `phases` follows its work: the runs, then the
    /// regressions (src) or the index sets (sobol) of ``SensitivityStudy``; for switching the
    /// inputs swept (after the scenario itself as unit 1).
    package static func run(_ options: Options, phases: PhaseProgress? = nil) throws -> Outcome {
        let s = options.scenario
        let result: SensitivityResult
        switch options.method {
        case .switching:
            return runSwitching(options, progress: phases?("", AppraisalInput.standard(for: s).count + 1, "inputs"))
        case .src:
            result = try SensitivityStudy.src(s, target: options.target, threads: options.context.threads, phases: phases)
        case .sobol:
            result = try SensitivityStudy.sobol(
                s, baseSamples: options.baseSamples, bootstrap: options.bootstrap, target: options.target,
                threads: options.context.threads, phases: phases)
        }
        var manifest = CommandManifest(
            command: options.context.command, record: options.record, documents: [options.document],
            scenarioName: s.name, seed: s.seed, runs: result.runs, horizon: s.horizon,
            sampling: options.method == .sobol ? "saltelli-sobol" : s.sampling.rawValue,
            threads: options.context.threads, outputFolder: options.context.outputFolder)
        manifest.resolvedRuns = s.runs
        manifest.extra["method"] = .string(options.method.rawValue)
        if options.method == .sobol { manifest.extra["base_samples"] = .integer(options.baseSamples) }
        if let target = options.target { manifest.extra["target"] = .string(target.rawValue) }
        return Outcome(
            result: result, switching: nil, tornado: SensitivityTable.tornado(result),
            files: manifest.artifacts(texts: [(SensitivityTable.fileName(result), SensitivityTable.make(result).render())]))
    }

    /// `--method switching`: ``SwitchingValueStudy`` of the scenario's runs (common random numbers).
    static func runSwitching(_ options: Options, progress: (@Sendable (Int) -> Void)? = nil) -> Outcome {
        let s = options.scenario
        let study = SwitchingValueStudy(scenario: s, threads: options.context.threads, progress: progress)
        var manifest = CommandManifest(
            command: options.context.command, record: options.record, documents: [options.document],
            scenarioName: s.name, seed: s.seed, runs: s.runs, horizon: s.horizon,
            sampling: s.sampling.rawValue, threads: options.context.threads, outputFolder: options.context.outputFolder)
        manifest.extra["method"] = .string(options.method.rawValue)
        return Outcome(
            result: nil, switching: study, tornado: SwitchingValuesTable.tornado(study, scenario: s),
            files: manifest.artifacts(texts: [("switching_values.csv", SwitchingValuesTable.make(study, scenario: s).render())]))
    }
}
