import XCTest

@testable import GovSimOutput

final class SHA256Tests: XCTestCase {
    /// The implementations to check: the portable Swift code always, the SHA extensions where
    /// this CPU has them.
    private var implementations: [SHA256.Implementation] { SHA256.hardwareAvailable ? [.portable, .hardware] : [.portable] }

    private func hex(_ bytes: [UInt8], _ implementation: SHA256.Implementation) -> String {
        var hasher = SHA256(implementation: implementation)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The run-time choice agrees with the CPU's own flags (Linux: `sha_ni` in /proc/cpuinfo).
    func testHardwareDetectionMatchesTheCPUFlags() throws {
        #if arch(x86_64) && os(Linux)
            let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            let flags =
                cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ").map(String.init)) } ?? []
            XCTAssertEqual(SHA256.hardwareAvailable, flags.contains("sha_ni") && flags.contains("sse4_1"))
        #else
            throw XCTSkip("CPU flags are read from /proc/cpuinfo on x86-64 Linux only")
        #endif
    }

    func testFIPSVectors() {
        for implementation in implementations {
            let m = "\(implementation)"
            XCTAssertEqual(hex(Array("abc".utf8), implementation), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", m)
            XCTAssertEqual(hex([], implementation), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", m)
            XCTAssertEqual(
                hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), implementation),
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", m)
            XCTAssertEqual(
                hex([UInt8](repeating: 0x61, count: 1_000_000), implementation),
                "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", m)
            // FIPS 180-4 example of a 896-bit (two-block) message.
            XCTAssertEqual(
                hex(
                    Array(
                        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8), implementation),
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", m)
        }
        XCTAssertEqual(
            SHA256.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// The digest does not depend on how the message is split into updates (pieces that fill,
    /// straddle and skip the 64-byte buffer), nor on the collection type passed, nor on the
    /// implementation.
    func testIncrementalUpdatesMatchOneShot() {
        var generator = SplitMix64(seed: 7)
        let message = (0..<5000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        // Python's hashlib of the same 5,000 bytes (splitmix64, seed 7, low byte of each output).
        let whole = "a45dbd21ff12318c995a1d549de5155236120dd1ee8667755c6b2695dddc73d0"
        XCTAssertEqual(SHA256.hex(message), whole)
        XCTAssertEqual(SHA256.hex(Data(message)), whole)
        XCTAssertEqual(SHA256.hex(message.lazy.map { $0 }), whole)  // a non-contiguous collection
        // Lengths around the padding boundary, byte by byte, against hashlib.
        let expected = [
            55: "519b243fead0dd093f263cefc442e8571f26c08e87e3746a8ee510da8c751a5b",
            56: "369ba22faa1bee61b3e9aac27513711bc4004c05d2397f9699814fdbc8476c6e",
            57: "ebc338525a4d19ef7f13ab94b1d97602777977576c0c5bf9477a2dd627508259",
            63: "3ac03a94c6399796dfda6704c0f2c92fea3c7e03f07c4b01a211b611ca4d4d0e",
            64: "04ac00cb61948e18f680d51b141bfb76c96e10150ecf8ceccb67ef8eb2581759",
            119: "e1ff5618fd451ca72f7e289237b4bb823546a21772180c31bcc38f316f96f043",
            120: "9c38ba2b536469726a0fcf8751d15e7736478a257fa036913c3d36aa5c5f5ae6",
        ]
        for implementation in implementations {
            XCTAssertEqual(hex(message, implementation), whole, "\(implementation)")
            // Odd chunk sizes, and a multi-block chunk after a partial buffer.
            for sizes in [[1], [63], [64], [65], [127, 1, 0, 200], [3, 61, 64, 500, 7], [5, 1000], [13, 17, 191]] {
                var hasher = SHA256(implementation: implementation)
                var offset = 0, k = 0
                while offset < message.count {
                    let n = min(sizes[k % sizes.count], message.count - offset)
                    hasher.update(message[offset..<(offset + n)])
                    offset += n
                    k += 1
                }
                XCTAssertEqual(hasher.finalize(), whole, "\(implementation) \(sizes)")
            }
            for (n, digest) in expected {
                var hasher = SHA256(implementation: implementation)
                for byte in message[0..<n] { hasher.update([byte]) }
                XCTAssertEqual(hasher.finalize(), digest, "\(implementation) \(n) bytes")
            }
        }
    }
}

final class CSVTableTests: XCTestCase {
    func testNumbersRoundTripAndAreLocaleFree() {
        for x in [0.1, 1.0 / 3.0, 1e-300, 123456789.125, -2.5e-7, 7.000000000000001, Double.pi * 1e20] {
            let s = CSVTable.formatNumber(x)
            XCTAssertEqual(Double(s), x, s)
            XCTAssertFalse(s.contains(","))
        }
        XCTAssertEqual(CSVTable.formatNumber(100), "100")
        XCTAssertEqual(CSVTable.formatNumber(-0.0), "0")
        XCTAssertEqual(CSVTable.formatNumber(.nan), "NaN")
    }

    func testQuotingFollowsRFC4180() {
        var t = CSVTable(header: ["a", "b"])
        t.append([.text("x,y"), .text("say \"hi\"")])
        t.append([.integer(3), .empty])
        XCTAssertEqual(t.render(), "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n3,\n")
    }

    /// Text a spreadsheet would execute gets a leading apostrophe; numbers, number cells and
    /// ordinary text are unchanged.
    func testFormulaTextIsNeutralised() {
        var t = CSVTable(header: ["name", "value"])
        t.append([.text("=HYPERLINK(\"http://x\",\"y\")"), .number(-0.5)])
        t.append([.text("+1+1"), .text("-0.5")])
        t.append([.text("@SUM(A1)"), .text("+3")])
        t.append([.text("-cmd|' /C calc'!A0"), .text("\tx")])
        t.append([.text("\r=1"), .text("north-east")])
        XCTAssertEqual(
            t.render(),
            """
            name,value
            "'=HYPERLINK(""http://x"",""y"")",-0.5
            '+1+1,-0.5
            '@SUM(A1),+3
            '-cmd|' /C calc'!A0,'\tx
            "'\r=1",north-east

            """)
    }
}

final class JSONValueTests: XCTestCase {
    func testDeterministicSortedOutput() {
        let v = JSONValue.object(["b": .integer(1), "a": .array([.string("q\"\n"), .number(0.5), .bool(true), .null])])
        XCTAssertEqual(v.render(), "{\n  \"a\": [\n    \"q\\\"\\n\",\n    0.5,\n    true,\n    null\n  ],\n  \"b\": 1\n}\n")
        let parsed = try? JSONSerialization.jsonObject(with: Data(v.render().utf8))
        XCTAssertNotNil(parsed)
    }
}

final class OutputDirectoryTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("govsim-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func files(_ text: String) -> [(name: String, contents: Data)] {
        [
            (name: "a.csv", contents: Data(text.utf8)),
            (
                name: "manifest.json",
                contents: Data("{\"govsim_version\": \"test\", \"files\": [{\"name\": \"a.csv\", \"bytes\": \(text.utf8.count)}]}\n".utf8)
            ),
        ]
    }

    func testWritesAndReplacesItsOwnFolderLeavingNoTemporaries() throws {
        let out = root.appendingPathComponent("res")
        try OutputDirectory(url: out).write(files("one"))
        try OutputDirectory(url: out).write(files("two"))
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("a.csv"), encoding: .utf8), "two")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["res"])
    }

    func testRefusesAFolderItDidNotWriteEvenWhenForced() throws {
        let out = root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: out.appendingPathComponent("notes.txt"))
        for force in [false, true] {
            XCTAssertThrowsError(try OutputDirectory(url: out, force: force).write(files("x"))) { error in
                XCTAssertTrue("\(error)".contains("holds 1 entry govsim did not write (notes.txt)"), "\(error)")
            }
            XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8), "keep")
        }
    }

    func testAFileAddedWhileComputingIsNeitherRemovedNorReplaced() throws {
        let out = root.appendingPathComponent("res")
        try OutputDirectory(url: out).write(files("one"))
        let transaction = try OutputDirectory(url: out).begin()
        try transaction.write("a.csv", Data("two".utf8))
        try Data("keep".utf8).write(to: out.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try transaction.commit())
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("a.csv"), encoding: .utf8), "one")
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8), "keep")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["res"])
    }

    func testFailureLeavesPreviousResultsAndNoTemporaryFolder() throws {
        let out = root.appendingPathComponent("res")
        try OutputDirectory(url: out).write(files("old"))
        // A file name with a slash into a missing subfolder cannot be written.
        XCTAssertThrowsError(try OutputDirectory(url: out).write([(name: "missing/x.csv", contents: Data())])) { error in
            XCTAssertTrue("\(error)".contains("missing/x.csv"))
        }
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("a.csv"), encoding: .utf8), "old")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["res"])
    }
}

