import XCTest

@testable import GovSimOutput

/// The parts of ``ReproductionCheck`` in their own files: reading the manifest's file list
/// (`+Manifest`), the folder's own files (`+Integrity`) and the line report (`+Differences`).
final class ReproductionCheckPartsTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("govsim-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    private func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A manifest listing `entries` as (name, bytes, sha256).
    private func manifest(_ entries: [(String, Int, String)]) throws {
        let files = entries.map { "{\"name\": \"\($0.0)\", \"bytes\": \($0.1), \"sha256\": \"\($0.2)\"}" }
        try write("manifest.json", "{\"files\": [\(files.joined(separator: ", "))]}")
    }

    func testRecordedFilesRefuseWhatGovsimCouldNotHaveWritten() throws {
        let sha = String(repeating: "a", count: 64)
        try manifest([("../x.csv", 1, sha)])
        XCTAssertThrowsError(try ReproductionCheck(folder: dir).recordedFiles()) {
            XCTAssertTrue("\($0)".contains("not a plain file name"), "\($0)")
        }
        try manifest([("a.csv", 1, sha), ("a.csv", 1, sha)])
        XCTAssertThrowsError(try ReproductionCheck(folder: dir).recordedFiles()) { XCTAssertTrue("\($0)".contains("twice"), "\($0)") }
        try manifest([("a.csv", 1, "xyz")])
        XCTAssertThrowsError(try ReproductionCheck(folder: dir).recordedFiles()) { XCTAssertTrue("\($0)".contains("SHA-256"), "\($0)") }
        try manifest([("a.csv", 3, sha)])
        XCTAssertEqual(try ReproductionCheck(folder: dir).recordedFiles(), [.init(name: "a.csv", bytes: 3, sha256: sha)])
    }

    func testTheFolderCheckReportsMissingExtraAndChangedFiles() throws {
        let kept = try write("kept.csv", "a,b\n")
        try write("edited.csv", "x\n")  // 2 bytes, as recorded, but another SHA-256
        try manifest([
            ("kept.csv", 4, try FolderFile.sha256(kept)), ("edited.csv", 2, String(repeating: "0", count: 64)),
            ("gone.csv", 1, String(repeating: "1", count: 64)),
        ])
        try write("extra.txt", "?")
        let outcome = try ReproductionCheck(folder: dir).run(rerun: nil)
        XCTAssertEqual(outcome.checkedFiles, 3)
        XCTAssertFalse(outcome.reran)
        XCTAssertFalse(outcome.reproduced)
        XCTAssertEqual(outcome.problems.count, 3, "\(outcome.problems)")
        XCTAssertTrue(outcome.problems.contains { $0.hasPrefix("gone.csv: missing") })
        XCTAssertTrue(outcome.problems.contains { $0.hasPrefix("extra.txt: in the folder but not in the manifest") })
        XCTAssertTrue(outcome.problems.contains { $0.hasPrefix("edited.csv: changed since govsim wrote it (its SHA-256") })
    }

    func testLineDifferenceShowsTheFirstDifferingLineAligned() throws {
        let a = try write("a", "h\n1\n"), b = try write("b", "h\n2\n")
        try manifest([])
        let check = try ReproductionCheck(folder: dir)
        XCTAssertEqual(
            check.lineDifference(a, b, first: "recorded", second: "re-run"),
            "; first difference at line 2:\n    recorded: \"1\"\n    re-run:   \"2\"")
        XCTAssertNil(check.lineDifference(a, a, first: "recorded", second: "re-run"))
    }
}
