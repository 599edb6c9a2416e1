import Foundation

/// Which files of an existing destination folder govsim wrote, and so may replace.
///
/// govsim owns a file only when a `manifest.json` that govsim wrote in that folder lists it: a
/// JSON object with a `govsim_version` string and a `files` list of plain names (no `/`, not
/// `.` or `..`), each an object with `name` (and `bytes`, `sha256`) or a bare string. The
/// manifest itself is owned too. Anything else in the folder (a file not listed, a subfolder, a
/// symbolic link, a listed name that is not a regular file) is foreign: the folder is refused,
/// with `--force` as well, naming the foreign entries. A folder written by the first `govsim
/// bench` (manifest `{"command": "bench"}` beside `bench.csv`) counts as an older govsim layout.
///
/// `--force` means only: replace a govsim folder whose listed files were changed since govsim
/// wrote them (size or SHA-256 differs from the manifest; files over
/// ``OutputDirectory/hashedFileLimit`` bytes are compared by size), or one in the older layout.
struct FolderOwnership {
    /// Entries govsim may remove, in folder order (sorted), `manifest.json` included.
    var owned: [String] = []
    /// Listed files whose content differs from the manifest's record.
    var changed: [String] = []
    /// Entries govsim did not write.
    var foreign: [String] = []
    /// Why manifest.json does not make the folder govsim's (nil when it does or is absent).
    var manifestProblem: String? = nil
    /// Written by an older govsim that did not list its files.
    var olderLayout = false
}

extension OutputDirectory {
    /// Largest listed file whose SHA-256 is checked before replacing it; larger ones are
    /// compared by size only, so that re-running into a folder of a huge `runs.csv` stays fast.
    package static let hashedFileLimit = 64 << 20
    /// Largest `manifest.json` read to decide ownership; a larger one is not govsim's.
    package static let manifestReadLimit = 128 << 20

    /// What the existing folder at `url` holds (its entries sorted by name).
    static func examine(_ url: URL) -> FolderOwnership {
        var result = FolderOwnership()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
        if names.isEmpty { return result }
        func kind(_ name: String) -> mode_t {
            var info = stat()
            guard lstat(url.appendingPathComponent(name).path, &info) == 0 else { return 0 }
            return info.st_mode & S_IFMT
        }
        var listed: [String: (bytes: Int?, sha256: String?)] = [:]
        if names.contains("manifest.json") {
            if kind("manifest.json") != S_IFREG {
                result.manifestProblem = "its manifest.json is not a regular file"
            } else {
                switch readListing(url.appendingPathComponent("manifest.json")) {
                case .listing(let entries):
                    for e in entries { listed[e.name] = (e.bytes, e.sha256) }
                case .olderBench:
                    if Set(names).isSubset(of: ["bench.csv", "manifest.json"]) {
                        result.olderLayout = true
                        listed["bench.csv"] = (nil, nil)
                    } else {
                        result.manifestProblem = "its manifest.json is not one govsim wrote (it lists no files)"
                    }
                case .problem(let why):
                    result.manifestProblem = "its manifest.json is not one govsim wrote (\(why))"
                }
            }
        }
        let manifestOwned = result.manifestProblem == nil && names.contains("manifest.json")
        for name in names {
            let type = kind(name)
            if manifestOwned, name == "manifest.json" || listed[name] != nil, type == S_IFREG {
                result.owned.append(name)
                if let record = listed[name], isChanged(url.appendingPathComponent(name), record) { result.changed.append(name) }
            } else {
                result.foreign.append(type == S_IFDIR ? name + "/" : type == S_IFLNK ? name + " (a symbolic link)" : name)
            }
        }
        return result
    }

