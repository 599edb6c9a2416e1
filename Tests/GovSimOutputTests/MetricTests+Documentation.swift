import GovSimTestSupport
import XCTest

@testable import GovSimOutput

/// Every metric the model writes is documented: docs/outputs.md's summary.csv section lists each
/// ``Metric`` (the four `adoption_<practice>` metrics under one row) and no other, and states
/// summary.csv's columns. (``MetricTests`` itself is declared in RunModelTests.swift.)
extension MetricTests {
    /// The summary.csv section of docs/outputs.md, from its heading to the next `### ` heading.
    private func summarySection() throws -> String {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/outputs.md"), encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "### summary.csv"), "docs/outputs.md has a summary.csv section")
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    func testEveryMetricIsDocumentedInOutputs() throws {
        let section = try summarySection()
        let adoption = Set(PracticeKind.allCases.map { Metric.adoption($0) })
        for metric in Metric.allCases {
            if adoption.contains(metric) {
                XCTAssertTrue(metric.rawValue.hasPrefix("adoption_"), metric.rawValue)
                XCTAssertTrue(section.contains("| `adoption_<practice>` |"), "adoption_<practice> is missing from docs/outputs.md")
            } else {
                XCTAssertTrue(
                    section.contains("| `\(metric.rawValue)` |"), "\(metric.rawValue) is missing from docs/outputs.md's summary.csv table")
            }
        }
        // No documented metric that the code does not write.
        let documented = section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
        let written = Set(Metric.allCases.map(\.rawValue)).subtracting(adoption.map(\.rawValue)).union(["adoption_<practice>"])
        XCTAssertEqual(Set(documented), written)
    }

    func testSummaryColumnsAreDocumented() throws {
        XCTAssertTrue(
            try summarySection().contains("`\(SummaryTable.header.joined(separator: ","))`"), "summary.csv's columns in docs/outputs.md")
    }
}
