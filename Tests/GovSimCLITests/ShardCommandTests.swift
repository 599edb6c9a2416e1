import Foundation
import GovSimCore
import XCTest

/// Sharded runs and `govsim merge`: merged outputs equal the unsharded run's bytes, shard
/// numbers from a scheduler's environment, and every kind of broken, foreign or hostile shard
/// refused with one line, exit status 1, within 2 s of CPU time and 200 MB, with nothing written.
final class ShardCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try GovSimProcess.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    // MARK: - Helpers

    /// Runs `govsim run ARGS --shard k/n --out PREFIX-k` for each k as separate processes at the
    /// same time, as a job array would.
    private func makeShards(
        _ n: Int, runs: Int, prefix: String = "shard", extra: [String] = [], only: [Int]? = nil,
        environment: [String: String] = [:]
    ) throws {
        let processes = (only ?? Array(1...n)).map { k -> Process in
            let p = Process()
            p.executableURL = GovSimProcess.executable
            p.arguments = ["run"] + extra + ["--runs", "\(runs)", "--shard", "\(k)/\(n)", "--out", "\(prefix)-\(k)", "--quiet"]
            p.currentDirectoryURL = dir
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit(); XCTAssertEqual(p.terminationStatus, 0, "shard \(p.arguments!)") }
    }

    private func url(_ path: String) -> URL { dir.appendingPathComponent(path) }

    /// The reference scenario with a 2-year horizon as `small.yaml`: small shards, so that the
    /// refusals (which hash every shard before the one at fault) stay far below 2 s in a debug build.
    private func writeSmallScenario() throws -> [String] {
        let reference = try String(
            contentsOf: GovSimProcess.packageRoot.appendingPathComponent("scenarios/reference.yaml"), encoding: .utf8)
        // Milestones and build years must lie inside the horizon: the plans end in 2027 here.
        let small = reference.replacingOccurrences(of: "horizon: 15", with: "horizon: 2")
            .replacingOccurrences(of: #"\{plan: \{[^}]*\}\}"#, with: "{plan: {2026: 0.3, 2027: 0.6}}", options: .regularExpression)
            .replacingOccurrences(of: #"profile: \{[^}]*\}"#, with: "profile: {2026: 12, 2027: 8}", options: .regularExpression)
        XCTAssertNotEqual(small, reference)
        try small.write(to: url("small.yaml"), atomically: true, encoding: .utf8)
        return ["small.yaml"]
    }

    private func copyFolder(_ from: String, _ to: String) throws {
        try FileManager.default.copyItem(at: url(from), to: url(to))
    }

    /// Rewrites `name` in `folder` and, when `updateManifest`, its size and SHA-256 in the
    /// folder's manifest, as a forger who knows the format would.
    private func rewrite(_ folder: String, _ name: String, updateManifest: Bool = true, _ edit: (inout Data) throws -> Void) throws {
        let file = url("\(folder)/\(name)")
        var data = try Data(contentsOf: file)
        try edit(&data)
        try data.write(to: file)
        guard updateManifest else { return }
        let manifestURL = url("\(folder)/manifest.json")
        var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as! [String: Any]
        manifest["files"] = (manifest["files"] as! [[String: Any]]).map { entry in
            guard entry["name"] as? String == name else { return entry }
            var e = entry
            e["bytes"] = data.count
            e["sha256"] = SHA256.hex(data)
            return e
        }
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
    }

    /// Edits shard.json's fields as JSON (and the manifest consistently).
    private func editDescription(_ folder: String, _ edit: @escaping (inout [String: Any]) -> Void) throws {
        try rewrite(folder, "shard.json") { data in
            var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            edit(&object)
            data = try JSONSerialization.data(withJSONObject: object)
        }
    }

    /// Replaces the text of shard.json (and the manifest consistently).
    private func replaceDescription(_ folder: String, _ text: (String) -> String) throws {
        try rewrite(folder, "shard.json") { data in data = Data(text(String(decoding: data, as: UTF8.self)).utf8) }
    }

    /// Every file under `dir` with its size and modification time (to show that nothing changed).
    private func snapshot() throws -> [String: String] {
        var out: [String: String] = [:]
        let root = dir.resolvingSymlinksInPath().path
        let enumerator = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
        for case let file as URL in enumerator {
            let path = String(file.resolvingSymlinksInPath().path.dropFirst(root.count))
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            out[path] = isDirectory.boolValue ? "folder" : "\(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? 0)"
        }
        return out
    }

    /// Runs `govsim merge FOLDERS --out merged` and checks the refusal: exit status 1, one line
    /// `error: …` containing `fragments`, no output, within 2 s of CPU time and 200 MB, nothing written or
    /// changed anywhere in the test folder (no results, no temporary folder).
    private func assertMergeRefused(
        _ folders: [String], out: String = "merged", _ fragments: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let before = try snapshot()
        let r = try MeasuredProcess.run(["merge"] + folders + ["--out", out], in: dir)
        let what = "merge \(folders.joined(separator: " "))"
        XCTAssertFalse(r.timedOut, "\(what): did not finish", file: file, line: line)
        XCTAssertEqual(r.status, 1, "\(what): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", "\(what)", file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("error: "), "\(what): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(what): \(r.stderr)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(r.stderr.contains(fragment), "\(what): '\(fragment)' missing in: \(r.stderr)", file: file, line: line)
        }
        XCTAssertLessThan(r.cpuSeconds, 2, "\(what): took \(r.cpuSeconds) s of CPU (\(r.seconds) s wall)", file: file, line: line)
        XCTAssertLessThan(r.peakKilobytes, 200 * 1024, "\(what): peak \(r.peakKilobytes) kB", file: file, line: line)
        XCTAssertEqual(try snapshot(), before, "\(what): the folder changed", file: file, line: line)
    }

    private func assertSameResults(
        _ a: String, _ b: String, files: [String] = ["summary.csv", "runs.csv", "budget.csv", "appraisal.csv", "report.html"],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        for name in files {
            XCTAssertEqual(
                try Data(contentsOf: url("\(a)/\(name)")), try Data(contentsOf: url("\(b)/\(name)")), "\(name) differs", file: file,
                line: line)
        }
    }

    // MARK: - Merging

    func testFourShardsInParallelMergeToTheSingleRun() throws {
        // The reference scenario over 2 years: 4 blocks (the last one partial) cost little.
        let small = try writeSmallScenario()
        let single = try GovSimProcess.run(["run"] + small + ["--runs", "3100", "--out", "single", "--quiet"], in: dir)
        XCTAssertEqual(single.status, 0, single.stderr)
        try makeShards(4, runs: 3100, extra: small)
        let merge = try GovSimProcess.run(["merge", "shard-4", "shard-2", "shard-1", "shard-3", "--out", "merged", "--quiet"], in: dir)
        XCTAssertEqual(merge.status, 0, merge.stderr)
        try assertSameResults("merged", "single")
    }

    func testEveryShardCountAndThreadCountGivesTheSameBytes() throws {
        // 11 blocks (the last partial): a combination tree four levels high, split into 3 and
        // into 7 shards whose boundaries fall at odd blocks; single runs on 1 and 8 threads.
        let small = try writeSmallScenario()
        let runs = 10 * 1024 + 17
        for threads in [1, 8] {
            let single = try GovSimProcess.run(
                ["run"] + small + ["--runs", "\(runs)", "--threads", "\(threads)", "--out", "single-\(threads)", "--quiet"], in: dir)
            XCTAssertEqual(single.status, 0, single.stderr)
        }
        try assertSameResults("single-8", "single-1")
        for n in [3, 7] {
            try makeShards(n, runs: runs, prefix: "split\(n)", extra: small)
            let merge = try GovSimProcess.run(["merge"] + (1...n).map { "split\(n)-\($0)" } + ["--out", "merged-\(n)", "--quiet"], in: dir)
            XCTAssertEqual(merge.status, 0, merge.stderr)
            try assertSameResults("merged-\(n)", "single-1")
        }
    }

    /// `run --shard K/N --no-runs-csv`: the shards record the flag and hold only their aggregate;
    /// the merged folder has no runs.csv (and no listing of it), its other files those of the
    /// single run.
    func testShardsWithoutRunsCSVMergeWithoutIt() throws {
        let small = try writeSmallScenario()
        let single = try GovSimProcess.run(["run"] + small + ["--runs", "2100", "--out", "single", "--quiet"], in: dir)
        XCTAssertEqual(single.status, 0, single.stderr)
        try makeShards(2, runs: 2100, extra: small + ["--no-runs-csv"])
        // A shard carries its aggregate, not its runs: merge reads nothing else (garbage where raw
        // runs or rows could be is never read).
        for k in 1...2 {
            XCTAssertEqual(
                try FileManager.default.contentsOfDirectory(atPath: url("shard-\(k)").path).sorted(),
                ["aggregate.bin", "manifest.json", "shard.json"])
            try Data("garbage".utf8).write(to: url("shard-\(k)/runs.bin"))
            try Data("garbage".utf8).write(to: url("shard-\(k)/runs-rows.csv"))
        }
        let merge = try GovSimProcess.run(["merge", "shard-1", "shard-2", "--out", "merged", "--quiet"], in: dir)
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("merged/runs.csv").path))
        try assertSameResults("merged", "single", files: ["summary.csv", "budget.csv", "appraisal.csv", "report.html"])
        let manifest = try String(contentsOf: url("merged/manifest.json"), encoding: .utf8)
        XCTAssertFalse(manifest.contains("\"runs.csv\""))
        XCTAssertTrue(manifest.contains("\"no_runs_csv\": true"), manifest)
    }

    /// The scenario and data files merge uses are those recorded in the shards: the files may be
    /// gone, and a scenario saved as `reference.yaml` is never swapped for the built-in one.
    func testMergeUsesTheScenarioAndDataRecordedInTheShards() throws {
        let scenarios = GovSimProcess.packageRoot.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: url("project"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: scenarios.appendingPathComponent("data"), to: url("project/data"))
        let evidence = try String(contentsOf: scenarios.appendingPathComponent("evidence-based.yaml"), encoding: .utf8)
        try evidence.write(to: url("project/evidence-based.yaml"), atomically: true, encoding: .utf8)
        // An edited reference scenario under the built-in scenario's file name.
        let reference = try String(contentsOf: scenarios.appendingPathComponent("reference.yaml"), encoding: .utf8)
        let edited = reference.replacingOccurrences(of: "horizon: 15", with: "horizon: 7")
        XCTAssertNotEqual(edited, reference)
        try edited.write(to: url("reference.yaml"), atomically: true, encoding: .utf8)

        for (scenario, name) in [("project/evidence-based.yaml", "evidence"), ("reference.yaml", "edited")] {
            let single = try GovSimProcess.run(["run", scenario, "--runs", "2100", "--out", "\(name)-single", "--quiet"], in: dir)
            XCTAssertEqual(single.status, 0, single.stderr)
            try makeShards(3, runs: 2100, prefix: "\(name)-shard", extra: [scenario])
        }
        try FileManager.default.removeItem(at: url("project"))
        try FileManager.default.removeItem(at: url("reference.yaml"))
        for name in ["evidence", "edited"] {
            let merge = try GovSimProcess.run(
                ["merge", "\(name)-shard-1", "\(name)-shard-2", "\(name)-shard-3", "--out", "\(name)-merged", "--quiet"],
                in: dir)
            XCTAssertEqual(merge.status, 0, merge.stderr)
            try assertSameResults("\(name)-merged", "\(name)-single", files: ["summary.csv", "runs.csv", "budget.csv"])
        }
        let description = try ShardDescription.decode(Data(contentsOf: url("evidence-shard-2/shard.json")))
        XCTAssertEqual(description.dataFiles.map(\.path).prefix(2), ["data/spending-history.csv", "data/fit-panel/coefficients.csv"])
    }

    // MARK: - Shard numbers from the environment

    func testShardNumbersFromTheEnvironment() throws {
        let small = try writeSmallScenario()
        func shardNumber(_ env: [String: String], _ extra: [String] = []) throws -> (Int, Int)? {
            let out = "env-\(env.values.sorted().joined(separator: "-"))-\(extra.joined())"
            // 4,100 runs: 5 blocks, enough for 3 or 4 shards.
            let r = try GovSimProcess.run(
                ["run"] + small + ["--runs", "4100", "--shard-from-env"] + extra + ["--out", out, "--quiet"], in: dir, environment: env)
            guard r.status == 0 else { return nil }
            let d = try ShardDescription.decode(Data(contentsOf: url("\(out)/shard.json")))
            return (d.shard, d.shards)
        }
        // A Kubernetes Indexed Job gives a 0-based JOB_COMPLETION_INDEX.
        XCTAssertEqual(try shardNumber(["JOB_COMPLETION_INDEX": "1"], ["--shards", "3"]).map { [$0.0, $0.1] }, [2, 3])
        // A whole Slurm array 1-4: the count comes from the array.
        XCTAssertEqual(
            try shardNumber([
                "SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4",
                "SLURM_ARRAY_TASK_COUNT": "4",
            ]).map { [$0.0, $0.1] }, [3, 4])

        func refused(_ env: [String: String], _ extra: [String], _ fragment: String, line: UInt = #line) throws {
            let r = try MeasuredProcess.run(
                ["run", "--runs", "8192", "--shard-from-env"] + extra + ["--out", "never"], in: dir, environment: env)
            XCTAssertEqual(r.status, 1, r.stderr, line: line)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, line: line)
            XCTAssertTrue(r.stderr.contains(fragment), r.stderr, line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: url("never").path), line: line)
        }
        // A 0-based array, an ID beyond the shard count, a lone re-submitted task without --shards.
        try refused(
            ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "4"], [],
            "--array=1-N")
        try refused(
            ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3"], ["--shards", "4"], "--array=1-4")
        try refused(
            ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4", "SLURM_ARRAY_TASK_COUNT": "4"], [],
            "--array=1-4")
        try refused(
            ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "5", "SLURM_ARRAY_TASK_COUNT": "1"], [],
            "--shards N")
        try refused(["SLURM_ARRAY_TASK_ID": "x"], ["--shards", "4"], "not a whole number")
        try refused(["JOB_COMPLETION_INDEX": "1"], [], "--shards N")
        try refused([:], ["--shards", "4"], "neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX")
        let bad = try GovSimProcess.run(["run", "--shard", "5/4"], in: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("1 ≤ K ≤ N"), bad.stderr)
        let stray = try GovSimProcess.run(["run", "--shards", "4", "--out", "never"], in: dir)
        XCTAssertNotEqual(stray.status, 0)
        XCTAssertTrue(stray.stderr.contains("--shards N is used only with --shard-from-env"), stray.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("never").path))
    }

    /// Acceptance: `sbatch --array=5` re-running one failed task computes shard 5 (not 1), and
    /// merge accepts it with the other seven.
    func testResubmittedSlurmTaskComputesItsOwnShard() throws {
        let small = try writeSmallScenario()
        // 7,200 runs: 8 blocks (the last one partial), one per shard.
        let single = try GovSimProcess.run(["run"] + small + ["--runs", "7200", "--out", "single", "--quiet"], in: dir)
        XCTAssertEqual(single.status, 0, single.stderr)
        try makeShards(8, runs: 7200, extra: small, only: [1, 2, 3, 4, 6, 7, 8])
        let r = try GovSimProcess.run(
            ["run"] + small + ["--runs", "7200", "--shard-from-env", "--shards", "8", "--out", "shard-5", "--quiet"], in: dir,
            environment: [
                "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "5",
                "SLURM_ARRAY_TASK_COUNT": "1",
            ])
        XCTAssertEqual(r.status, 0, r.stderr)
        let d = try ShardDescription.decode(Data(contentsOf: url("shard-5/shard.json")))
        XCTAssertEqual([d.shard, d.shards, d.firstBlock, d.endBlock], [5, 8, 4, 5])
        let merge = try GovSimProcess.run(["merge"] + (1...8).map { "shard-\($0)" } + ["--out", "merged", "--quiet"], in: dir)
        XCTAssertEqual(merge.status, 0, merge.stderr)
        try assertSameResults("merged", "single")
    }

    // MARK: - Refusals (acceptance 4)

    func testMergeRefusesDamagedMissingDuplicatedAndForeignShards() throws {
        let small = try writeSmallScenario()
        try makeShards(4, runs: 4096, extra: small)
        try makeShards(4, runs: 4096, prefix: "seed8", extra: small + ["--seed", "8"], only: [2])
        let all = (1...4).map { "shard-\($0)" }

        // A flipped bit in aggregate.bin and in runs-rows.csv (the manifest unchanged).
        try copyFolder("shard-3", "flipped")
        try rewrite("flipped", "aggregate.bin", updateManifest: false) { $0[$0.count / 2] ^= 0x10 }
        try assertMergeRefused(
            ["shard-1", "shard-2", "flipped", "shard-4"],
            ["flipped: aggregate.bin does not have the SHA-256 shard.json and manifest.json list"])
        try copyFolder("shard-3", "flipped-rows")
        try rewrite("flipped-rows", "runs-rows.csv", updateManifest: false) { $0[$0.count / 2] ^= 0x01 }
        try assertMergeRefused(
            ["shard-1", "shard-2", "flipped-rows", "shard-4"],
            ["flipped-rows: runs-rows.csv does not have the SHA-256 its manifest.json lists"])
        // Truncated, and with garbage appended.
        try copyFolder("shard-3", "truncated")
        try rewrite("truncated", "aggregate.bin", updateManifest: false) { $0.removeLast(100) }
        try assertMergeRefused(["shard-1", "shard-2", "truncated", "shard-4"], ["truncated: aggregate.bin has", "truncated"])
        try copyFolder("shard-3", "appended")
        try rewrite("appended", "aggregate.bin", updateManifest: false) { $0.append(contentsOf: [1, 2, 3]) }
        try assertMergeRefused(["shard-1", "shard-2", "appended", "shard-4"], ["appended: aggregate.bin has", "bytes appended"])
        try copyFolder("shard-3", "rows-truncated")
        try rewrite("rows-truncated", "runs-rows.csv", updateManifest: false) { $0.removeLast(10) }
        try assertMergeRefused(["shard-1", "shard-2", "rows-truncated", "shard-4"], ["rows-truncated: runs-rows.csv has", "truncated"])
        // A shard without runs.csv rows (--no-runs-csv) among shards with them.
        try makeShards(4, runs: 4096, prefix: "no-rows", extra: small + ["--no-runs-csv"], only: [2])
        try assertMergeRefused(
            ["shard-1", "no-rows-2", "shard-3", "shard-4"], ["no-rows-2: shard 2/4 is not from the run of shard-1", "no runs.csv rows"])
        // A missing shard; a duplicated one (the same folder twice, or a copy).
        try assertMergeRefused(["shard-1", "shard-2", "shard-4"], ["shard 3 of 4 is missing"])
        try assertMergeRefused(all + ["shard-2"], ["shard-2: shard 2/4 is given twice (the same folder)"])
        try copyFolder("shard-2", "copy-of-2")
        try assertMergeRefused(all + ["copy-of-2"], ["copy-of-2: shard 2/4 is given twice (also in shard-2)"])
        // A shard of another seed.
        try assertMergeRefused(
            ["shard-1", "seed8-2", "shard-3", "shard-4"], ["seed8-2: shard 2/4 is not from the run of shard-1", "seed 8 instead of"])
        // A shard of another govsim version, recorded consistently with its manifest.
        try copyFolder("shard-4", "old-version")
        try editDescription("old-version") { $0["govsim_version"] = "0.0.9" }
        try assertMergeRefused(["shard-1", "shard-2", "shard-3", "old-version"], ["old-version:", "govsim 0.0.9"])
        try assertMergeRefused(["old-version", "shard-1", "shard-2", "shard-3"], ["old-version: the shard was written by govsim 0.0.9"])
        // The output folder may not be, be inside, or contain a shard folder.
        try assertMergeRefused(all, out: "shard-2", ["--out shard-2: is the shard folder shard-2"])
        try assertMergeRefused(all, out: "shard-2/inner", ["is inside the shard folder shard-2"])
        try assertMergeRefused(all, out: ".", ["contains the shard folder"])
    }

    /// Hostile shards: tampered runs (with a rewritten manifest), overlapping and padded shards,
    /// and crafted shard descriptions. Every one refused before anything is allocated or written.
    func testHostileShardsAreRefused() throws {
        try makeShards(4, runs: 4096, extra: try writeSmallScenario())
        var cases: [(name: String, fragments: [String], make: (String) throws -> Void)] = []
        func crafted(_ name: String, _ fragments: [String], _ edit: @escaping (inout [String: Any]) -> Void) {
            cases.append((name, fragments, { try self.editDescription($0, edit) }))
        }
        crafted("shard-zero", ["`shard` is 0"]) { $0["shard"] = 0 }
        crafted("shard-minus-one", ["`shard` is -1"]) { $0["shard"] = -1 }
        crafted("shards-huge", ["`shards` is 4000000000"]) { $0["shards"] = 4_000_000_000 }
        crafted("shards-zero", ["`shards` is 0"]) { $0["shards"] = 0 }
        crafted("runs-huge", ["`runs` is 1000000000000000000"]) { $0["runs"] = 1_000_000_000_000_000_000 }
        crafted("runs-negative", ["`runs` is -4096"]) { $0["runs"] = -4096 }
        crafted("overlapping", ["blocks 0..<3 are not those of shard 3 of 4 (2..<3)"]) { $0["first_block"] = 0 }
        crafted("end-before-start", ["blocks 2..<1 are not those"]) { $0["end_block"] = 1 }
        crafted("end-huge", ["are not those of shard 3"]) { $0["end_block"] = Int.max }
        crafted("aggregate-bytes-huge", ["`aggregate_bytes` is"]) { $0["aggregate_bytes"] = 1 << 41 }
        crafted("aggregate-format", ["`aggregate_format` is 2, but this govsim reads aggregates of format 1"]) {
            $0["aggregate_format"] = 2
        }
        crafted("aggregate-sha-missing", ["has no `aggregate_sha256`"]) { $0.removeValue(forKey: "aggregate_sha256") }
        crafted("block-size", ["`block_size` is 7"]) { $0["block_size"] = 7 }
        crafted("wrong-type", ["`shard` has the wrong type"]) { $0["shard"] = "3" }
        crafted("fractional", ["shard.json"]) { $0["shard"] = 2.5 }
        crafted("null-field", ["`seed` is null"]) { $0["seed"] = NSNull() }
        crafted("missing-field", ["has no `end_block`"]) { $0.removeValue(forKey: "end_block") }
        crafted("seed-negative", ["`seed` is not a whole number"]) { $0["seed"] = "-1" }
        crafted("sampling-unknown", ["`sampling` is not random"]) { $0["sampling"] = "magic" }
        crafted("scenario-edited", ["`scenario_content` does not have the SHA-256"]) { $0["scenario_content"] = "name: x\n" }
        crafted("data-bad-base64", ["`data_files[0]`"]) {
            $0["data_files"] = [["path": "a.csv", "sha256": String(repeating: "0", count: 64), "content_base64": "%%%"]]
        }
        crafted("data-wrong-hash", ["does not have its recorded SHA-256"]) {
            $0["data_files"] = [["path": "a.csv", "sha256": String(repeating: "0", count: 64), "content_base64": "YQ=="]]
        }
        cases.append(("not-an-object", ["shard.json"], { try self.replaceDescription($0) { _ in "[1, 2, 3]" } }))
        cases.append(
            (
                "nan", ["is not valid JSON"],
                { try self.replaceDescription($0) { $0.replacingOccurrences(of: "\"shard\" : 3", with: "\"shard\" : NaN") } }
            ))
        cases.append(
            (
                "number-overflow", ["shard.json"],
                { try self.replaceDescription($0) { $0.replacingOccurrences(of: "\"shard\" : 3", with: "\"shard\" : 1e400") } }
            ))
        cases.append(
            (
                "huge-description", ["more than the 4194304 a shard description may have"],
                {
                    try self.rewrite($0, "shard.json") { $0.append(Data(repeating: 0x20, count: 5 << 20)) }
                }
            ))
        cases.append(
            (
                "huge-description-unlisted", ["shard.json differs from the one its manifest.json lists"],
                {
                    try self.rewrite($0, "shard.json", updateManifest: false) { $0.append(Data(repeating: 0x20, count: 100 << 20)) }
                }
            ))
        // The largest description read, hashed, parsed and then refused for one bad field.
        cases.append(
            (
                "largest-description", ["`shard` is 0"],
                { folder in
                    try self.rewrite(folder, "shard.json") { data in
                        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"shard\" : 3", with: "\"shard\" : 0")
                        let padding = String(repeating: "x", count: ShardDescription.maximumBytes - text.utf8.count - 16)
                        data = Data(("{\"x\": \"" + padding + "\", " + text.dropFirst()).utf8)
                        XCTAssertLessThanOrEqual(data.count, ShardDescription.maximumBytes)
                    }
                }
            ))
        cases.append(
            (
                "description-edited", ["shard.json differs from the one its manifest.json lists"],
                {
                    try self.rewrite($0, "shard.json", updateManifest: false) { $0.append(0x20) }
                }
            ))
        // An aggregate tampered with, its size and SHA-256 rewritten to match in shard.json and the
        // manifest (as a forger would): refused by the decoder, which checks every count and shape.
        func tampered(_ name: String, _ fragments: [String], _ edit: @escaping (inout Data) -> Void) {
            cases.append(
                (
                    name, ["aggregate.bin"] + fragments + ["re-run shard 3/4"],
                    { folder in
                        var bytes = Data()
                        try self.rewrite(folder, "aggregate.bin") {
                            edit(&$0); bytes = $0
                        }
                        try self.editDescription(folder) {
                            $0["aggregate_bytes"] = bytes.count
                            $0["aggregate_sha256"] = SHA256.hex(bytes)
                        }
                    }
                ))
        }
        tampered("aggregate-magic", ["does not start with GOVSIMAG"]) { $0[0] ^= 1 }
        tampered("aggregate-version", ["is in format 9, this govsim reads format 1"]) { $0[8] = 9 }
        // Bytes 61…64: the total's node count (after the 61-byte header).
        tampered("aggregate-nodes", ["holds 99 tree nodes where the shard's blocks make 1"]) { $0[61] = 99 }
        tampered("aggregate-cut", ["ends"]) { $0.removeLast(1000) }
        tampered("aggregate-padded", ["has 8 bytes after its last value"]) { $0.append(Data(count: 8)) }
        tampered("aggregate-empty", ["does not start with GOVSIMAG"]) { $0 = Data(count: 8) }
        cases.append(
            (
                "padded", ["manifest.json lists aggregate.bin with", "than shard.json records"],
                { folder in
                    try self.rewrite(folder, "aggregate.bin") { $0.append($0) }
                }
            ))
        cases.append(("no-manifest", ["has no manifest.json"], { try FileManager.default.removeItem(at: self.url("\($0)/manifest.json")) }))
        cases.append(
            ("no-aggregate", ["has no aggregate.bin"], { try FileManager.default.removeItem(at: self.url("\($0)/aggregate.bin")) }))
        cases.append(("no-rows", ["has no runs-rows.csv"], { try FileManager.default.removeItem(at: self.url("\($0)/runs-rows.csv")) }))
        cases.append(
            (
                "aggregate-folder", ["aggregate.bin is not a regular file"],
                { folder in
                    try FileManager.default.removeItem(at: self.url("\(folder)/aggregate.bin"))
                    try FileManager.default.createDirectory(at: self.url("\(folder)/aggregate.bin"), withIntermediateDirectories: false)
                }
            ))
        cases.append(
            (
                "aggregate-fifo", ["aggregate.bin is not a regular file"],
                { folder in
                    try FileManager.default.removeItem(at: self.url("\(folder)/aggregate.bin"))
                    XCTAssertEqual(mkfifo(self.url("\(folder)/aggregate.bin").path, 0o644), 0)
                }
            ))
        cases.append(
            (
                "aggregate-symlink-to-device", ["aggregate.bin is not a regular file"],
                { folder in
                    try FileManager.default.removeItem(at: self.url("\(folder)/aggregate.bin"))
                    try FileManager.default.createSymbolicLink(
                        atPath: self.url("\(folder)/aggregate.bin").path, withDestinationPath: "/dev/zero")
                }
            ))
        cases.append(
            (
                "rows-fifo", ["runs-rows.csv is not a regular file"],
                { folder in
                    try FileManager.default.removeItem(at: self.url("\(folder)/runs-rows.csv"))
                    XCTAssertEqual(mkfifo(self.url("\(folder)/runs-rows.csv").path, 0o644), 0)
                }
            ))
        let nesting = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        cases.append(
            (
                "deeply-nested", ["shard.json is not valid JSON"],
                { try self.replaceDescription($0) { "{\"x\": \(nesting), " + $0.dropFirst() } }
            ))
        cases.append(
            (
                "manifest-deeply-nested", ["manifest.json is not a manifest"],
                {
                    try Data(("{\"files\": " + nesting + "}").utf8).write(to: self.url("\($0)/manifest.json"))
                }
            ))
        // The most values the readers accept: 2 million numbers in shard.json and in the manifest.
        let numbers = "[" + String(repeating: "0,", count: (ShardDescription.maximumBytes - 10_000) / 2) + "0]"
        cases.append(
            (
                "many-values", ["`shard` is 0"],
                { folder in
                    try self.replaceDescription(folder) {
                        "{\"x\": \(numbers), " + $0.dropFirst().replacingOccurrences(of: "\"shard\" : 3", with: "\"shard\" : 0")
                    }
                }
            ))
        cases.append(
            (
                "manifest-many-values", ["aggregate.bin does not have the SHA-256"],
                { folder in
                    try self.rewrite(folder, "aggregate.bin", updateManifest: false) { $0[$0.count - 1] ^= 1 }
                    try self.rewrite(folder, "manifest.json", updateManifest: false) { data in
                        data = Data(("{\"x\": \(numbers), " + String(decoding: data, as: UTF8.self).dropFirst()).utf8)
                    }
                }
            ))
        cases.append(
            ("manifest-garbage", ["manifest.json is not a manifest"], { try Data("{{{".utf8).write(to: self.url("\($0)/manifest.json")) }))

        for c in cases {
            try copyFolder("shard-3", c.name)
            try c.make(c.name)
            try assertMergeRefused(["shard-1", "shard-2", c.name, "shard-4"], [c.name + ": "] + c.fragments)
        }
        // The untouched shards still merge.
        let merge = try GovSimProcess.run(["merge", "shard-1", "shard-2", "shard-3", "shard-4", "--out", "merged", "--quiet"], in: dir)
        XCTAssertEqual(merge.status, 0, merge.stderr)
    }
}
