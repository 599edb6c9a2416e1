import Foundation

/// `shard.json`: everything `govsim merge` needs besides the shard's aggregate itself, so a shard
/// folder is self-contained: the govsim version, the scenario's bytes and SHA-256, every data file
/// the scenario read (as written in the scenario, with its SHA-256 and bytes), the run settings,
/// which fixed blocks of runs the shard holds, and the format, size and SHA-256 of its
/// `aggregate.bin` (``ShardAggregate``).
///
/// Written by ``encoded()`` and read by ``decode(_:)`` only (`JSONEncoder`/`JSONDecoder`, sorted
/// keys), and validated on reading: every field present and of its type, sizes bounded, the
/// block range the one shard `shard` of `shards` covers. A description that passes ``decode(_:)``
/// can be used to size buffers and index blocks without further checks.
package struct ShardDescription: Codable, Sendable, Equatable {
    /// A data file read while resolving the scenario (a history, a fit's coefficients).
    package struct DataFile: Codable, Sendable, Equatable {
        /// The path as written in the scenario (relative to the scenario file's folder).
        package var path: String
        package var sha256: String
        /// The file's bytes, base64.
        package var contentBase64: String

        package init(path: String, contents: Data) {
            self.path = path
            sha256 = SHA256.hex(contents)
            contentBase64 = contents.base64EncodedString()
        }

        enum CodingKeys: String, CodingKey {
            case path, sha256
            case contentBase64 = "content_base64"
        }
    }

    package var govsimVersion: String
    /// The scenario path as given to `govsim run` (`reference.yaml` for the built-in scenario).
    package var scenarioFile: String
    package var scenarioSHA256: String
    /// The scenario file's text (always UTF-8: the loader refuses anything else).
    package var scenarioContent: String
    /// Every data file the scenario read, in the order first read.
    package var dataFiles: [DataFile]
    package var runs: Int
    /// The seed, as decimal text (a UInt64 does not survive every JSON reader as a number).
    package var seed: String
    package var sampling: String
    /// This shard's number, 1 ≤ shard ≤ shards.
    package var shard: Int
    package var shards: Int
    /// The shard's blocks: `firstBlock..<endBlock` of the run's fixed blocks.
    package var firstBlock: Int
    package var endBlock: Int
    /// Runs per block (``ParallelBlocks/blockSize`` of the writing govsim).
    package var blockSize: Int
    /// The encoding of `aggregate.bin` (``ShardAggregate/formatVersion``).
    package var aggregateFormat: Int
    /// The size and SHA-256 of `aggregate.bin` (set when the shard is written).
    package var aggregateBytes: Int
    package var aggregateSHA256: String
    /// Whether the shard holds `runs-rows.csv` (its runs' rows of `runs.csv`, standard dialect,
    /// no header): true unless the shards were run with `--no-runs-csv`.
    package var runsCSVRows: Bool

    enum CodingKeys: String, CodingKey {
        case govsimVersion = "govsim_version", scenarioFile = "scenario_file", scenarioSHA256 = "scenario_sha256"
        case scenarioContent = "scenario_content", dataFiles = "data_files"
        case runs, seed, sampling, shard, shards
        case firstBlock = "first_block", endBlock = "end_block", blockSize = "block_size"
        case aggregateFormat = "aggregate_format", aggregateBytes = "aggregate_bytes", aggregateSHA256 = "aggregate_sha256"
        case runsCSVRows = "runs_csv_rows"
    }

    /// Largest `shard.json` read, in bytes: a scenario (at most 1 MiB, at most 2 MiB as a JSON
    /// string) and the data files (at most ``maximumDataBytes``, 4/3 of that in base64).
    package static let maximumBytes = 4 << 20
    /// Largest total size of the data files a shard records, in bytes (histories and fits are
    /// a few kilobytes).
    package static let maximumDataBytes = 1 << 20
    /// Largest run count (the scenario schema's and `--runs`' limit).
    package static let maximumRuns = 100_000_000
    /// Largest `aggregate_bytes` accepted (1 TiB: far above any shard; `merge` reads one shard's
    /// aggregate at a time and refuses, by its memory estimate, a merge larger than the machine).
    package static let maximumAggregateBytes = 1 << 40

    /// The description of shard `shard` of `shards` of `runs` runs; `firstBlock`, `endBlock`
    /// and `blockSize` follow from them (``blockRange(shard:of:blockCount:)``); the aggregate's
    /// size and SHA-256 are empty until ``recordAggregate(_:)``.
    package init(
        scenarioFile: String, scenarioBytes: [UInt8], dataFiles: [DataFile], runs: Int, seed: UInt64, sampling: String,
        shard: Int, shards: Int, runsCSVRows: Bool
    ) {
        govsimVersion = GovSimVersion.string
        self.scenarioFile = scenarioFile
        scenarioSHA256 = SHA256.hex(scenarioBytes)
        scenarioContent = String(decoding: scenarioBytes, as: UTF8.self)
        self.dataFiles = dataFiles
        self.runs = runs
        self.seed = String(seed)
        self.sampling = sampling
        self.shard = shard
        self.shards = shards
        let range = Self.blockRange(shard: shard, of: shards, blockCount: Self.blockCount(runs: runs))
        firstBlock = range.lowerBound
        endBlock = range.upperBound
        blockSize = ParallelBlocks.blockSize
        aggregateFormat = ShardAggregate.formatVersion
        aggregateBytes = 0
        aggregateSHA256 = ""
        self.runsCSVRows = runsCSVRows
    }

    /// Records the size and SHA-256 of the shard's `aggregate.bin`, `bytes`.
    package mutating func recordAggregate(_ bytes: [UInt8]) {
        aggregateBytes = bytes.count
        aggregateSHA256 = SHA256.hex(bytes)
    }

    /// The number of fixed blocks of `runs` runs.
    package static func blockCount(runs: Int, blockSize: Int = ParallelBlocks.blockSize) -> Int {
        (runs + blockSize - 1) / blockSize
    }

    /// The blocks of shard `k` of `n` (1 ≤ k ≤ n ≤ blockCount): contiguous, as equal as
    /// possible, and together exactly `0..<blockCount`.
    package static func blockRange(shard k: Int, of n: Int, blockCount: Int) -> Range<Int> {
        (blockCount * (k - 1) / n)..<(blockCount * k / n)
    }

    /// The seed as a number (validated by ``decode(_:)``).
    package var seedValue: UInt64 { UInt64(seed) ?? 0 }
    /// The number of blocks of the whole run.
    package var blockCount: Int { Self.blockCount(runs: runs, blockSize: blockSize) }
    /// The runs this shard holds.
    package var runRange: Range<Int> { (firstBlock * blockSize)..<min(endBlock * blockSize, runs) }

    /// `shard.json`'s bytes: pretty-printed, keys sorted, ending with a newline.
    package func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// Why a shard description was refused: a one-line reason (the caller names the file).
    package struct Invalid: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    /// Reads and validates `shard.json`'s bytes. Throws ``Invalid`` naming the field at fault.
    package static func decode(_ data: Data) throws -> ShardDescription {
        guard data.count <= maximumBytes else {
            throw Invalid(description: "is \(data.count) bytes, more than the \(maximumBytes) a shard description may have")
        }
        let d: ShardDescription
        do {
            d = try JSONDecoder().decode(ShardDescription.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw Invalid(description: "has no `\(path(context.codingPath + [key]))`")
        } catch let DecodingError.typeMismatch(_, context) {
            throw Invalid(description: "`\(path(context.codingPath))` has the wrong type (\(context.debugDescription))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw Invalid(description: "`\(path(context.codingPath))` is null")
        } catch let DecodingError.dataCorrupted(context) {
            let reason = context.debugDescription.split(whereSeparator: \.isNewline).joined(separator: " ")
            throw Invalid(
                description: context.codingPath.isEmpty
                    ? "is not valid JSON (\(reason))" : "`\(path(context.codingPath))` is not valid (\(reason))")
        } catch {
            throw Invalid(description: "is not valid JSON")
        }
        try d.validate()
        return d
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    /// Checks every field's range and the consistency of the block range with shard/shards.
    package func validate() throws {
        func fail(_ message: String) -> Invalid { Invalid(description: message) }
        // Paths are printed in messages and reports: no control characters (terminal escapes).
        func isPath(_ s: String) -> Bool {
            !s.isEmpty && s.utf8.count <= 4096 && s.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7f...0x9f).contains($0.value) }
        }
        func isHex64(_ s: String) -> Bool { s.utf8.count == 64 && s.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) } }
        guard !govsimVersion.isEmpty, govsimVersion.utf8.count <= 64, isPath(govsimVersion) else {
            throw fail("`govsim_version` is not a version")
        }
        guard isPath(scenarioFile) else { throw fail("`scenario_file` is empty, longer than 4096 bytes or holds control characters") }
        guard isHex64(scenarioSHA256) else { throw fail("`scenario_sha256` is not a SHA-256 in hexadecimal") }
        guard SHA256.hex(Array(scenarioContent.utf8)) == scenarioSHA256 else {
            throw fail("`scenario_content` does not have the SHA-256 in `scenario_sha256`")
        }
        var paths = Set<String>()
        var dataBytes = 0
        for (i, file) in dataFiles.enumerated() {
            guard isPath(file.path), paths.insert(file.path).inserted else {
                throw fail("`data_files[\(i)].path` is empty, too long, repeated or holds control characters")
            }
            guard isHex64(file.sha256), let contents = Data(base64Encoded: file.contentBase64) else {
                throw fail("`data_files[\(i)]` (\(file.path)) has no valid SHA-256 or base64 content")
            }
            guard SHA256.hex(contents) == file.sha256 else {
                throw fail("`data_files[\(i)]` (\(file.path)) does not have its recorded SHA-256")
            }
            dataBytes += contents.count
        }
        guard dataBytes <= Self.maximumDataBytes else {
            throw fail("records \(dataBytes) bytes of data files, more than \(Self.maximumDataBytes)")
        }
        guard (1...Self.maximumRuns).contains(runs) else { throw fail("`runs` is \(runs), not between 1 and \(Self.maximumRuns)") }
        guard UInt64(seed) != nil else { throw fail("`seed` is not a whole number between 0 and \(UInt64.max)") }
        guard SamplingKind(rawValue: sampling) != nil else { throw fail("`sampling` is not random, lhs or sobol") }
        guard blockSize == ParallelBlocks.blockSize else {
            throw fail("`block_size` is \(blockSize), but this govsim uses blocks of \(ParallelBlocks.blockSize) runs")
        }
        let blocks = blockCount
        guard (1...blocks).contains(shards) else { throw fail("`shards` is \(shards), not between 1 and the run's \(blocks) blocks") }
        guard (1...shards).contains(shard) else { throw fail("`shard` is \(shard), not between 1 and `shards` (\(shards))") }
        let expected = Self.blockRange(shard: shard, of: shards, blockCount: blocks)
        guard firstBlock == expected.lowerBound, endBlock == expected.upperBound else {
            throw fail(
                "blocks \(firstBlock)..<\(endBlock) are not those of shard \(shard) of \(shards) (\(expected.lowerBound)..<\(expected.upperBound))"
            )
        }
        guard aggregateFormat == ShardAggregate.formatVersion else {
            throw fail(
                "`aggregate_format` is \(aggregateFormat), but this govsim reads aggregates of format \(ShardAggregate.formatVersion); re-run the shard with this govsim"
            )
        }
        guard (8...Self.maximumAggregateBytes).contains(aggregateBytes) else {
            throw fail("`aggregate_bytes` is \(aggregateBytes), not between 8 and \(Self.maximumAggregateBytes)")
        }
        guard isHex64(aggregateSHA256) else { throw fail("`aggregate_sha256` is not a SHA-256 in hexadecimal") }
    }

    /// The recorded data files' bytes by path (validated by ``decode(_:)``).
    package var dataFileContents: [String: Data] {
        var out: [String: Data] = [:]
        for file in dataFiles { out[file.path] = Data(base64Encoded: file.contentBase64) }
        return out
    }
}