    /// Whether a listed file differs from its record (size, then SHA-256 up to the limit).
    static func isChanged(_ file: URL, _ record: (bytes: Int?, sha256: String?)) -> Bool {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue else { return true }
        if let bytes = record.bytes, bytes != size { return true }
        guard let sha = record.sha256, size <= hashedFileLimit else { return false }
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return true }
        defer { try? handle.close() }
        var hash = SHA256()
        var total = 0
        while total < size {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { return true }
            if chunk.isEmpty { break }
            hash.update(chunk)
            total += chunk.count
        }
        return total != size || hash.finalize() != sha.lowercased()
    }

    enum Listing {
        case listing([(name: String, bytes: Int?, sha256: String?)])
        case olderBench
        case problem(String)
    }

    /// The files a govsim manifest lists.
    static func readListing(_ manifest: URL) -> Listing {
        guard let handle = FileHandle(forReadingAtPath: manifest.path) else { return .problem("it cannot be read") }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: manifestReadLimit + 1) ?? Data() else { return .problem("it cannot be read") }
        if data.count > manifestReadLimit { return .problem("larger than \(manifestReadLimit) bytes") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return .problem("not a JSON object") }
        if object.count == 1, object["command"] as? String == "bench" { return .olderBench }
        guard object["govsim_version"] is String else { return .problem("no govsim_version") }
        guard let files = object["files"] as? [Any] else { return .problem("no files list") }
        var entries: [(name: String, bytes: Int?, sha256: String?)] = []
        for item in files {
            let name: String, bytes: Int?, sha: String?
            if let s = item as? String {
                (name, bytes, sha) = (s, nil, nil)
            } else if let o = item as? [String: Any], let s = o["name"] as? String {
                (name, bytes, sha) = (s, (o["bytes"] as? NSNumber)?.intValue, o["sha256"] as? String)
            } else {
                return .problem("a files entry has no name")
            }
            guard isPlainName(name) else { return .problem("it lists `\(printable(name))`, which is not a plain file name") }
            entries.append((name, bytes, sha))
        }
        return .listing(entries)
    }

    /// A file name inside one folder: not empty, no `/`, not `.` or `..`, no NUL.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    /// `name` with control characters shown as `?`, for messages.
    static func printable(_ name: String) -> String {
        String(name.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }

    /// "a, b, c and 4 more".
    static func list(_ names: [String], first: Int = 5) -> String {
        let shown = names.prefix(first).map(printable).joined(separator: ", ")
        return names.count > first ? "\(shown) and \(names.count - first) more" : shown
    }

    /// Throws when the existing destination may not be replaced; returns the entries that
    /// replacing it removes (empty for a missing or empty folder).
    func checkReplaceable() throws -> [String] {
        var isDirectory: ObjCBool = false
        if OutputLocation.symbolicLinkTarget(url.path) != nil {
            throw OutputError(
                path: url.path,
                cause: "is a symbolic link; govsim does not replace links: give the target folder as --out, or another folder")
        }
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            throw OutputError(path: url.path, cause: "a file with this name exists; choose another --out folder or remove the file")
        }
        let o = Self.examine(url)
        if !o.foreign.isEmpty {
            let why = o.manifestProblem.map { "; \($0)" } ?? (o.owned.isEmpty ? " (it has no manifest.json)" : "")
            let noun = o.foreign.count == 1 ? "1 entry" : "\(o.foreign.count) entries"
            throw OutputError(
                path: url.path,
                cause:
                    "holds \(noun) govsim did not write (\(Self.list(o.foreign)))\(why); govsim never removes what it did not write, even with --force: move them out or choose another --out folder"
            )
        }
        if force { return o.owned }
        if o.olderLayout {
            throw OutputError(
                path: url.path,
                cause:
                    "was written by an older govsim whose manifest lists no files; pass --force to replace its files (\(Self.list(o.owned))), or choose another --out folder"
            )
        }
        if !o.changed.isEmpty {
            throw OutputError(
                path: url.path,
                cause:
                    "govsim wrote this folder, but \(Self.list(o.changed)) changed since (size or SHA-256 differs from manifest.json); pass --force to replace the folder's \(o.owned.count) govsim files (\(Self.list(o.owned, first: 8))), or choose another --out folder"
            )
        }
        return o.owned
    }
}
