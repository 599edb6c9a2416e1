import GovSimTestSupport
import XCTest

@testable import GovSimScenario

final class ScenarioLoaderTests: XCTestCase {
    func testEmbeddedReferenceEqualsFile() throws {
        XCTAssertEqual(
            ReferenceScenario.yaml, try TestSupport.scenarioText("reference.yaml"),
            "run scripts/embed-reference.sh after editing scenarios/reference.yaml")
    }

    func testEveryShippedScenarioLoads() throws {
        let folder = TestSupport.packageRoot.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        XCTAssertGreaterThanOrEqual(files.count, 3)
        for file in files {
            XCTAssertNoThrow(try TestSupport.load(TestSupport.scenarioText(file)), file)
        }
    }

    func testReferenceValues() throws {
        let s = TestSupport.reference
        XCTAssertEqual(s.name, "reference")
        XCTAssertEqual(s.horizon, 15)
        XCTAssertEqual(s.runs, 10_000)
        XCTAssertEqual(s.seed, 20251)
        XCTAssertEqual(s["baseline.spending"], .fixed(1000))
        XCTAssertEqual(s["baseline.demand_growth"], .normal(mean: 0.01, sd: 0.005))
        XCTAssertEqual(s.curves[.dataAsProduct], .plan)
        XCTAssertEqual(s.plans[.dataAsProduct]?.years, [2026, 2027, 2028, 2030])
        XCTAssertEqual(s["practices.data_as_product.target_adoption"], .fixed(0.75), "the plan's last milestone")
        XCTAssertEqual(s.buildProfile, [2026: 12, 2027: 8, 2028: 4])
        XCTAssertEqual(s.effectiveProgrammeDuration, 5)
        // The uplift prior is the lognormal whose leader (0.9) versus peer (0.3) gap has p5 = 7%
        // and p95 = 15%: U = G / (0.6 − 0.3·G).
        let uplift = s["effects.full_adoption_uplift"]
        XCTAssertEqual(uplift.quantile(0.05), 0.07 / (0.6 - 0.3 * 0.07), accuracy: 1e-12)
        XCTAssertEqual(uplift.quantile(0.95), 0.15 / (0.6 - 0.3 * 0.15), accuracy: 1e-12)
        XCTAssertEqual(s["effects.causal_share"], .triangular(min: 0.25, mode: 0.5, max: 1))
        XCTAssertEqual(s["effects.no_effect_probability"], .fixed(0.15))
    }

    func testDefaultsFillEverythingFromAMinimalFile() throws {
        let s = try TestSupport.load(TestSupport.header)
        XCTAssertEqual(Set(s.parameters.keys), Set(s.specs.map(\.path)))
        XCTAssertEqual(s["baseline.labour_share"], .fixed(0.45))
        XCTAssertEqual(s.curves[.customerFocus], .bass)
    }

    func testLogisticCurveAndDistributionForms() throws {
        let s = try TestSupport.load(
            TestSupport.header + """
                practices:
                  customer_focus:
                    curve: {logistic: {midpoint: 4, speed: {uniform: {min: 0.5, max: 1.5}}}}
                  rapid_iteration:
                    curve: logistic
                effects:
                  full_adoption_uplift: {lognormal: {p10: 0.08, p90: 0.14}}
                  realisation_lag: {pert: {min: 3, mode: 5, max: 8}}
                baseline:
                  inflation: {truncated_normal: {mean: 0.02, sd: 0.01, lower: 0}}
                  labour_share: {beta: {alpha: 9, beta: 11}}
                  demand_growth: {fixed: 0.02}
                spending:
                  cost_overrun: {lognormal: {mu: 0.1, sigma: 0.5}}
                """)
        XCTAssertEqual(s.curves[.customerFocus], .logistic)
        XCTAssertEqual(s.curves[.rapidIteration], .logistic)
        XCTAssertEqual(s["practices.customer_focus.curve.logistic.midpoint"], .fixed(4))
        XCTAssertEqual(s["practices.customer_focus.curve.logistic.speed"], .uniform(min: 0.5, max: 1.5))
        XCTAssertNil(s.parameters["practices.customer_focus.curve.bass.p"])
        XCTAssertEqual(s["effects.full_adoption_uplift"].quantile(0.9), 0.14, accuracy: 1e-12)
        XCTAssertEqual(s["baseline.inflation"], .truncatedNormal(mean: 0.02, sd: 0.01, lower: 0, upper: 0.5))
        XCTAssertEqual(s["baseline.demand_growth"], .fixed(0.02))
    }

