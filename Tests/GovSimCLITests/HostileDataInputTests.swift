import Foundation
import GovSimCore
import XCTest

/// Hostile data files, derived parameters, CPU and memory bombs and hostile names, through the
/// built `govsim` with the harness of ``HostileInputTests`` (non-zero exit, one located line,
/// < 2 s of CPU, < 100 MB, nothing written).
extension HostileInputTests {
    static let practiceTerms = ["customer_focus", "data_as_product", "rapid_iteration", "outcome_accountability"]

    /// A scenario whose spending comes from `history.csv`.
    private func historyScenario(_ csv: String, file: String = "history.csv") throws {
        try write(file, csv)
        try write("s.yaml", "version: 1\nname: s\nruns: 100\nbaseline:\n  spending: {history: \(file), column: spending}\n")
    }

    /// A scenario whose effects come from `fit/coefficients.csv` with these (estimate, std_error).
    private func fitScenario(_ rows: [(Double, Double)], form: String = "normal", statistics: String? = nil) throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("fit"), withIntermediateDirectories: true)
        let lines = zip(Self.practiceTerms, rows).map { "\($0),\($1.0),\($1.1)\n" }.joined()
        try write("fit/coefficients.csv", "term,estimate,std_error\nintercept,0.5,0.1\n" + lines)
        if let statistics { try write("fit/statistics.csv", "statistic,value\n" + statistics) }
        try write(
            "f.yaml", "version: 1\nname: f\nruns: 100\neffects:\n  from_fit: {coefficients: fit/coefficients.csv, distribution: \(form)}\n")
    }

    private static func series(_ value: (Int) -> Double) -> String {
        "year,spending\n" + (2010...2024).map { "\($0),\(value($0 - 2010))\n" }.joined()
    }

    // MARK: - Derived parameters (run and validate report the same error at the reference)

    /// 70% a year: every run drew the trend at −0.5 (the truncated normal's far-tail failure).
    func testSpendingHistoryGrowingTooFast() throws {
        try historyScenario(Self.series { 100 * pow(1.7, Double($0)) * (1 + 0.001 * Double($0 % 3 - 1)) })
        for command in ["run", "validate"] {
            try assertRefused(
                [command, "s.yaml"], location: "s.yaml:5:13: ",
                ["log growth rate of 0.53", "baseline.spending_trend", "between -0.5 and 0.5"])
        }
    }

    /// Finite data whose trend is infinite in the start year: every money output was NaN.
    func testHistoryExtrapolatingToInfinity() throws {
        try historyScenario("year,spending\n2010,1e307\n2011,1.4e307\n2012,1.97e307\n2013,2.7e307\n")
        for command in ["run", "validate"] {
            try assertRefused([command, "s.yaml"], location: "s.yaml:5:13: ", ["trend value in 2025 of infinity", "baseline.spending"])
        }
    }

    /// Crashed run and validate (`Int(1e19)`).
    func testHistoryYearOutOfRange() throws {
        try historyScenario("year,spending\n2010,1\n2011,2\n10000000000000000000,3\n")
        for command in ["run", "validate"] {
            try assertRefused([command, "s.yaml"], location: "history.csv:4:1: ", ["not a whole year between 1000 and 3000"])
        }
    }

    func testFitCoefficientsOutOfRange() throws {
        try fitScenario(Array(repeating: (500, 1), count: 4))
        for command in ["run", "validate"] {
            try assertRefused(
                [command, "f.yaml"], location: "f.yaml:5:13: ",
                ["sum of coefficients of 20", "effects.full_adoption_uplift", "between 0 and 10"])
        }
    }

    func testFitStandardErrorZero() throws {
        try fitScenario([(2, 0.2), (2, 0), (2, 0.2), (2, 0.2)])
        try assertRefused(
            ["validate", "f.yaml"], location: "f.yaml:5:13: ", ["line 4", "data_as_product a std_error of 0", "must be positive"])
    }

    func testFitStandardErrorNegative() throws {
        try fitScenario(Array(repeating: (2, -0.2), count: 4))
        try assertRefused(["run", "f.yaml"], location: "f.yaml:5:13: ", ["std_error of -0.2", "must be positive"])
    }

    /// df_residual 1e300 made calibrate 100× slower (the t quantile's cost grows with df).
    func testFitDegreesOfFreedomHuge() throws {
        try fitScenario(Array(repeating: (2, 0.2), count: 4), form: "t", statistics: "df_residual,1e300\n")
        for command in ["run", "validate"] {
            try assertRefused([command, "f.yaml"], location: "f.yaml:5:13: ", ["degrees of freedom are 1e+300", "distribution: normal"])
        }
    }

    func testFitDegreesOfFreedomNaN() throws {
        try fitScenario(Array(repeating: (2, 0.2), count: 4), form: "t", statistics: "df_residual,NaN\n")
        try assertRefused(["run", "f.yaml"], location: "fit/statistics.csv:2:2: ", ["missing ('NaN')"])
    }

    // MARK: - Data files named in a scenario

    /// A wrong path to a system file: the message shows at most a short excerpt of its content.
    func testHistoryIsEtcPasswd() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/etc/passwd"))
        try write("s.yaml", "version: 1\nname: s\nbaseline:\n  spending: {history: /etc/passwd, column: spending}\n")
        let r = try assertRefused(["run", "s.yaml"], location: "/etc/passwd:")
        let firstLine = try String(contentsOfFile: "/etc/passwd", encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertFalse(firstLine.count > 12 && r.stderr.contains(firstLine), r.stderr)
        XCTAssertFalse(r.stderr.contains("/bin/"), r.stderr)
    }

    /// The environment (secrets) is NUL-separated: refused as binary without echoing any of it.
    func testHistoryIsProcEnviron() throws {
        try write("s.yaml", "version: 1\nname: s\nbaseline:\n  spending: {history: /proc/self/environ, column: spending}\n")
        let r = try assertRefused(
            ["run", "s.yaml"], location: "/proc/self/environ:1: ", ["NUL byte"], environment: ["GOVSIM_TEST_SECRET": "hunter2"])
        XCTAssertFalse(r.stderr.contains("hunter2") || r.stderr.contains("PATH="), r.stderr)
    }

    /// A data path with an escape sequence (written as YAML's `\e`): the message escapes it.
    func testEscapeSequenceInADataPathIsEscaped() throws {
        try write("s.yaml", "version: 1\nname: s\nbaseline:\n  spending: {history: \"x\\e[2Jy.csv\", column: spending}\n")
        let r = try assertRefused(["run", "s.yaml"], location: "s.yaml:4:13: ", ["x\\u{1b}[2Jy.csv"])
        XCTAssertFalse(r.stderr.unicodeScalars.contains { $0.value == 0x1B }, r.stderr)
    }

    func testHistoryIsADevice() throws {
        try write("s.yaml", "version: 1\nname: s\nbaseline:\n  spending: {history: /dev/zero, column: spending}\n")
        try assertRefused(["run", "s.yaml"], location: "s.yaml:4:13: ", ["not a regular file"])
    }

    /// 10⁶ columns ran past 300 s (a quadratic duplicate-name check); refused at 10,000.
    func testHistoryWithAMillionColumns() throws {
        try historyScenario((0..<1_000_000).map { "c\($0)" }.joined(separator: ",") + "\n1\n")
        try assertRefused(["validate", "s.yaml"], location: "history.csv:1:10001: ", ["more than 10000 values"])
    }

    /// A 1 MB header of 9,999 columns took validate 4.2 s; it is now parsed in linear time.
    func testWideHistoryIsFast() throws {
        let names = ["year", "spending"] + (0..<9_998).map { "column_with_a_long_name_\($0)" }
        try historyScenario(
            names.joined(separator: ",") + "\n"
                + (2010...2014).map { "\($0),\(100 + $0 - 2010)" + String(repeating: ",1", count: 9_998) + "\n" }.joined())
        let r = try MeasuredProcess.run(["validate", "s.yaml"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertLessThan(r.cpuSeconds, 2, "took \(r.cpuSeconds) s of CPU (\(r.seconds) s wall)")
    }

    // MARK: - fit

    func testFitDataNearTheLargestDouble() throws {
        try write("huge.csv", "y,x\n" + (0..<20).map { "\(1e200 * Double(1 + $0 % 7)),\($0)\n" }.joined())
        try assertRefused(
            ["fit", "huge.csv", "--response", "y"], location: "huge.csv:1:1: ", ["largest magnitude in column 'y'", "rescale the column"])
    }

    func testFitDataNearTheSmallestDouble() throws {
        try write("tiny.csv", "y,x\n" + (0..<20).map { "\(Double($0 % 5)),\(1e-300 * Double(1 + $0 % 7))\n" }.joined())
        try assertRefused(["fit", "tiny.csv", "--response", "y"], location: "tiny.csv:1:2: ", ["largest magnitude in column 'x'"])
    }

    /// Refused by its size without being read (a sparse 100 MB file).
    func testFitDataTooLarge() throws {
        let url = dir.appendingPathComponent("big.csv")
        try Data("y,x\n1,2\n".utf8).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 100_000_000)
        try handle.close()
        try assertRefused(["fit", "big.csv", "--response", "y"], location: "big.csv: ", ["larger than the 67108864-byte limit"])
    }

    func testFitDataIsADevice() throws {
        try assertRefused(["fit", "/dev/zero", "--response", "y"], location: "/dev/zero: ", ["not a regular file"])
    }

    // MARK: - Memory and disk, up front

    func testCompareTooLargeIsRefusedUpFront() throws {
        try assertRefused(
            ["compare", "--runs", "100000000"], location: "comparing 3 variants × 100000000 runs",
            ["GiB of memory", "smaller --runs or fewer --variants"])
    }

    func testSensitivityTooLargeIsRefusedUpFront() throws {
        try assertRefused(
            ["sensitivity", "--runs", "100000000"], location: "sensitivity (src) of 100000000 runs", ["GiB of memory", "smaller --runs"])
    }

    func testSobolSensitivityTooLargeIsRefusedUpFront() throws {
        try assertRefused(
            ["sensitivity", "--method", "sobol", "--base-samples", "1000000"], location: "Sobol' sensitivity of 1000000 base samples",
            ["GiB of memory", "smaller --base-samples"])
    }

    /// A portfolio of 40 organisations has 1160 uncertain inputs (29 each): beyond the Sobol' direction
    /// numbers (a precondition crash before).
    func testSobolOnALargePortfolioIsRefused() throws {
        try write("p.yaml", "version: 1\nname: p\nportfolio:\n  organisations:\n" + (0..<40).map { "    org\($0): {}\n" }.joined())
        try assertRefused(
            ["sensitivity", "p.yaml", "--method", "sobol"], location: "Sobol' sensitivity supports at most 512 uncertain inputs",
            ["1160", "--method src"])
        try assertRefused(
            ["run", "p.yaml", "--sampling", "sobol"], location: "sampling sobol supports at most 1024 uncertain inputs", ["--sampling lhs"])
    }

    /// runs.csv of this many runs exceeds the free space of a tmpfs; refused before simulating.
    func testRunTooLargeForTheDiskIsRefusedUpFront() throws {
        let target = "/dev/shm"
        var info = statvfs()
        try XCTSkipUnless(statvfs(target, &info) == 0, "no \(target)")
        let free = Double(info.f_bavail) * Double(info.f_frsize)
        let runs = Int(min(1e8, free / 600 * 1.5 + 1e6))
        let estimate = DiskSpaceEstimate(runs: runs, uncertainInputs: 27)
        try XCTSkipIf(estimate.bytes <= free, "\(target) has room for \(runs) runs")
        try XCTSkipIf(
            MemoryEstimate(runs: runs, horizon: 15, uncertainInputs: 27).refusal() != nil, "refused for memory first on this machine")
        let out = "\(target)/govsim-disk-test-\(getpid())"
        try assertRefused(
            ["run", "--runs", "\(runs)", "--out", out], location: "the results of \(runs) runs would need about ",
            ["GiB of disk space", "use fewer --runs"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    // MARK: - Options

    /// `--runs -1` said "Missing value for '--runs <runs>'".
    func testNegativeNumericOptions() throws {
        for (arguments, expected) in [
            (["run", "--runs", "-1"], "--runs must be between 1 and 100000000"),
            (["run", "--threads", "-2"], "--threads must be between 1 and 1024"),
            (["run", "--seed", "-1"], "the seed must be a whole number between 0 and"),
            (["sensitivity", "--base-samples", "-5"], "--base-samples must be between 2 and 1000000"),
        ] {
            let r = try MeasuredProcess.run(arguments, in: dir)
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains(expected), "\(arguments): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Missing value"), r.stderr)
        }
    }

    // MARK: - Names in CSV files

    /// Names a spreadsheet would execute land in the CSVs as text (a leading apostrophe).
    func testFormulaNamesAreNeutralisedInCSVs() throws {
        try write(
            "h.yaml",
            "version: 1\nname: h\nruns: 20\nhorizon: 2\nportfolio:\n  organisations:\n    \"=HYPERLINK(1)\": {}\n    \"@SUM(A1)\": {}\n")
        let r = try MeasuredProcess.run(["run", "h.yaml", "--out", "o"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let csv = try String(contentsOf: dir.appendingPathComponent("o/organisations.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("\n'=HYPERLINK(1),"), csv.prefix(400).description)
        XCTAssertTrue(csv.contains("\n'@SUM(A1),"))
        XCTAssertFalse(csv.contains("\n=") || csv.contains("\n@"))
    }
}
