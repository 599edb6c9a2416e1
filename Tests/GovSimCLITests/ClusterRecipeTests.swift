import Foundation
import GovSimCore
import XCTest

/// The cluster recipes of docs/cluster.md are the shipped files: every script and manifest the
/// page shows (a line `` `cluster/…`: `` followed by a fenced block) is byte for byte the file
/// in `cluster/`, and every file there is shown, so the scripts that `scripts/slurm-test.sh`
/// runs and `scripts/kubernetes-validate.sh` validates are the ones a reader copies.
final class ClusterRecipeTests: XCTestCase {
    private let root = GovSimProcess.packageRoot
    /// Shipped but not shown: the ConfigMap is scenarios/reference.yaml in YAML (checked against
    /// it by scripts/kubernetes-validate.sh).
    private let notShown: Set<String> = ["cluster/kubernetes/configmap.yaml"]

    /// The blocks of `markdown` labelled with a path: the label line, a fence line, the text,
    /// a closing fence. Throws for a label without a block.
    static func labelledBlocks(_ markdown: String) throws -> [(path: String, text: String)] {
        let lines = markdown.components(separatedBy: "\n")
        var blocks: [(String, String)] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("`cluster/"), line.hasSuffix("`:") {
                let path = String(line.dropFirst().dropLast(2))
                guard i + 2 < lines.count, lines[i + 1].isEmpty, lines[i + 2].hasPrefix("```") else {
                    throw NSError(
                        domain: "docs/cluster.md", code: i + 1,
                        userInfo: [NSLocalizedDescriptionKey: "line \(i + 1): \(path) is not followed by a blank line and a fenced block"])
                }
                var body: [String] = []
                var j = i + 3
                while j < lines.count, lines[j] != "```" { body.append(lines[j]); j += 1 }
                guard j < lines.count else {
                    throw NSError(
                        domain: "docs/cluster.md", code: i + 1,
                        userInfo: [NSLocalizedDescriptionKey: "line \(i + 3): the block of \(path) is not closed"])
                }
                blocks.append((path, body.joined(separator: "\n") + "\n"))
                i = j
            }
            i += 1
        }
        return blocks
    }

    /// Every regular file under `cluster/`, as a path relative to the package.
    private func shippedFiles() throws -> [String] {
        let base = root.appendingPathComponent("cluster")
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]))
        var out: [String] = []
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            out.append("cluster/" + url.path.dropFirst(base.path.count + 1))
        }
        return out.sorted()
    }

    func testTheDocShowsEveryShippedScriptVerbatim() throws {
        let doc = try String(contentsOf: root.appendingPathComponent("docs/cluster.md"), encoding: .utf8)
        let blocks = try Self.labelledBlocks(doc)
        let shown = blocks.map(\.path)
        XCTAssertEqual(Set(shown).count, shown.count, "a file is shown twice: \(shown)")
        let shipped = try shippedFiles()
        XCTAssertTrue(shipped.contains("cluster/slurm/shard.sbatch") && shipped.contains("cluster/kubernetes/shard-job.yaml"), "\(shipped)")
        XCTAssertEqual(Set(shown), Set(shipped).subtracting(notShown), "docs/cluster.md must show every file in cluster/ (shown: \(shown))")
        for (path, text) in blocks {
            let file = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            XCTAssertEqual(text, file, "docs/cluster.md shows \(path) otherwise than the shipped file")
        }
    }

    /// The parser finds a changed line (so the comparison above can fail).
    func testAChangedBlockIsSeen() throws {
        let blocks = try Self.labelledBlocks("Intro\n\n`cluster/a.sh`:\n\n```sh\n#!/bin/sh\necho a\n```\n\ntext `cluster/b.sh`: inline\n")
        XCTAssertEqual(blocks.count, 1)
        XCTAssertEqual(blocks.first?.path, "cluster/a.sh")
        XCTAssertEqual(blocks.first?.text, "#!/bin/sh\necho a\n")
        XCTAssertThrowsError(try Self.labelledBlocks("`cluster/a.sh`:\ntext\n"))
    }

    /// The Slurm scripts are executable, start with their `#!` line, call govsim by `$GOVSIM`
    /// (never a bare `govsim` the nodes may not find) and agree on the shard count.
    func testTheSlurmScriptsAreRunnableAsShipped() throws {
        for name in ["shard.sbatch", "merge.sh", "submit.sh"] {
            let path = root.appendingPathComponent("cluster/slurm/\(name)").path
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: path), "\(name) is not executable")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("#!/bin/bash\n"), "\(name) has no #! line")
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                XCTAssertFalse(
                    line.range(of: #"(^|[\s"])govsim "#, options: .regularExpression) != nil, "\(name) calls a bare govsim: \(line)")
            }
        }
        let shard = try String(contentsOf: root.appendingPathComponent("cluster/slurm/shard.sbatch"), encoding: .utf8)
        XCTAssertTrue(shard.contains("#SBATCH --array=1-16\n") && shard.contains("--shards 16 "), "the array and --shards disagree")
        let merge = try String(contentsOf: root.appendingPathComponent("cluster/slurm/merge.sh"), encoding: .utf8)
        XCTAssertNotNil(merge.range(of: #"#SBATCH --mem=\d+G"#, options: .regularExpression), "merge.sh does not ask for its memory")
    }
}
