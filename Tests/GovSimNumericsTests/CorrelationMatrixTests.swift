import XCTest

@testable import GovSimNumerics

final class CorrelationMatrixTests: XCTestCase {
    private func issues(_ body: () throws -> CorrelationMatrix) -> [CorrelationMatrix.Issue] {
        do {
            _ = try body()
            XCTFail("expected a validation error")
            return []
        } catch let error as CorrelationMatrix.ValidationError {
            return error.issues
        } catch {
            XCTFail("unexpected error \(error)")
            return []
        }
    }

    func testPairsBuildASymmetricMatrixWithZeroDefaults() throws {
        let c = try CorrelationMatrix(names: ["a", "b", "c"], pairs: [("a", "b", 0.5), ("c", "b", -0.25), ("b", "a", 0.5)])
        XCTAssertEqual(c.values, [1, 0.5, 0, 0.5, 1, -0.25, 0, -0.25, 1])
        XCTAssertEqual(c.correlation("b", "c"), -0.25)
        XCTAssertEqual(c.correlation("a", "c"), 0)
        XCTAssertNil(c.correlation("a", "zzz"))
        XCTAssertNil(c.repairReport)
        XCTAssertEqual(c.entries, [.init("a", "b", 0.5), .init("b", "c", -0.25)])
        let m = try CorrelationMatrix(names: ["a", "b", "c"], matrix: [[1, 0.5, 0], [0.5, 1, -0.25], [0, -0.25, 1]])
        XCTAssertEqual(m, c)
    }

    func testStructuralIssuesAreAllReported() {
        let found = issues {
            try CorrelationMatrix(
                names: ["a", "b", "c", "a"],
                pairs: [("a", "x", 0.2), ("a", "b", 1.5), ("b", "c", 0.3), ("c", "b", 0.4), ("c", "c", 0.9)])
        }
        XCTAssertEqual(
            found,
            [
                .duplicateName("a"),
                .unknownName("x", pair: .init("a", "x", 0.2)),
                .outOfRange(.init("a", "b", 1.5)),
                .nonUnitDiagonal(name: "c", value: 0.9),
                .conflictingPair(first: "b", second: "c", values: [0.3, 0.4]),
            ])
        XCTAssertEqual(found[4].description, "correlation b~c is given more than once with different values (0.3, 0.4)")
        XCTAssertEqual(found[1].description, "correlation a~x: 'x' is not an uncertain input")
    }

    func testFullMatrixIssues() {
        let found = issues {
            try CorrelationMatrix(names: ["a", "b", "c"], matrix: [[1, 0.2, .nan], [0.3, 0.9, 0], [0.1, 0, 1]])
        }
        XCTAssertEqual(found.count, 3)
        XCTAssertEqual(
            Array(found.prefix(2)),
            [
                .nonUnitDiagonal(name: "b", value: 0.9),
                .asymmetric(first: "a", second: "b", upper: 0.2, lower: 0.3),
            ])
        guard case .outOfRange(let e) = found[2] else { return XCTFail("\(found)") }
        XCTAssertEqual([e.first, e.second], ["a", "c"])
        XCTAssertTrue(e.value.isNaN)
        XCTAssertEqual(found[1].description, "correlation matrix is not symmetric: a~b is 0.2 but b~a is 0.3")
        XCTAssertEqual(
            issues { try CorrelationMatrix(names: ["a", "b"], matrix: [[1, 0], [0, 1], [0, 0]]) },
            [.sizeMismatch(names: 2, rows: 3, columns: [2, 2, 2])])
        XCTAssertEqual(
            issues { try CorrelationMatrix(names: ["a", "b"], values: [1, 0, 1]) },
            [.valueCountMismatch(names: 2, values: 3)])
    }

