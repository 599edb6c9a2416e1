import Foundation
import GovSimCore
import XCTest

/// The golden cases — every shipped scenario through every command, tiny and at a fixed seed —
/// run once per test process and shared by the two tests that read them: `GoldenOutputTests`
/// compares the hashes of each case's first process (``first``) with the committed list, and
/// `MultiProcessDeterminismTests` requires one hash per file across all the processes of a case
/// (``all``, which reuses ``first``). Run alone, the golden test costs a third of both.
///
/// Each case runs in ``processes`` separate processes (``fromFitProcesses`` for `run` of the
/// `from_fit` scenario), without `SWIFT_DETERMINISTIC_HASHING` so that each process seeds
/// Swift's hash function afresh, and process `p` with `--threads` `p % 3 + 1` (the commands that
/// take it): one process per thread count 1, 2 and 3, and every process is
/// a check of the thread count as well as of the hash seed. They run two at a time (the
/// machine's cores), in a scratch folder holding a copy of `scenarios/` (scenario paths are
/// relative, so the package's location does not reach the bytes).
enum GoldenRuns {
    /// Processes per case: one per thread count 1, 2, 3. A command's code runs in every
    /// scenario's case of that command (7 scenarios with the built-in reference), so an order
    /// dependence in one command is seen by 7 × 3 = 21 processes, each also compared with the
    /// committed hashes: one that changes the bytes of 1 process in 6 passes all of them with
    /// probability (5/6)^21 ≈ 2%; one that changes 1 in 2 with (1/2)^20. An order dependence of
    /// one scenario's own code (its data, its fit) is seen by its 5 commands' 15 processes, and
    /// the one such case met so far has its own count (``fromFitProcesses``).
    static let processes = 3

    /// Processes for `govsim run` of the `from_fit` scenario (evidence-based.yaml). With the
    /// Dictionary-order bug once found there, a process wrote the majority bytes with
    /// probability about 5/6 (5 of 30 differed), so all n processes agree — and a reverted fix
    /// passes — with probability about (5/6)^n: (5/6)^26 = 0.0087 < 1%. So 26. The other
    /// commands on that scenario read the same coefficients and add (5/6)^3 ≈ 0.58 each on top.
    static let fromFitProcesses = 26

    /// The commands that take `--threads` (`fit` and `trace` are single-threaded).
    static let threadedCommands: Set<String> = ["run", "calibrate", "compare", "sensitivity"]

    /// `GOVSIM_UPDATE_GOLDEN=1` (scripts/update-golden.sh): one process per case, the list is written.
    static var updating: Bool { ProcessInfo.processInfo.environment["GOVSIM_UPDATE_GOLDEN"] == "1" }

    /// A scenario file the cases write: only the required keys, so that its outputs pin the
    /// catalog's defaults (the shipped scenarios set most parameters themselves).
    static let defaultsFile = "catalog-defaults.yaml"

    /// The commands each scenario goes through.
    static let commands = ["run", "calibrate", "compare", "sensitivity-src", "sensitivity-sobol"]

    /// The shipped scenarios (every `scenarios/*.yaml`, so a new one is covered, or reported as
    /// missing from the list, without editing a test), plus the built-in reference (`nil`).
    static func shippedScenarios() throws -> [String?] {
        let folder = GovSimProcess.packageRoot.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return [nil] + files
    }

    struct Case {
        /// The folder the outputs go to (and the prefix of the golden list's lines).
        let name: String
        let arguments: [String]
        let processes: Int
    }

    /// Each case with its arguments. Sizes are tiny: the cases check bytes, not statistics, and
    /// what differs between processes, the iteration order of a Dictionary or Set, does not
    /// depend on the number of runs. 20 runs (one block) still go through every step of each
    /// command (scenario resolution, fits, sampling, model, aggregation, every output file);
    /// `compare` takes 10 (it re-runs every run at each switching-value sweep point);
    /// `sensitivity` keeps 40 runs (its regression needs more runs than inputs: the single
    /// scenarios have fewer than 40 uncertain inputs) and the smallest Sobol' design (2 base samples).
    static func cases() throws -> [Case] {
        var cases: [Case] = []
        for scenario in try shippedScenarios() {
            let label = scenario.map { String($0.dropLast(".yaml".count)) } ?? "built-in"
            let file = scenario.map { ["scenarios/" + $0] } ?? []
            let arguments: [[String]] = [
                ["run"] + file + ["--runs", "20", "--seed", "11"],
                ["calibrate"] + file + ["--runs", "20", "--seed", "11"],
                // All the scenario's variants (or the built-in no-programme variant when it has none).
                ["compare"] + file + ["--runs", "10", "--seed", "11"],
                ["sensitivity"] + file + ["--runs", "40", "--seed", "11"],
                ["sensitivity"] + file + ["--method", "sobol", "--base-samples", "2", "--bootstrap", "10", "--seed", "11"],
            ]
            for (command, a) in zip(commands, arguments) {
                let fromFit = scenario == "evidence-based.yaml" && command == "run"
                cases.append(Case(name: "\(label)-\(command)", arguments: a, processes: fromFit ? fromFitProcesses : processes))
            }
        }
        // The appraisal's single-scenario commands (issue 13): the central trace and switching values.
        cases.append(Case(name: "built-in-trace", arguments: ["trace"], processes: processes))
        cases.append(
            Case(
                name: "built-in-sensitivity-switching",
                arguments: ["sensitivity", "--method", "switching", "--runs", "20", "--seed", "11"],
                processes: processes))
        cases.append(
            Case(
                name: "example-panel-fit",
                arguments: ["fit", "scenarios/data/example-panel.csv", "--response", "productivity", "--robust", "hc3"],
                processes: processes))
        // A scenario that sets nothing: every parameter at its ParameterCatalog default.
        cases.append(
            Case(name: "catalog-defaults-run", arguments: ["run", defaultsFile, "--runs", "20", "--seed", "11"], processes: processes))
        return cases
    }

