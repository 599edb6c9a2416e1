import Foundation

/// What a results folder's command was, as typed values: the manifest's `reproduction` member.
///
/// Written by run (also with `--shard`), calibrate, compare, sensitivity, fit and merge, once
/// per command from its parsed options. Options the user left out are absent (so the re-run
/// takes the same defaults); options that never change an output byte (`--out`, `--force`,
/// `--threads`, progress and quiet) are not recorded. `govsim verify` checks every member's
/// type and range (``decode(_:manifest:)``) and turns the record into arguments it generates
/// itself (``arguments(output:shardFolders:)``): a record is never an argument list to replay.
package struct ReproductionRecord: Codable, Sendable, Equatable {
    /// The commands whose folders can be re-run.
    package enum Subcommand: String, Codable, Sendable, CaseIterable {
        case run, calibrate, compare, sensitivity, fit, merge
    }

    /// The command that wrote the folder.
    package var subcommand: Subcommand
    /// Scenario paths as given; empty for the built-in reference scenario (run, calibrate,
    /// compare, sensitivity, merge).
    package var scenarios: [String] = []
    /// `--runs`, `--seed` (as decimal text: it may exceed JSON's exact integers), `--sampling`.
    package var runs: Int?
    package var seed: String?
    package var sampling: String?
    /// `--shard K/N` of run; for merge, `shards` is N.
    package var shard: Int?
    package var shards: Int?
    /// `--no-runs-csv` of run (true when given); merge inherits it from the shards.
    package var noRunsCSV: Bool?
    /// compare: `--variants`, `--baseline`, `--rank-by`.
    package var variants: [String]?
    package var baseline: String?
    package var rankBy: String?
    /// sensitivity: `--method`, `--base-samples`, `--bootstrap`, `--target` (absent: the yearly metrics).
    package var method: String?
    package var baseSamples: Int?
    package var bootstrap: Int?
    package var target: String?
    /// fit: the data file as given, `--response`, `--predictors`, `--no-intercept`, `--robust`.
    package var data: String?
    package var response: String?
    package var predictors: [String]?
    package var noIntercept: Bool?
    package var robust: String?
    /// `run --condition-on`: the outturn file's path as given.
    package var conditionOn: String?
    /// `--csv-dialect` (``CSVDialect``; absent: standard) of every command writing CSV.
    package var csvDialect: String?

    /// The dialect of the CSV files (standard when absent).
    package var dialect: CSVDialect { csvDialect.flatMap(CSVDialect.init(rawValue:)) ?? .standard }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case subcommand, scenarios, runs, seed, sampling, shard, shards, noRunsCSV = "no_runs_csv", variants, baseline
        case rankBy = "rank_by", method, baseSamples = "base_samples", bootstrap, target
        case data, response, predictors, noIntercept = "no_intercept", robust
        case conditionOn = "condition_on"
        case csvDialect = "csv_dialect"
    }

    /// A record of `subcommand` with no option given.
    package init(_ subcommand: Subcommand) { self.subcommand = subcommand }

    /// Decodes a record; every member but `subcommand` may be absent.
    package init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subcommand = try c.decode(Subcommand.self, forKey: .subcommand)
        scenarios = try c.decodeIfPresent([String].self, forKey: .scenarios) ?? []
        runs = try c.decodeIfPresent(Int.self, forKey: .runs)
        seed = try c.decodeIfPresent(String.self, forKey: .seed)
        sampling = try c.decodeIfPresent(String.self, forKey: .sampling)
        shard = try c.decodeIfPresent(Int.self, forKey: .shard)
        shards = try c.decodeIfPresent(Int.self, forKey: .shards)
        noRunsCSV = try c.decodeIfPresent(Bool.self, forKey: .noRunsCSV)
        variants = try c.decodeIfPresent([String].self, forKey: .variants)
        baseline = try c.decodeIfPresent(String.self, forKey: .baseline)
        rankBy = try c.decodeIfPresent(String.self, forKey: .rankBy)
        method = try c.decodeIfPresent(String.self, forKey: .method)
        baseSamples = try c.decodeIfPresent(Int.self, forKey: .baseSamples)
        bootstrap = try c.decodeIfPresent(Int.self, forKey: .bootstrap)
        target = try c.decodeIfPresent(String.self, forKey: .target)
        data = try c.decodeIfPresent(String.self, forKey: .data)
        response = try c.decodeIfPresent(String.self, forKey: .response)
        predictors = try c.decodeIfPresent([String].self, forKey: .predictors)
        noIntercept = try c.decodeIfPresent(Bool.self, forKey: .noIntercept)
        robust = try c.decodeIfPresent(String.self, forKey: .robust)
        conditionOn = try c.decodeIfPresent(String.self, forKey: .conditionOn)
        csvDialect = try c.decodeIfPresent(String.self, forKey: .csvDialect)
    }

    /// The record as the manifest's JSON member (keys sorted, absent options left out).
    package var json: JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a struct of texts, whole numbers and flags cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return (try? JSONValue.parse(data)) ?? .object([:])
    }

    /// Reads and checks the `reproduction` member of a manifest from someone else.
    /// - Throws: ``ReproductionError`` naming the member and what is wrong.
    package static func decode(_ value: JSONValue, manifest: String) throws -> ReproductionRecord {
        guard let object = value.objectValue else {
            throw ReproductionError("\(manifest): `reproduction` is not an object; the manifest was edited or damaged")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ReproductionError(
                "\(manifest): reproduction.\(Printable.escaped(unknown)) is not an option govsim records; the manifest was edited")
        }
        if let name = object["subcommand"]?.stringValue, Subcommand(rawValue: name) == nil {
            throw ReproductionError(
                "\(manifest): reproduction.subcommand is `\(Printable.escaped(name))`; verify re-runs only run, calibrate, compare, sensitivity, fit and merge"
            )
        }
        let record: ReproductionRecord
        do {
            record = try JSONDecoder().decode(ReproductionRecord.self, from: Data(value.render().utf8))
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            throw ReproductionError("\(manifest): reproduction.\(path(context)) is not \(describe(type)); the manifest was edited")
        } catch let DecodingError.keyNotFound(key, _) {
            throw ReproductionError("\(manifest): reproduction has no `\(key.stringValue)`; the manifest was edited")
        } catch let DecodingError.dataCorrupted(context) {
            throw ReproductionError("\(manifest): reproduction.\(path(context)) has a value govsim does not write; the manifest was edited")
        } catch {
            throw ReproductionError("\(manifest): reproduction cannot be read (\(error)); the manifest was edited")
        }
        if let problem = record.problem {
            throw ReproductionError("\(manifest): reproduction.\(problem); the manifest was edited")
        }
        return record
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        case is String.Type: return "a text"
        default: return "a \(type)"
        }
    }

    /// The first member outside what the command accepts, as `name …`; nil when all are valid.
    package var problem: String? {
        func text(_ s: String) -> Bool {
            !s.isEmpty && s.utf8.count <= 4096 && !s.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        let all: Set<CodingKeys> = Set(CodingKeys.allCases)
        let allowed: Set<CodingKeys>
        switch subcommand {
        case .run: allowed = [.subcommand, .scenarios, .runs, .seed, .sampling, .shard, .shards, .noRunsCSV, .conditionOn, .csvDialect]
        case .calibrate: allowed = [.subcommand, .scenarios, .runs, .seed, .sampling, .csvDialect]
        case .compare: allowed = [.subcommand, .scenarios, .runs, .seed, .sampling, .variants, .baseline, .rankBy, .csvDialect]
        case .sensitivity:
            allowed = [.subcommand, .scenarios, .runs, .seed, .sampling, .method, .baseSamples, .bootstrap, .target, .csvDialect]
        case .fit: allowed = [.subcommand, .data, .response, .predictors, .noIntercept, .robust, .csvDialect]
        case .merge: allowed = [.subcommand, .scenarios, .runs, .seed, .sampling, .shards, .noRunsCSV, .csvDialect]
        }
        let present: [CodingKeys: Bool] = [
            .runs: runs != nil, .seed: seed != nil, .sampling: sampling != nil, .shard: shard != nil, .shards: shards != nil,
            .noRunsCSV: noRunsCSV != nil,
            .variants: variants != nil, .baseline: baseline != nil, .rankBy: rankBy != nil, .method: method != nil,
            .baseSamples: baseSamples != nil, .bootstrap: bootstrap != nil, .target: target != nil, .data: data != nil,
            .response: response != nil,
            .predictors: predictors != nil, .noIntercept: noIntercept != nil, .robust: robust != nil, .scenarios: !scenarios.isEmpty,
            .conditionOn: conditionOn != nil,
            .csvDialect: csvDialect != nil,
        ]
        for key in all.subtracting(allowed).sorted(by: { $0.rawValue < $1.rawValue }) where present[key] == true {
            return "\(key.rawValue) is not an option of \(subcommand.rawValue)"
        }
        if subcommand == .compare ? scenarios.count > 1000 : scenarios.count > 1 {
            return
                "scenarios lists \(scenarios.count) files; \(subcommand.rawValue) takes \(subcommand == .compare ? "at most 1000" : "at most one")"
        }
        if let bad = scenarios.first(where: { !text($0) }) {
            return "scenarios has an empty or unprintable path `\(Printable.escaped(bad))`"
        }
        if let runs, !(1...100_000_000).contains(runs) { return "runs is \(runs); it must be between 1 and 100000000" }
        if let seed, UInt64(seed) == nil || seed.hasPrefix("+") {
            return "seed is `\(Printable.escaped(seed))`; it must be a whole number between 0 and 18446744073709551615"
        }
        if let sampling, !["random", "lhs", "sobol"].contains(sampling) {
            return "sampling is `\(Printable.escaped(sampling))`; it must be random, lhs or sobol"
        }
        if let csvDialect, CSVDialect(rawValue: csvDialect) == nil {
            return "csv_dialect is `\(Printable.escaped(csvDialect))`; it must be standard, excel or excel-semicolon"
        }
        switch subcommand {
        case .run:
            if (shard == nil) != (shards == nil) { return "shard and shards go together (run --shard K/N)" }
            if let conditionOn, !text(conditionOn) || shard != nil {
                return "condition_on must be the outturn file's path, without a shard"
            }
            if let shard, let shards, !(1...100_000).contains(shards) || !(1...shards).contains(shard) {
                return "shard is \(shard) of \(shards); it must be K/N with 1 ≤ K ≤ N ≤ 100000"
            }
        case .merge:
            guard let shards, (1...100_000).contains(shards) else { return "shards must be given, between 1 and 100000" }
        case .compare:
            if let variants {
                if variants.isEmpty || variants.count > 1000 { return "variants must list 1 to 1000 names" }
                if let bad = variants.first(where: { !text($0) || $0.contains(",") }) {
                    return "variants has an invalid name `\(Printable.escaped(bad))`"
                }
                if scenarios.count > 1 { return "variants applies to one scenario" }
            }
            if let baseline, !text(baseline) { return "baseline is empty or unprintable" }
            if let rankBy, !text(rankBy) { return "rank_by is empty or unprintable" }
        case .sensitivity:
            if let method, !["src", "sobol", "switching"].contains(method) {
                return "method is `\(Printable.escaped(method))`; it must be src, sobol or switching"
            }
            if let baseSamples, !(2...1_000_000).contains(baseSamples) {
                return "base_samples is \(baseSamples); it must be between 2 and 1000000"
            }
            if let bootstrap, !(0...100_000).contains(bootstrap) { return "bootstrap is \(bootstrap); it must be between 0 and 100000" }
            if let target {
                if SensitivityStudy.Target(rawValue: target) == nil {
                    return "target is `\(Printable.escaped(target))`; it must be npv, npsv, bcr or payback"
                }
                if method == "switching" { return "target applies to method src or sobol, not switching" }
            }
        case .fit:
            guard let data, text(data) else { return "data must be the data file's path" }
            guard let response, text(response) else { return "response must be a column name" }
            if let predictors {
                if predictors.isEmpty || predictors.count > 10_000 { return "predictors must list 1 to 10000 columns" }
                if let bad = predictors.first(where: { !text($0) || $0.contains(",") }) {
                    return "predictors has an invalid name `\(Printable.escaped(bad))`"
                }
            }
            if let robust, !["hc1", "hc3"].contains(robust) { return "robust is `\(Printable.escaped(robust))`; it must be hc1 or hc3" }
        case .calibrate:
            break
        }
        return nil
    }

    /// The command's arguments (after the subcommand's name) for a re-run writing into
    /// `output`: every option in `--name=value` form, then `--` and the positional paths, so no
    /// recorded text can be read as another option. Never `--force`.
    /// - Parameter shardFolders: for merge, the folders of the re-run shards.
    package func arguments(output: String, shardFolders: [String] = []) -> [String] {
        var options = ["--out=\(output)"]
        var positional = scenarios
        if let runs { options.append("--runs=\(runs)") }
        if let seed { options.append("--seed=\(seed)") }
        if let sampling { options.append("--sampling=\(sampling)") }
        if let csvDialect { options.append("--csv-dialect=\(csvDialect)") }
        switch subcommand {
        case .run:
            if let shard, let shards { options.append("--shard=\(shard)/\(shards)") }
            if noRunsCSV == true { options.append("--no-runs-csv") }
            if let conditionOn { options.append("--condition-on=\(conditionOn)") }
            options.append("--quiet")
        case .calibrate:
            options.append("--quiet")
        case .compare:
            if let variants { options.append("--variants=\(variants.joined(separator: ","))") }
            if let baseline { options.append("--baseline=\(baseline)") }
            if let rankBy { options.append("--rank-by=\(rankBy)") }
        case .sensitivity:
            if let method { options.append("--method=\(method)") }
            if let baseSamples { options.append("--base-samples=\(baseSamples)") }
            if let bootstrap { options.append("--bootstrap=\(bootstrap)") }
            if let target { options.append("--target=\(target)") }
        case .fit:
            if let response { options.append("--response=\(response)") }
            if let predictors { options.append("--predictors=\(predictors.joined(separator: ","))") }
            if noIntercept == true { options.append("--no-intercept") }
            if let robust { options.append("--robust=\(robust)") }
            positional = data.map { [$0] } ?? []
        case .merge:
            options = ["--out=\(output)", "--quiet"] + (csvDialect.map { ["--csv-dialect=\($0)"] } ?? [])
            positional = shardFolders
        }
        return options + (positional.isEmpty ? [] : ["--"] + positional)
    }

    /// The record of one shard K of a merged run (merge records the shards' options).
    package func shardRecord(_ k: Int) -> ReproductionRecord {
        var record = self
        record.subcommand = .run
        record.shard = k
        record.csvDialect = nil  // shards write standard-dialect rows and a binary aggregate; the dialect is the merge's
        return record
    }
}
