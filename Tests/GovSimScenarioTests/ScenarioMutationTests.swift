import GovSimTestSupport
import XCTest

@testable import GovSimScenario

/// A property test of the scenario loader on random mutations of the shipped scenarios (a
/// seeded, dependency-free complement to the libFuzzer target of scripts/fuzz-scenario-loader.sh):
/// bit flips, deletions, duplications, YAML-significant insertions and splices of two
/// scenarios. Every mutant must either load or fail with located diagnostics — never crash,
/// hang or throw anything else.
final class ScenarioMutationTests: XCTestCase {
    static let tokens = [
        "[", "]", "{", "}", ": ", "- ", ", ", "&a ", "*a", "&b [*a, *a, *a]", "!!str ", "!!binary ", "? ", "\t",
        "\"", "'", "#", "\n", "\n  ", "    ", ".nan", "-.inf", "1e999", "-1", "0x1F", "~", "null", "|\n", ">-\n",
        "---\n", "...\n", "%YAML 1.2\n---\n", "\u{0}", "\u{FEFF}", "\r\n", "é", "\u{7}", "<<: *a\n",
        "{uniform: {min: 2, max: 1}}", "{lognormal: {p5: 1, p95: 1}}", "{beta: {alpha: 0, beta: 1}}",
        "runs: 100000000\nhorizon: 200\n", "curve: {logistic: {}}\n", "curve: bass\n",
    ]

    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    }

    static func mutate(_ input: [UInt8], others: [[UInt8]], with g: inout Generator) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + g.below(4)) {
            let at = g.below(bytes.count + 1)
            switch g.below(6) {
            case 0 where !bytes.isEmpty:  // flip a bit
                let i = min(at, bytes.count - 1)
                bytes[i] ^= UInt8(1 << g.below(8))
            case 1 where !bytes.isEmpty:  // delete a range
                let end = min(bytes.count, at + 1 + g.below(64))
                bytes.removeSubrange(min(at, end)..<end)
            case 2 where !bytes.isEmpty:  // duplicate a range
                let end = min(bytes.count, at + 1 + g.below(200))
                bytes.insert(contentsOf: bytes[min(at, end)..<end], at: g.below(bytes.count + 1))
            case 3:  // splice: this one's start, another's end
                let other = others[g.below(others.count)]
                bytes = Array(bytes.prefix(at)) + Array(other.suffix(g.below(other.count + 1)))
            default:  // insert a YAML-significant token
                bytes.insert(contentsOf: Array(tokens[g.below(tokens.count)].utf8), at: at)
            }
        }
        return bytes
    }

    func testMutatedScenariosLoadOrFailWithLocatedDiagnostics() throws {
        let names = ["reference.yaml", "digital-first.yaml", "cautious-rollout.yaml"]
        let seeds = try names.map { Array(try TestSupport.scenarioText($0).utf8) }
        var g = Generator(state: 20_250_601)
        var loaded = 0, refused = 0, slowest = 0.0
        let cases = 1500
        for n in 0..<cases {
            let mutant = Self.mutate(seeds[n % seeds.count], others: seeds, with: &g)
            let start = Date()
            do {
                _ = try ScenarioLoader.load(data: Data(mutant), fileName: "mutant.yaml")
                loaded += 1
            } catch let error as ScenarioError {
                refused += 1
                XCTAssertFalse(error.diagnostics.isEmpty, "case \(n)")
                let lines = mutant.filter { $0 == 10 }.count + 1
                for d in error.diagnostics {
                    XCTAssertTrue((1...lines + 1).contains(d.line) && d.column >= 1, "case \(n): \(d)")
                    XCTAssertFalse(d.description.contains("\n"), "case \(n): \(d)")
                }
            } catch {
                XCTFail("case \(n): unexpected error \(error)")
            }
            slowest = max(slowest, Date().timeIntervalSince(start))
        }
        XCTAssertEqual(loaded + refused, cases)
        XCTAssertGreaterThan(loaded, 0, "some mutants should still be valid scenarios")
        XCTAssertGreaterThan(refused, cases / 2)
        XCTAssertLessThan(slowest, 1, "the slowest mutant took \(slowest) s")
    }
}
