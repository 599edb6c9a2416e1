import XCTest

@testable import GovSimScenario

final class ScenarioNameTests: XCTestCase {
    func testSlugKeepsLettersOfAnyScriptAndDigits() {
        XCTAssertEqual(ScenarioName.slug("Région Île-de-France"), "région-île-de-france")
        XCTAssertEqual(ScenarioName.slug("reference"), "reference")
        XCTAssertEqual(ScenarioName.slug("digital-first"), "digital-first")
        XCTAssertEqual(ScenarioName.slug("plan_B 2026"), "plan_b-2026")
        XCTAssertEqual(ScenarioName.slug("Αθήνα"), "αθήνα")
    }

    func testSlugNeverNamesAPathOrAHiddenFile() {
        for name in ["..", ".hidden", "a/b", "../../etc", "a\\b", "C:x", " spaced ", "a\u{0}b", "-x-"] {
            let slug = ScenarioName.slug(name)
            XCTAssertFalse(
                slug.contains("/") || slug.contains("\\") || slug.contains(":") || slug.hasPrefix(".") || slug.hasPrefix("-")
                    || slug.hasSuffix("-"), "\(name) → \(slug)")
            XCTAssertFalse(slug.isEmpty)
        }
        XCTAssertEqual(ScenarioName.slug("../../etc"), "etc")
        XCTAssertEqual(ScenarioName.slug("..."), "scenario")
    }

    func testSlugIsBounded() {
        XCTAssertLessThanOrEqual(ScenarioName.slug(String(repeating: "é", count: 500)).count, ScenarioName.maximumSlugLength)
    }
}
