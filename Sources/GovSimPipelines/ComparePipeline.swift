import Foundation

/// `govsim compare` in memory: the plan variants of one scenario, or several scenario files,
/// simulated on common random numbers, as comparison.csv, comparison_totals.csv, budget.csv, summary.csv, the options
/// appraisal (appraisal.csv, options.csv, value_of_information.csv, switching_values.csv,
/// report.html) and manifest.json.
package enum ComparePipeline {
    package struct Options: Sendable {
        /// The scenario files read (one: its variants are compared).
        package var documents: [ScenarioDocument]
        /// The variants named with `--variants` (one document only); nil for every variant.
        package var variants: [String]?
        /// The baseline variant's name; nil for the first.
        package var baseline: String?
        /// The command-line overrides (runs, seed, sampling), applied to each variant.
        package var overrides: ScenarioOverrides
        package var record: ReproductionRecord
        package var context: PipelineContext

        package init(
            documents: [ScenarioDocument], variants: [String]?, baseline: String?,
            overrides: ScenarioOverrides, record: ReproductionRecord, context: PipelineContext
        ) {
            self.documents = documents
            self.variants = variants
            self.baseline = baseline
            self.overrides = overrides
            self.record = record
            self.context = context
        }
    }

    /// The variants to simulate, checked against the design and memory limits.
    package struct Prepared {
        let options: Options
        package let variants: [(name: String, scenario: Scenario)]
        package let baselineIndex: Int
        /// The baseline scenario (its name is the default folder's).
        package var base: Scenario { variants[baselineIndex].scenario }
    }

    package struct Outcome {
        package let result: GovSimEngine.ComparisonResult
        /// comparison.csv, comparison_totals.csv, budget.csv, summary.csv, appraisal.csv, options.csv,
        /// value_of_information.csv, switching_values.csv, report.html, then manifest.json.
        package let files: [(name: String, contents: Data)]
    }

    /// Chooses the variants (a wrong name is refused) and refuses a design or size this machine
    /// cannot run.
    package static func prepare(_ options: Options) throws -> Prepared {
        let plan: (variants: [(name: String, scenario: Scenario)], baselineIndex: Int)
        do {
            if options.documents.count == 1 {
                plan = try ComparisonPlan.variants(of: options.documents[0].scenario, names: options.variants, baseline: options.baseline)
            } else {
                plan = try ComparisonPlan.variants(of: options.documents.map(\.scenario), baseline: options.baseline)
            }
        } catch let problem as ComparisonPlan.Problem {
            throw PipelineError(problem.description)
        }
        let chosen = plan.variants.map { (name: $0.name, scenario: options.overrides.apply(to: $0.scenario)) }
        let base = chosen[plan.baselineIndex].scenario
        for variant in chosen { try ResourceGuard.refuseUnsupportedDesign(variant.scenario) }
        let uncertainInputs = chosen.map { PlanSimulator(scenario: $0.scenario).inputCount }.max() ?? 0
        try ResourceGuard.refuseIfTooLarge(
            MemoryEstimate.comparison(
                runs: base.runs, horizon: base.horizon, variants: chosen.count,
                uncertainInputs: uncertainInputs, threads: options.context.threads,
                discountRates: chosen.map { $0.scenario.discountRates.count }.max() ?? 1))
        return Prepared(options: options, variants: chosen, baselineIndex: plan.baselineIndex)
    }

    /// Simulates the prepared variants; `outputFolder` overrides the context's (the default
    /// folder is known only after ``prepare(_:)``). `phases` follows the runs (of the
    /// baseline's runs, every variant at once) simulated, then the switching-value sweeps.
    package static func run(_ prepared: Prepared, outputFolder: String? = nil, phases: PhaseProgress? = nil) -> Outcome {
        let options = prepared.options
        let result = ComparisonEngine(variants: prepared.variants, baselineIndex: prepared.baselineIndex, threads: options.context.threads)
            .run(progress: phases?("", prepared.base.runs, "runs"))
        let files: [(name: String, text: String)] =
            [
                ("comparison.csv", ComparisonTable.make(result).render()),
                ("comparison_totals.csv", ComparisonTable.totals(result).render()),
                ("budget.csv", ComparisonTable.budget(result).render()),
                ("summary.csv", ComparisonTable.summary(result).render()),
            ]
            + ComparisonTable.appraisalFiles(
                result, scenarioFile: options.documents.map(\.displayName).joined(separator: ","),
                scenarioSHA256: options.documents.map { SHA256.hex($0.bytes) }.joined(separator: ","),
                threads: options.context.threads, phases: phases)
        let base = prepared.base
        var manifest = CommandManifest(
            command: options.context.command, record: options.record, documents: options.documents,
            scenarioName: base.name, seed: base.seed, runs: base.runs, horizon: base.horizon,
            sampling: base.sampling.rawValue, threads: options.context.threads,
            outputFolder: outputFolder ?? options.context.outputFolder)
        manifest.extra["variants"] = .array(prepared.variants.map { .string($0.name) })
        manifest.extra["baseline"] = .string(prepared.variants[prepared.baselineIndex].name)
        manifest.extra["quantiles"] = .string(RunPipeline.quantilesFact(rankError: result.quantileRankError))
        return Outcome(result: result, files: manifest.artifacts(texts: files))
    }
}