    /// Three correlations that cannot hold together: a~b and b~c strongly positive force a~c
    /// positive. The eigenvector of the negative eigenvalue (1 − 2·0.9 = −0.8) implicates all
    /// three and not the harmless fourth input's correlation.
    func testIndefiniteMatrixNamesTheConflictingEntries() {
        let names = ["cost_overrun", "adoption_speed", "delivery", "staffing"]
        let found = issues {
            try CorrelationMatrix(
                names: names,
                pairs: [
                    ("cost_overrun", "adoption_speed", 0.9), ("adoption_speed", "delivery", 0.9),
                    ("cost_overrun", "delivery", -0.9), ("staffing", "cost_overrun", 0.1),
                ])
        }
        XCTAssertEqual(found.count, 1)
        guard case .notPositiveSemidefinite(let lambda, let entries)? = found.first else { return XCTFail("\(found)") }
        XCTAssertLessThan(lambda, -0.7)
        XCTAssertEqual(
            Set(entries),
            [
                .init("cost_overrun", "adoption_speed", 0.9), .init("adoption_speed", "delivery", 0.9),
                .init("cost_overrun", "delivery", -0.9),
            ])
        let message = found[0].description
        XCTAssertTrue(message.hasPrefix("correlations "), message)
        XCTAssertTrue(
            message.contains("are inconsistent: no set of variables can have all three; lower one of them or use `repair: nearest`"),
            message)
        for part in ["cost_overrun~adoption_speed (0.9)", "adoption_speed~delivery (0.9)", "cost_overrun~delivery (-0.9)"] {
            XCTAssertTrue(message.contains(part), message)
        }
        XCTAssertFalse(message.contains("staffing"), message)
    }

    /// By symmetry the nearest correlation matrix to the three-way conflict has entries
    /// (x, x, −x) with 1 − 2x = 0 (x = ½, less the 10⁻⁶ eigenvalue floor): every entry moves by
    /// 0.4 and the Frobenius distance is √6 · 0.4.
    func testRepairNearestOfSymmetricConflict() throws {
        let c = try CorrelationMatrix(
            names: ["a", "b", "c"], pairs: [("a", "b", 0.9), ("b", "c", 0.9), ("a", "c", -0.9)],
            repair: .nearest)
        XCTAssertEqual(c[0, 1], 0.5, accuracy: 1e-5)
        XCTAssertEqual(c[1, 2], 0.5, accuracy: 1e-5)
        XCTAssertEqual(c[0, 2], -0.5, accuracy: 1e-5)
        let report = try XCTUnwrap(c.repairReport)
        XCTAssertEqual(report.frobeniusDistance, 6.0.squareRoot() * 0.4, accuracy: 1e-5)
        XCTAssertEqual(abs(report.largestChange.from - report.largestChange.to), 0.4, accuracy: 1e-5)
        XCTAssertEqual(report.smallestEigenvalueBefore, -0.8, accuracy: 1e-12)
        XCTAssertGreaterThan(report.smallestEigenvalueAfter, 0)
        XCTAssertNoThrow(try Cholesky(matrix: c.values, dimension: 3))
        XCTAssertTrue(report.description.hasPrefix("repaired to the nearest valid correlation matrix: moved by 0.9798"), report.description)
    }

    /// Higham's (2002) own example: A = [[1, 1, 0], [1, 1, 1], [0, 1, 1]] has nearest correlation
    /// matrix with off-diagonals 0.7607 and 0.1573 (his §4). Reference to more digits, computed
    /// offline with an independent numpy implementation of the same iteration and eigenvalue
    /// floor 10⁻⁶: 0.760689260955 and 0.157298460763.
    func testRepairNearestMatchesHighamsExample() throws {
        let c = try CorrelationMatrix(names: ["x", "y", "z"], matrix: [[1, 1, 0], [1, 1, 1], [0, 1, 1]], repair: .nearest)
        XCTAssertEqual(c[0, 1], 0.7607, accuracy: 1e-4)
        XCTAssertEqual(c[0, 2], 0.1573, accuracy: 1e-4)
        XCTAssertEqual(c[0, 1], 0.760689260955, accuracy: 1e-8)
        XCTAssertEqual(c[1, 2], 0.760689260955, accuracy: 1e-8)
        XCTAssertEqual(c[0, 2], 0.157298460763, accuracy: 1e-8)
        XCTAssertEqual(c.repairReport?.frobeniusDistance ?? 0, 0.5277917494668081, accuracy: 1e-7)
        for i in 0..<3 { XCTAssertEqual(c[i, i], 1) }
        XCTAssertThrowsError(try CorrelationMatrix(names: ["x", "y", "z"], matrix: [[1, 1, 0], [1, 1, 1], [0, 1, 1]]))
    }

    func testSingularButValidMatrixIsAccepted() throws {
        // Perfect correlation is allowed: eigenvalue 0 within rounding.
        let c = try CorrelationMatrix(names: ["a", "b", "c"], pairs: [("a", "b", 1), ("b", "c", 0.3), ("a", "c", 0.3)])
        XCTAssertNil(c.repairReport)
        let valid = try CorrelationMatrix(names: ["a", "b"], pairs: [("a", "b", 0.3)], repair: .nearest)
        XCTAssertNil(valid.repairReport, "a valid matrix is not moved")
    }
}
