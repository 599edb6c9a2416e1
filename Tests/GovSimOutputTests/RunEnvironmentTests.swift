import Foundation
import XCTest

@testable import GovSimOutput

final class RunEnvironmentTests: XCTestCase {
    /// Only installed packages with a wanted prefix, each with its own stanza's version; a
    /// missing trailing blank line, continuation lines and other fields do not confuse it.
    func testDebianPackagesFromAStatusFile() throws {
        let status = """
            Package: liblapack3
            Status: install ok installed
            Priority: optional
            Version: 3.12.0-3
            Description: Library of linear algebra routines 3 - shared version
             Version: 9.9 (a continuation line, not a field)

            Package: libblas-dev
            Status: deinstall ok config-files
            Version: 3.12.0-3

            Package: bash
            Status: install ok installed
            Version: 5.2.21-2

            Package: libopenblas0-pthread
            Version: 0.3.26+ds-1
            Status: install ok installed
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("govsim-dpkg-\(UUID().uuidString)")
        try Data(status.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertEqual(
            RunEnvironment.debianPackages(prefixes: ["libblas", "liblapack", "libopenblas"], statusFile: url.path),
            ["liblapack3": "3.12.0-3", "libopenblas0-pthread": "0.3.26+ds-1"])
        XCTAssertEqual(RunEnvironment.debianPackages(prefixes: ["bash"], statusFile: url.path), ["bash": "5.2.21-2"])
        XCTAssertEqual(RunEnvironment.debianPackages(prefixes: ["libblas"], statusFile: url.path + ".missing"), [:])
    }
}
