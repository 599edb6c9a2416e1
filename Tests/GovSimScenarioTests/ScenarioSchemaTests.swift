import Foundation
import XCTest

@testable import GovSimScenario

final class ScenarioSchemaTests: XCTestCase {
    func schema() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(ScenarioSchema.render().utf8)) as! [String: Any]
    }

    func testTopLevelAgreesWithTheLoader() throws {
        let s = try schema()
        XCTAssertEqual(s["$schema"] as? String, "http://json-schema.org/draft-07/schema#")
        XCTAssertEqual(s["additionalProperties"] as? Bool, false)
        XCTAssertEqual(Set(s["required"] as! [String]), ["version", "name"])
        let properties = s["properties"] as! [String: Any]
        XCTAssertEqual(Set(properties.keys), Set(ScenarioLoader.settingKeys + ScenarioLoader.sectionKeys + ScenarioLoader.structureKeys))
    }

    func testEveryCatalogPathIsInTheSchema() throws {
        let properties = try schema()["properties"] as! [String: Any]
        func node(_ path: [String]) -> [String: Any]? {
            var current: [String: Any]? = ["properties": properties]
            var i = 0
            while i < path.count {
                let key = path[i]
                if key == "curve" {
                    // curve: oneOf [kind names, {bass: {p, q}}, {logistic: {midpoint, speed}}]
                    let curve = (current?["properties"] as? [String: Any])?["curve"] as? [String: Any]
                    let forms = curve?["oneOf"] as? [[String: Any]] ?? []
                    let kind = path[i + 1]
                    guard let form = forms.first(where: { (($0["properties"] as? [String: Any])?[kind]) != nil }),
                        let kindSchema = (form["properties"] as! [String: Any])[kind] as? [String: Any],
                        let object = (kindSchema["oneOf"] as? [[String: Any]])?.first(where: { $0["type"] as? String == "object" })
                    else { return nil }
                    current = object
                    i += 2
                    continue
                }
                current = (current?["properties"] as? [String: Any])?[key] as? [String: Any]
                if current == nil { return nil }
                i += 1
            }
            return current
        }
        for path in ParameterCatalog.allPaths where !path.contains(".curve.step") {
            let spec = node(path.split(separator: ".").map(String.init))
            XCTAssertNotNil(spec, path)
            XCTAssertNotNil(spec?["oneOf"], path)
        }
        // Ranges: labour share 0-1; spending greater than 0; a plain-number field has no distribution forms.
        let labour = node(["baseline", "labour_share"])!
        let number = (labour["oneOf"] as! [[String: Any]])[0]
        XCTAssertEqual(number["minimum"] as? Double, 0)
        XCTAssertEqual(number["maximum"] as? Double, 1)
        XCTAssertEqual((labour["oneOf"] as! [Any]).count, 2 + DistributionSyntax.names.count - 1)
        let spending = (node(["baseline", "spending"])!["oneOf"] as! [[String: Any]])[0]
        XCTAssertEqual(spending["exclusiveMinimum"] as? Double, 0)
        XCTAssertNil(spending["maximum"])
        XCTAssertEqual((node(["baseline", "demand_shock_sd"])!["oneOf"] as! [Any]).count, 2)
    }

    func testDistributionFormsAreDefined() throws {
        let definitions = try schema()["definitions"] as! [String: Any]
        XCTAssertEqual(Set(definitions.keys), Set(DistributionSyntax.names.filter { $0 != "fixed" }))
    }
}
