import Foundation
import XCTest

/// `govsim init`, `govsim validate` and `govsim schema`.
final class AuthoringCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try GovSimProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }

    // MARK: init

    func testInitWritesAStarterThatValidatesAndRuns() throws {
        var r = try GovSimProcess.run(["init"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Wrote my-scenario.yaml"), r.stdout)
        let text = try String(contentsOf: dir.appendingPathComponent("my-scenario.yaml"), encoding: .utf8)
        XCTAssertTrue(text.contains("name: my-scenario"))
        XCTAssertTrue(text.contains("# "), "commented")

        r = try GovSimProcess.run(["validate", "my-scenario.yaml"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "my-scenario.yaml: OK\n")
        XCTAssertEqual(r.stderr, "", "no warnings for the defaults")

        r = try GovSimProcess.run(["run", "my-scenario.yaml", "--runs", "200"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("outputs/my-scenario/report.html").path))
    }

    func testInitRefusesToOverwriteWithoutForce() throws {
        XCTAssertEqual(try GovSimProcess.run(["init", "agency"], in: dir).status, 0)
        try write("agency.yaml", "# my edits\n")
        var r = try GovSimProcess.run(["init", "agency"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("error: agency.yaml already exists"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--force"), r.stderr)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("agency.yaml"), encoding: .utf8), "# my edits\n")
        r = try GovSimProcess.run(["init", "agency", "--force"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("agency.yaml"), encoding: .utf8).contains("name: agency"))
    }

    func testInitRefusesAnUnusableName() throws {
        let r = try GovSimProcess.run(["init", "   "], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: '   ' cannot be a scenario name"), r.stderr)
    }

    func testInitTakesAnyScriptAndTheRunUsesItsSlug() throws {
        var r = try GovSimProcess.run(["init", "Région Île-de-France"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let file = dir.appendingPathComponent("région-île-de-france.yaml")
        XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).contains("name: Région Île-de-France"))
        r = try GovSimProcess.run(["run", file.lastPathComponent, "--runs", "50", "--quiet"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let manifest = try String(contentsOf: dir.appendingPathComponent("outputs/région-île-de-france/manifest.json"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("Région Île-de-France"), "the outputs keep the name as written")
    }

    // MARK: validate

    func testValidateReportsErrorsWithLocationsAndFails() throws {
        try write("bad.yaml", "version: 1\nname: bad\nbaseline:\n  labour_share: 2\n  spendin: 3\n")
        try write("good.yaml", "version: 1\nname: good\n")
        let r = try GovSimProcess.run(["validate", "bad.yaml", "good.yaml", "missing.yaml"], in: dir)
        XCTAssertEqual(r.status, 1)
        let errors = r.stderr.split(separator: "\n")
        XCTAssertEqual(
            errors,
            [
                "error: bad.yaml:4:17: baseline.labour_share is 2, but it must be between 0 and 1 (share 0–1); change it to a value in that range",
                "error: bad.yaml:5:3: unknown key `spendin` in baseline; did you mean `spending`?",
                "error: missing.yaml: no such scenario file; check the path (the built-in reference scenario runs with no file argument)",
            ])
        XCTAssertEqual(r.stdout, "good.yaml: OK\n")
        // The same errors as `run` prints.
        let run = try GovSimProcess.run(["run", "bad.yaml"], in: dir)
        XCTAssertEqual(run.stderr.split(separator: "\n"), Array(errors.prefix(2)))
    }

    func testValidateWarningsHaveLineNumbersAndDoNotFail() throws {
        try write(
            "warn.yaml",
            """
            version: 1
            name: warn
            horizon: 3
            practices:
              customer_focus:
                start_adoption: 0.6
                target_adoption: 0.4
            spending:
              cost_overrun: {uniform: {min: 0.2, max: 5}}

            """)
        let r = try GovSimProcess.run(["validate", "warn.yaml"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "warn.yaml: OK (3 warnings)\n")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, r.stderr)
        XCTAssertTrue(lines[0].hasPrefix("warn.yaml:3:1: warning: horizon is 3 years, shorter than the realisation lag"), lines[0])
        XCTAssertTrue(
            lines[1].hasPrefix("warn.yaml:7:5: warning: practices.customer_focus.target_adoption (0.4) is below start_adoption (0.6)"),
            lines[1])
        XCTAssertTrue(lines[2].hasPrefix("warn.yaml:9:3: warning: spending.cost_overrun spans more than an order of magnitude"), lines[2])
    }

    func testValidateExampleScenariosAreClean() throws {
        let files = ["reference.yaml", "digital-first.yaml", "cautious-rollout.yaml"].map {
            GovSimProcess.packageRoot.appendingPathComponent("scenarios/\($0)").path
        }
        let r = try GovSimProcess.run(["validate"] + files, in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, files.map { "\($0): OK\n" }.joined())
    }

    // MARK: schema

    func testSchemaIsJSONAndValidatesEveryScenarioIndependently() throws {
        let schema = try GovSimProcess.run(["schema"], in: dir)
        XCTAssertEqual(schema.status, 0, schema.stderr)
        let parsed = try JSONSerialization.jsonObject(with: Data(schema.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(parsed?["$schema"] as? String, "http://json-schema.org/draft-07/schema#")
        try write("schema.json", schema.stdout)

        XCTAssertEqual(try GovSimProcess.run(["init", "starter"], in: dir).status, 0)
        let scenarios = try FileManager.default.contentsOfDirectory(
            atPath: GovSimProcess.packageRoot.appendingPathComponent("scenarios").path
        )
        .filter { $0.hasSuffix(".yaml") }.sorted()
        .map { GovSimProcess.packageRoot.appendingPathComponent("scenarios/\($0)").path }
        XCTAssertGreaterThanOrEqual(scenarios.count, 3)
        let ok = try Python.validate(schema: "schema.json", files: scenarios + ["starter.yaml"], in: dir)
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        XCTAssertEqual(ok.stdout.split(separator: "\n").count, scenarios.count + 1)
        XCTAssertTrue(ok.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(": OK") }, ok.stdout)
    }

    func testSchemaRejectsUnknownKeysAndOutOfRangeValues() throws {
        let schema = try GovSimProcess.run(["schema"], in: dir)
        try write("schema.json", schema.stdout)
        try write("unknown.yaml", "version: 1\nname: u\nbaseline:\n  spendin: 3\n")
        try write("range.yaml", "version: 1\nname: r\nbaseline:\n  labour_share: 1.5\n")
        try write("curve.yaml", "version: 1\nname: c\npractices:\n  customer_focus:\n    curve: {bass: {p: 0.03, qq: 0.4}}\n")
        try write("noname.yaml", "version: 1\n")
        for (file, expected) in [
            ("unknown.yaml", "'spendin' was unexpected"), ("range.yaml", "baseline.labour_share"),
            ("curve.yaml", "practices.customer_focus.curve"), ("noname.yaml", "'name' is a required property"),
        ] {
            let r = try Python.validate(schema: "schema.json", files: [file], in: dir)
            XCTAssertEqual(r.status, 1, "\(file): \(r.stdout)\(r.stderr)")
            XCTAssertTrue(r.stdout.contains(expected), "\(file): \(r.stdout)")
            // govsim's own loader refuses them too.
            XCTAssertEqual(try GovSimProcess.run(["validate", file], in: dir).status, 1, file)
        }
    }
}

/// Runs scripts/validate-schema.py (Python's jsonschema, independent of govsim).
enum Python {
    static func run(_ arguments: [String], in directory: URL) throws -> GovSimProcess.Result {
        try GovSimProcess.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments, in: directory)
    }

    /// Makes sure python3 with jsonschema and PyYAML is available: installs the two packages
    /// with pip when they are missing, skips only when Python itself is missing.
    static func requireValidator(in directory: URL) throws {
        guard let version = try? run(["--version"], in: directory), version.status == 0 else {
            throw XCTSkip(
                "python3 is not installed; the schema is checked with Python's jsonschema package (install python3 to run this test)")
        }
        if try run(["-c", "import jsonschema, yaml"], in: directory).status == 0 { return }
        let install = try run(["-m", "pip", "install", "--quiet", "jsonschema", "pyyaml"], in: directory)
        guard install.status == 0, try run(["-c", "import jsonschema, yaml"], in: directory).status == 0 else {
            XCTFail("cannot install jsonschema and pyyaml with pip: \(install.stderr)")
            throw XCTSkip("jsonschema unavailable")
        }
    }

    static func validate(schema: String, files: [String], in directory: URL) throws -> GovSimProcess.Result {
        try requireValidator(in: directory)
        let script = GovSimProcess.packageRoot.appendingPathComponent("scripts/validate-schema.py").path
        return try run([script, schema] + files, in: directory)
    }
}