    /// What one process of a case did.
    struct Process {
        let arguments: [String]
        let status: Int32
        let stderr: String
        /// SHA-256 of each output file's ``normalised(_:)`` bytes, by file name.
        let hashes: [String: String]
    }

    struct Outcome {
        let `case`: Case
        let processes: [Process]
    }

    /// Process 0 of every case (what the golden test compares), computed on first use.
    static let first: Result<[Process], Error> = Result {
        let cases = try GoldenRuns.cases()
        return try run(cases.indices.map { ($0, 0) }, of: cases)
    }

    /// Every process of every case (what the determinism test compares): ``first`` and the
    /// others, computed on first use. With `GOVSIM_UPDATE_GOLDEN=1`, process 0 only.
    static let all: Result<[Outcome], Error> = Result {
        let cases = try GoldenRuns.cases()
        let firsts = try first.get()
        let jobs = cases.indices.flatMap { i in (1..<(updating ? 1 : cases[i].processes)).map { (i, $0) } }
        let others = try run(jobs, of: cases)
        return cases.indices.map { i in
            Outcome(case: cases[i], processes: [firsts[i]] + zip(jobs, others).filter { $0.0.0 == i }.map(\.1))
        }
    }

    /// Runs process `p` of case `i` for each `(i, p)` in `jobs`, two at a time, in a scratch
    /// folder removed afterwards; returns the processes in `jobs` order.
    private static func run(_ jobs: [(Int, Int)], of cases: [Case]) throws -> [Process] {
        let dir = try GovSimProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(
            at: GovSimProcess.packageRoot.appendingPathComponent("scenarios"),
            to: dir.appendingPathComponent("scenarios"))
        try Data("version: 1\nname: catalog-defaults\n".utf8).write(to: dir.appendingPathComponent(defaultsFile))
        let results = JobResults(count: jobs.count)
        let slots = DispatchSemaphore(value: 2)
        let group = DispatchGroup()
        for (j, (i, p)) in jobs.enumerated() {
            let c = cases[i], folder = "\(c.name)-\(p)"
            let threads = threadedCommands.contains(c.arguments[0]) ? ["--threads", "\(p % 3 + 1)"] : []
            let arguments = c.arguments + threads + ["--out", folder]
            slots.wait()
            DispatchQueue.global().async(group: group) {
                defer { slots.signal() }
                results.set(
                    j,
                    Result {
                        let r = try GovSimProcess.run(arguments, in: dir, removing: ["SWIFT_DETERMINISTIC_HASHING"])
                        var hashes: [String: String] = [:]
                        let out = dir.appendingPathComponent(folder)
                        if let names = try? FileManager.default.contentsOfDirectory(atPath: out.path) {
                            for name in names { hashes[name] = SHA256.hex(try normalised(out.appendingPathComponent(name))) }
                        }
                        // Hashed at once and removed: the scratch folder never holds more than the running jobs' files.
                        try? FileManager.default.removeItem(at: out)
                        return Process(arguments: arguments, status: r.status, stderr: r.stderr, hashes: hashes)
                    })
            }
        }
        group.wait()
        return try jobs.indices.map { try results.get($0).get() }
    }

    /// calibrate exits 2 when the scenario is not calibrated; its files are written all the same.
    static func succeeded(_ p: Process) -> Bool {
        p.status == 0 || (p.arguments[0] == "calibrate" && p.status == 2)
    }

    /// The hashed form of an output file: its bytes, with `manifest.json` without its top-level
    /// `invocation` and `environment` members (time, threads, output folder, host), and every
    /// occurrence of `GovSimVersion.string` replaced by `<version>`.
    static func normalised(_ url: URL) throws -> [UInt8] {
        let bytes = try MultiProcessDeterminismTests.comparable(url)
        return GoldenOutputTests.replacing(Array(GovSimVersion.string.utf8), with: Array("<version>".utf8), in: bytes)
    }
}

/// Results filled in by concurrent jobs; the lock orders the accesses.
private final class JobResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<GoldenRuns.Process, Error>]
    init(count: Int) { items = Array(repeating: .failure(CocoaError(.featureUnsupported)), count: count) }
    func set(_ i: Int, _ r: Result<GoldenRuns.Process, Error>) { lock.lock(); items[i] = r; lock.unlock() }
    func get(_ i: Int) -> Result<GoldenRuns.Process, Error> { lock.lock(); defer { lock.unlock() }; return items[i] }
}