final class OutputLocationTests: XCTestCase {
    /// The library check refuses the places a results folder would destroy, given the inputs.
    func testRefusedPlaces() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("govsim-loc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let work = root.appendingPathComponent("home/work")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        let home = root.appendingPathComponent("home").path
        func check(_ out: String, _ inputs: [String] = ["scenarios/plan.yaml"]) -> String? {
            do { try OutputLocation.check(out, inputs: inputs, workingDirectory: work.path, home: home); return nil } catch {
                return "\(error)"
            }
        }
        XCTAssertNil(check("outputs/run"))
        XCTAssertNil(check("scenarios/results"), "a new subfolder beside the scenario is fine")
        XCTAssertEqual(check("")?.contains("empty"), true)
        XCTAssertEqual(check(".")?.contains("is the working directory"), true)
        XCTAssertEqual(check("./")?.contains("is the working directory"), true)
        XCTAssertEqual(check("..")?.contains("is the home directory"), true)
        XCTAssertEqual(check("../..")?.contains("holds the working directory"), true)
        XCTAssertEqual(check("/")?.contains("root"), true)
        XCTAssertEqual(check(home)?.contains("is the home directory"), true)
        XCTAssertEqual(check("scenarios")?.contains("is the folder holding the input scenarios/plan.yaml"), true)
        XCTAssertEqual(check("shard-1", ["shard-1"])?.contains("is the input shard-1"), true)
        try FileManager.default.createSymbolicLink(atPath: work.appendingPathComponent("link").path, withDestinationPath: "scenarios")
        XCTAssertEqual(check("link")?.contains("is a symbolic link"), true)
        XCTAssertNil(check("link/new"), "a link above the results folder is followed")
    }
}
