import GovSimTestSupport
import XCTest

@testable import GovSimScenario

final class ScenarioInputGuardTests: XCTestCase {
    private func guardDiagnostic(_ text: String) -> Diagnostic? {
        ScenarioInputGuard.check(text, fileName: "g.yaml")
    }

    func testShippedScenariosPass() throws {
        let folder = TestSupport.packageRoot.appendingPathComponent("scenarios")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".yaml") {
            XCTAssertNil(guardDiagnostic(try TestSupport.scenarioText(file)), file)
        }
        XCTAssertNil(guardDiagnostic(ReferenceScenario.yaml))
    }

    func testNestingUpToTheLimitPassesAndOneMoreIsRefusedWhereItStarts() {
        func flow(_ depth: Int) -> String {
            "a: " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "\n"
        }
        XCTAssertNil(guardDiagnostic(flow(ScenarioInputGuard.maximumDepth)))
        let d = guardDiagnostic(flow(ScenarioInputGuard.maximumDepth + 1))
        XCTAssertEqual(d?.line, 1)
        XCTAssertEqual(d?.column, 4 + ScenarioInputGuard.maximumDepth - 1)
        XCTAssertTrue(d?.message.contains("more than 64 levels") ?? false)
    }

    /// libyaml's scanner stops at 1000 levels before the parser reports the 65th; the guard
    /// still names the 65th bracket.
    func testHundredThousandBracketsAreLocatedAtTheSixtyFifth() {
        let d = guardDiagnostic(String(repeating: "{a: [", count: 50_000))
        XCTAssertEqual(d?.line, 1)
        XCTAssertEqual(d?.column, 5 * 32 + 1)  // the 65th bracket is the '{' of the 33rd "{a: ["
        XCTAssertTrue(d?.message.contains("levels deep") ?? false, "\(String(describing: d))")
    }

    func testAliasesCountAsTheNodesTheyRepeat() {
        // A small, legitimate use of anchors passes.
        let small = "version: 1\nname: a\nshared: &tri {triangular: {min: 1, mode: 2, max: 3}}\nother: *tri\nmore: [*tri, *tri]\n"
        XCTAssertNil(guardDiagnostic(small))
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...5 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        // a4 repeats 111,111 nodes: over the budget, refused on its line.
        let d = guardDiagnostic(bomb)
        XCTAssertEqual(d?.line, 5)
        XCTAssertTrue(d?.message.contains("more than 100000 YAML nodes") ?? false)
        XCTAssertNil(ScenarioInputGuard.check(bomb, fileName: "g.yaml", maximumNodes: 2_000_000))
    }

    func testARedefinedAnchorTakesItsLatestSize() {
        let text = "a: &n [x, x, x]\nb: &n x\nc: [" + Array(repeating: "*n", count: 60_000).joined(separator: ", ") + "]\n"
        XCTAssertNil(guardDiagnostic(text))
    }

    func testTooManyKeys() {
        var text = ""
        for i in 0...ScenarioInputGuard.maximumKeys { text += "k\(i): 1\n" }
        let d = guardDiagnostic(text)
        XCTAssertEqual(d?.line, ScenarioInputGuard.maximumKeys + 1)
        XCTAssertTrue(d?.message.contains("mapping keys") ?? false)
    }

    func testSyntaxErrorsAreLeftToYams() {
        XCTAssertNil(guardDiagnostic("a: [1, 2\n"))
        XCTAssertNil(guardDiagnostic("a: *undefined\n"))
        XCTAssertNil(guardDiagnostic(""))
    }

    func testLoaderUsesTheGuard() {
        let d = TestSupport.diagnostics(TestSupport.header + "baseline: " + String(repeating: "[", count: 100) + "\n")
        XCTAssertEqual(d.count, 1)
        XCTAssertEqual(d.first?.line, 3)
        XCTAssertTrue(d.first?.message.contains("levels deep") ?? false)
    }

    func testLoaderStopsAfterFiftyErrors() {
        var text = TestSupport.header + "baseline:\n"
        for i in 0..<500 { text += "  unknown\(i): 1\n" }
        let d = TestSupport.diagnostics(text)
        XCTAssertEqual(d.count, ScenarioLoader.maximumDiagnostics + 1)
        XCTAssertTrue(d.last?.message.contains("stopped after 50 errors") ?? false)
    }
}
