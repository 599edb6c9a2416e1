import ArgumentParser
import GovSimCore

/// Options shared by the commands that simulate.
struct SimulationOptions: ParsableArguments {
    // `.unconditional`: a negative number is read as the value (ArgumentParser otherwise takes
    // `-1` for an option and says "Missing value"), so that `validate` names the allowed range.
    @Option(parsing: .unconditional, help: "Number of Monte Carlo runs (default: the scenario's `runs`).")
    var runs: Int?

    @Option(
        parsing: .unconditional,
        help: "Seed of every random draw (default: the scenario's `seed`). The same seed gives the same output bytes.",
        transform: SimulationOptions.seed(from:))
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Does not change any result.")
    var threads: Int?

    @Option(help: "Sampling design of the uncertain inputs: random, lhs or sobol (default: the scenario's `sampling`).")
    var sampling: String?

    func validate() throws {
        if let runs, runs < 1 || runs > 100_000_000 {
            throw ValidationError("--runs must be between 1 and 100000000; use for example --runs 10000.")
        }
        if let sampling, SamplingKind(rawValue: sampling) == nil {
            throw ValidationError("--sampling must be random, lhs or sobol.")
        }
        if let threads, threads < 1 || threads > 1024 {
            throw ValidationError("--threads must be between 1 and 1024; leave it out to use every core.")
        }
    }

    var threadCount: Int { threads ?? ParallelBlocks.defaultThreads }

    /// `--seed`: a whole number between 0 and 2⁶⁴ − 1.
    static func seed(from text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError("the seed must be a whole number between 0 and \(UInt64.max), e.g. --seed 42")
        }
        return value
    }

    /// `scenario` with the run count, seed and sampling design given on the command line.
    func apply(to scenario: Scenario) -> Scenario { overrides.apply(to: scenario) }

    /// The overrides given on the command line.
    var overrides: ScenarioOverrides {
        ScenarioOverrides(runs: runs, seed: seed, sampling: sampling.flatMap(SamplingKind.init(rawValue:)))
    }
}

/// The default results folder of a command, named in its `--out` help.
protocol DefaultResultsFolder {
    /// What follows `outputs/<scenario name>` in the default folder, e.g. "-compare".
    static var suffix: String { get }
}

enum RunFolder: DefaultResultsFolder { static let suffix = "" }
enum CalibrationFolder: DefaultResultsFolder { static let suffix = "-calibration" }
enum ComparisonFolder: DefaultResultsFolder { static let suffix = "-compare" }
enum SensitivityFolder: DefaultResultsFolder { static let suffix = "-sensitivity" }
enum TraceFolder: DefaultResultsFolder { static let suffix = "-trace" }

/// Options shared by the commands that write a results folder; `Default` names the folder used
/// without `--out`, so that each command's help states its own default.
struct OutputOptions<Default: DefaultResultsFolder>: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Folder for the results (default: outputs/<scenario name>\(Default.suffix)).", valueName: "dir"))
    var out: String?

    @Flag(help: "Replace a folder govsim wrote even if its files were changed since (never files govsim did not write).")
    var force = false

    @Option(
        name: .customLong("csv-dialect"),
        help: ArgumentHelp(
            "CSV layout: standard (UTF-8, ',', the default), excel (with a UTF-8 byte-order mark) or excel-semicolon (the mark, ';' separators and a first line sep=; for comma-decimal locales). Recorded for govsim verify.",
            valueName: "name"))
    var csvDialect: CSVDialect = .standard

    /// The dialect for the record: nil for the default, so standard manifests stay as they were.
    var recordedDialect: String? { csvDialect == .standard ? nil : csvDialect.rawValue }

    /// `--out`, or the default folder for a scenario called `scenarioName` (its file-system slug,
    /// ``ScenarioName/slug(_:)``: a name such as "a/b" or ".." never leaves `outputs/`).
    func folder(scenarioName: String) -> String {
        out ?? "outputs/\(ScenarioName.slug(scenarioName))\(Default.suffix)"
    }
}

extension CSVDialect: ExpressibleByArgument {}
