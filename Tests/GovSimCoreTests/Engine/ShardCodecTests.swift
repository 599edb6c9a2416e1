import Foundation
import XCTest
@testable import GovSimCore
@testable import GovSimEngine

/// ``ShardCodec``: a block's runs survive `runs.bin` bit for bit, and a block that is not
/// exactly its runs in order is refused.
final class ShardCodecTests: XCTestCase {
    /// The runs of `block`, simulated as the engine simulates them.
    private func simulate(_ plan: PlanSimulator, block: Range<Int>) -> [(Int, PlanRun)] {
        var runs: [(Int, PlanRun)] = []
        plan.simulate(block: block) { runs.append(($0, $1)) }
        return runs
    }

    private func encode(_ codec: ShardCodec, _ runs: [(Int, PlanRun)]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (run, work) in runs { codec.encode(run: run, work, into: &bytes) }
        return bytes
    }

    private func assertRoundTrip(_ scenario: Scenario, block: Range<Int>, organisations: Int, line: UInt = #line) throws {
        let plan = PlanSimulator(scenario: scenario)
        let codec = ShardCodec(plan: plan)
        let cells = Metric.allCases.count * (scenario.horizon + 1)
        XCTAssertEqual(codec.bytesPerRun, 8 * (1 + plan.inputCount + cells * (1 + organisations)), line: line)
        let runs = simulate(plan, block: block)
        let bytes = encode(codec, runs)
        XCTAssertEqual(bytes.count, block.count * codec.bytesPerRun, line: line)
        let decoded = try codec.decode(bytes, expected: block)
        XCTAssertEqual(decoded.map(\.0), Array(block), line: line)
        for ((run, original), (_, back)) in zip(runs, decoded) {
            XCTAssertEqual(back.inputs.map(\.bitPattern), original.inputs.map(\.bitPattern), "run \(run)", line: line)
            XCTAssertEqual(back.total.values.map(\.bitPattern), original.total.values.map(\.bitPattern), "run \(run)", line: line)
            XCTAssertEqual(back.organisations.count, organisations, line: line)
            XCTAssertEqual(back.organisations.map { $0.values.map(\.bitPattern) }, original.organisations.map { $0.values.map(\.bitPattern) },
                           "run \(run)", line: line)
            // Budget measures are not stored: they are derived again, as in the run.
            XCTAssertEqual(back.budget, original.budget, "run \(run)", line: line)
        }
    }

    func testASingleOrganisationsRunsRoundTripBitForBit() throws {
        var s = TestSupport.reference
        s.horizon = 4
        try assertRoundTrip(s, block: 1024..<1040, organisations: 0)
    }

    func testAPortfoliosRunsRoundTripWithEachOrganisation() throws {
        try assertRoundTrip(try TestSupport.load(BenchPlan.scenarioText(years: 3, organisations: 3)), block: 7..<19, organisations: 3)
    }

    /// Values the model never writes still come back with their exact bits (the codec is not a formatter).
    func testSpecialValuesKeepTheirBits() throws {
        var s = TestSupport.reference
        s.horizon = 2
        let plan = PlanSimulator(scenario: s)
        let codec = ShardCodec(plan: plan)
        var work = simulate(plan, block: 0..<1)[0].1
        let specials: [Double] = [-0.0, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .nan]
        for (i, x) in specials.enumerated() { work.total.values[i] = x }
        let back = try codec.decode(encode(codec, [(0, work)]), expected: 0..<1)[0].1
        XCTAssertEqual(back.total.values.prefix(specials.count).map(\.bitPattern), specials.map(\.bitPattern))
    }

    /// A block must hold exactly its runs, each with its own run index, in order.
    func testCodecRefusesRunsOutOfPlace() throws {
        var s = TestSupport.reference
        s.runs = 2048
        let engine = SimulationEngine(scenario: s, threads: 1)
        var raw: [UInt8] = []
        _ = engine.run(blocks: 1..<2, formatRecords: { _ in [] }, recordSink: { _ in }, rawSink: { raw += $0 })
        let codec = ShardCodec(plan: engine.plan)
        XCTAssertEqual(try codec.decode(raw, expected: 1024..<2048).map(\.0), Array(1024..<2048))
        XCTAssertThrowsError(try codec.decode(raw, expected: 0..<1024))
        XCTAssertThrowsError(try codec.decode(Array(raw.dropLast(8)), expected: 1024..<2048))
        var swapped = raw
        let stride = codec.bytesPerRun
        swapped.replaceSubrange(0..<stride, with: raw[stride..<(2 * stride)])
        swapped.replaceSubrange(stride..<(2 * stride), with: raw[0..<stride])
        XCTAssertThrowsError(try codec.decode(swapped, expected: 1024..<2048)) { error in
            XCTAssertTrue("\(error)".contains("run 1024 is recorded with run index 1025"), "\(error)")
        }
        var notWhole = raw
        withUnsafeBytes(of: (1024.5).bitPattern.littleEndian) { notWhole.replaceSubrange(0..<8, with: $0) }
        XCTAssertThrowsError(try codec.decode(notWhole, expected: 1024..<2048)) { error in
            XCTAssertTrue("\(error)".contains("run 1024 is recorded with run index 1024.5"), "\(error)")
        }
    }
}