    func testCalibrationIntervalSetsTheDefaultUpliftPrior() throws {
        let s = try TestSupport.load(TestSupport.header + "calibration: {target_low: 0.05, target_high: 0.10, coverage: 0.8}\n")
        let uplift = s["effects.full_adoption_uplift"]
        XCTAssertEqual(uplift.quantile(0.1), 0.05 / (0.6 - 0.3 * 0.05), accuracy: 1e-12)
        XCTAssertEqual(uplift.quantile(0.9), 0.10 / (0.6 - 0.3 * 0.10), accuracy: 1e-12)
    }

    // MARK: - Errors name file, line and column

    func testSyntaxError() {
        assertScenarioError(TestSupport.header + "baseline:\n  spending: [1, 2\n", line: 5, contains: ["YAML syntax error"])
    }

    func testTabsAreASyntaxError() {
        assertScenarioError(TestSupport.header + "baseline:\n\tspending: 10\n", line: 4, contains: ["YAML syntax error"])
    }

    func testWrongType() {
        assertScenarioError(TestSupport.header + "horizon: ten\n", line: 3, column: 10, contains: ["horizon must be a number", "ten"])
        assertScenarioError(TestSupport.header + "baseline:\n  spending: \"100\"\n", line: 4, column: 13, contains: ["remove the quotes"])
        assertScenarioError(TestSupport.header + "baseline: 5\n", line: 3, column: 11, contains: ["baseline must be a mapping"])
    }

    func testUnknownKeyWithSuggestion() {
        assertScenarioError(
            TestSupport.header + "basline:\n  spending: 10\n", line: 3, column: 1,
            contains: ["unknown key `basline`", "did you mean `baseline`?"])
        assertScenarioError(
            TestSupport.header + "practices:\n  data_as_product:\n    target_adoptoin: 0.5\n", line: 5, column: 5,
            contains: ["unknown key `target_adoptoin` in practices.data_as_product", "did you mean `target_adoption`?"])
        assertScenarioError(
            TestSupport.header + "effects:\n  realisation_lag: {triangle: {min: 1, mode: 2, max: 3}}\n", line: 4,
            contains: ["unknown distribution `triangle`", "did you mean `triangular`?"])
    }

    func testOutOfRangeValues() {
        assertScenarioError(
            TestSupport.header + "baseline:\n  labour_share: 1.5\n", line: 4, column: 17,
            contains: ["baseline.labour_share is 1.5", "between 0 and 1"])
        assertScenarioError(TestSupport.header + "runs: -5\n", line: 3, contains: ["runs must be a whole number between 1"])
        assertScenarioError(TestSupport.header + "horizon: 0\n", line: 3, contains: ["horizon"])
        assertScenarioError(
            TestSupport.header + "practices:\n  customer_focus:\n    target_adoption: {uniform: {min: 0.5, max: 1.2}}\n",
            line: 5, contains: ["up to 1.2", "between 0 and 1"])
        assertScenarioError(
            TestSupport.header + "programme_risk:\n  full_delivery_probability: 1.1\n", line: 4, contains: ["between 0 and 1"])
    }

    func testInvalidDistributions() {
        assertScenarioError(
            TestSupport.header + "effects:\n  realisation_lag: {uniform: {min: 5, max: 3}}\n", line: 4,
            contains: ["min (5) must be below max (3)"])
        assertScenarioError(
            TestSupport.header + "effects:\n  realisation_lag: {triangular: {min: 3, mode: 9, max: 7}}\n", line: 4, contains: ["mode (9)"])
        assertScenarioError(
            TestSupport.header + "baseline:\n  inflation: {normal: {mean: 0.02, sd: -1}}\n", line: 4, contains: ["sd must be positive"])
        assertScenarioError(
            TestSupport.header + "effects:\n  full_adoption_uplift: {lognormal: {p5: 0.15, p95: 0.07}}\n", line: 4,
            contains: ["p5 (0.15) must be below p95 (0.07)"])
        assertScenarioError(
            TestSupport.header + "baseline:\n  labour_share: {normal: {mean: 0.5, sd: 0.2}}\n", line: 4, contains: ["truncated_normal"])
        assertScenarioError(TestSupport.header + "baseline:\n  inflation: {normal: {mean: 0.02}}\n", line: 4, contains: ["needs `sd`"])
        assertScenarioError(
            TestSupport.header + "baseline:\n  inflation: {normal: {mean: 0.02, sigma: 1}}\n", line: 4,
            contains: ["`sigma` is not a parameter of the normal"])
        assertScenarioError(
            TestSupport.header + "baseline:\n  demand_shock_sd: {uniform: {min: 0, max: 0.1}}\n", line: 4,
            contains: ["must be a plain number"])
    }

    func testNonFiniteNumbersAreRefused() {
        assertScenarioError(TestSupport.header + "baseline:\n  spending: .nan\n", line: 4, contains: ["finite"])
        assertScenarioError(TestSupport.header + "baseline:\n  spending: .inf\n", line: 4, contains: ["finite"])
    }

    func testDuplicateKeys() {
        assertScenarioError(
            TestSupport.header + "baseline:\n  spending: 10\n  spending: 20\n", line: 5, contains: ["duplicate key `spending`", "line 4"])
        assertScenarioError(TestSupport.header + "horizon: 5\nhorizon: 6\n", line: 4, contains: ["duplicate key `horizon`"])
    }

    func testMissingRequiredFieldsAndEmptyFile() {
        assertScenarioError("name: x\n", line: 1, contains: ["no `version`"])
        assertScenarioError("", line: 1, contains: ["empty"])
        assertScenarioError("- 1\n- 2\n", line: 1, contains: ["mapping"])
        assertScenarioError("version: 2\nname: x\n", line: 1, contains: ["version must be a whole number between 1 and 1"])
    }

    func testInvalidUTF8AndBinary() {
        var bytes = Array("version: 1\nname: t\n".utf8)
        bytes += [0x66, 0xFF, 0xFE, 0x0A]
        XCTAssertThrowsError(try ScenarioLoader.load(data: Data(bytes), fileName: "bad.yaml")) { error in
            let d = (error as! ScenarioError).diagnostics[0]
            XCTAssertEqual(d.line, 3)
            XCTAssertEqual(d.column, 2)
            XCTAssertTrue(d.message.contains("UTF-8"))
        }
        XCTAssertThrowsError(try ScenarioLoader.load(data: Data([0x00, 0x01, 0x02]), fileName: "bin.yaml"))
    }

    func testAliasBombIsBoundedAndFast() {
        // Each level doubles the expansion ten times: 10^9 nodes if expanded naively.
        var yaml = TestSupport.header + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "description: *a8\n"
        let start = Date()
        let d = TestSupport.diagnostics(yaml)
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertFalse(d.isEmpty)
    }

    func testAllErrorsAreReported() {
        let d = TestSupport.diagnostics(TestSupport.header + "horizon: x\nbaseline:\n  labour_share: 3\nfoo: 1\n")
        XCTAssertEqual(d.count, 3, d.map(\.description).joined(separator: "\n"))
    }

    /// An empty `variants:` list means none; a list of names is still refused.
    func testEmptyVariantsMeanNone() throws {
        for empty in ["variants:\n", "variants: []\n", "variants: {}\n", "variants: ~\n"] {
            XCTAssertEqual(try TestSupport.load(TestSupport.header + empty).variants.count, 0, empty)
        }
        let d = TestSupport.diagnostics(TestSupport.header + "variants: [a, b]\n")
        XCTAssertTrue(d.contains { $0.message.contains("variants must be a mapping") }, d.map(\.description).joined(separator: "\n"))
    }
}
