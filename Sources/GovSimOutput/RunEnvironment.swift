import Foundation

/// Facts about the build and the machine that produced a result, for the manifest's
/// `environment` section. None of them changes an output byte; they are recorded so that a
/// difference found by `govsim verify` on another machine can be explained.
///
/// Each fact is found cheaply at run time, without running other programs, and is "unknown"
/// when it cannot be found honestly.
package enum RunEnvironment {
    /// The `environment` section of a manifest.
    package static func describe() -> JSONValue {
        var members: [String: JSONValue] = [
            "govsim_version": .string(GovSimVersion.string),
            "build_configuration": .string(buildConfiguration),
            "swift_compiler": .string(swiftCompiler),
            "swift_language_mode": .string(swiftLanguageMode),
            "architecture": .string(architecture),
            "operating_system": .string(operatingSystem),
            "source_checkout": sourceCheckout(),
        ]
        members["linear_algebra_libraries"] = linearAlgebraLibraries()
        return .object(members)
    }

    /// `debug` or `release` (SwiftPM defines DEBUG in debug builds).
    package static var buildConfiguration: String {
        #if DEBUG
            return "debug"
        #else
            return "release"
        #endif
    }

    /// The compiler's major.minor version, from compile-time `#if compiler(>=…)` checks (the
    /// exact patch version is not available to the program).
    package static var swiftCompiler: String {
        #if compiler(>=6.5)
            return "6.5 or later"
        #elseif compiler(>=6.4)
            return "6.4"
        #elseif compiler(>=6.3)
            return "6.3"
        #elseif compiler(>=6.2)
            return "6.2"
        #elseif compiler(>=6.1)
            return "6.1"
        #elseif compiler(>=6.0)
            return "6.0"
        #elseif compiler(>=5.10)
            return "5.10"
        #else
            return "5.9"
        #endif
    }

    /// The Swift language mode the sources were compiled in.
    package static var swiftLanguageMode: String {
        #if swift(>=6)
            return "6"
        #else
            return "5"
        #endif
    }

    package static var architecture: String {
        #if arch(x86_64)
            return "x86_64"
        #elseif arch(arm64)
            return "arm64"
        #else
            return "other"
        #endif
    }

    /// The distribution's name (`PRETTY_NAME` of /etc/os-release) and the kernel, e.g.
    /// `Debian GNU/Linux 12 (bookworm); Linux 6.1.0-18-amd64`.
    package static var operatingSystem: String {
        var parts: [String] = []
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
            let line = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") })
        {
            parts.append(line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
        }
        var names = utsname()
        if uname(&names) == 0 {
            func text<T>(_ field: T) -> String {
                withUnsafeBytes(of: field) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            }
            parts.append("\(text(names.sysname)) \(text(names.release))")
        }
        return parts.isEmpty ? ProcessInfo.processInfo.operatingSystemVersionString : parts.joined(separator: "; ")
    }

    /// The BLAS and LAPACK libraries this process has loaded (real paths from /proc/self/maps),
    /// the Debian alternatives they were chosen by, and the Debian packages that provide them.
    /// `run` and `calibrate` make no LAPACK call; `fit` does.
    package static func linearAlgebraLibraries() -> JSONValue {
        #if os(Linux)
            guard let maps = readWholeFile("/proc/self/maps") else { return .string("unknown") }
            var loaded = Set<String>()
            for line in maps.split(separator: "\n") {
                guard let slash = line.firstIndex(of: "/") else { continue }
                let path = String(line[slash...])
                let file = path.split(separator: "/").last.map(String.init) ?? ""
                if ["libblas", "liblapack", "libopenblas", "libblis", "libmkl", "libatlas", "libflexiblas"].contains(where: {
                    file.hasPrefix($0)
                }) {
                    loaded.insert(path)
                }
            }
            var members: [String: JSONValue] = ["loaded": .array(loaded.sorted().map { .string($0) })]
            var alternatives: [String: JSONValue] = [:]
            let triple = architecture == "arm64" ? "aarch64-linux-gnu" : "\(architecture)-linux-gnu"
            for name in ["libblas.so.3", "liblapack.so.3"] {
                let link = "/etc/alternatives/\(name)-\(triple)"
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) {
                    alternatives[link] = .string(target)
                }
            }
            if !alternatives.isEmpty { members["debian_alternatives"] = .object(alternatives) }
            let packages = debianPackages(prefixes: ["libblas", "liblapack", "libopenblas", "libblis", "libatlas"])
            if !packages.isEmpty { members["debian_packages"] = .object(packages.mapValues { .string($0) }) }
            return .object(members)
        #else
            return .string("unknown")
        #endif
    }

    /// Installed Debian packages whose names start with one of `prefixes` (name → version), from
    /// the dpkg status file (`statusFile`; stanzas separated by blank lines).
    ///
    /// One pass over the bytes, a line at a time with `memchr` and `memcmp`: the file is about
    /// 600 kB with several hundred packages, and every command that writes a manifest reads it, so
    /// a byte loop in Swift cost an unoptimised (test) build about 5% of the whole suite's time.
    static func debianPackages(prefixes: [String], statusFile: String = "/var/lib/dpkg/status") -> [String: String] {
        guard let data = FileManager.default.contents(atPath: statusFile) else { return [:] }
        let wanted = prefixes.map { Array($0.utf8) }
        var result: [String: String] = [:]
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress, !raw.isEmpty else { return }
            let end = base + raw.count
            func hasPrefix(_ line: UnsafeRawPointer, _ length: Int, _ prefix: StaticString) -> Bool {
                length >= prefix.utf8CodeUnitCount && memcmp(line, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
            }
            func text(_ line: UnsafeRawPointer, _ length: Int, dropping count: Int) -> String {
                String(decoding: UnsafeRawBufferPointer(start: line + count, count: length - count), as: UTF8.self)
            }
            var name: String? = nil, version: String? = nil, isInstalled = false
            func finishStanza() {
                if let name, let version, isInstalled, wanted.contains(where: { name.utf8.starts(with: $0) }) { result[name] = version }
                name = nil; version = nil; isInstalled = false
            }
            var line = base
            while line < end {
                let newline = memchr(line, Int32(UInt8(ascii: "\n")), end - line).map { UnsafeRawPointer($0) } ?? end
                let length = newline - line
                if length == 0 {
                    finishStanza()
                } else if hasPrefix(line, length, "Package: ") {
                    name = text(line, length, dropping: 9)
                } else if hasPrefix(line, length, "Version: ") {
                    version = text(line, length, dropping: 9)
                } else if hasPrefix(line, length, "Status: ") {
                    let installed: StaticString = " installed"
                    isInstalled =
                        length >= installed.utf8CodeUnitCount
                        && memcmp(newline - installed.utf8CodeUnitCount, installed.utf8Start, installed.utf8CodeUnitCount) == 0
                }
                line = newline + 1
            }
            finishStanza()
        }
        return result
    }

    /// The package folder this file was compiled from (`#filePath` at build time).
    static let sourceRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The commit checked out in the source folder the running binary was built in: recorded
    /// only when the executable still lies inside that folder's `.build` (so the checkout is
    /// the binary's own), read from the `.git` files without running git. It is the checkout's
    /// commit at run time; uncommitted changes are not detected.
    package static func sourceCheckout(executable: String? = currentExecutablePath()) -> JSONValue {
        let root = sourceRoot.standardizedFileURL.resolvingSymlinksInPath().path
        guard let executable,
            URL(fileURLWithPath: executable).resolvingSymlinksInPath().path.hasPrefix(root + "/.build/"),
            let commit = gitHead(of: URL(fileURLWithPath: root))
        else {
            return .string("unknown")
        }
        return .object(["path": .string(root), "commit": .string(commit)])
    }

    /// The running executable's path (`/proc/self/exe` on Linux).
    package static func currentExecutablePath() -> String? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }

    /// The commit HEAD points to in the git checkout at `root` (a `.git` folder, or a `.git`
    /// file naming the folder of a worktree), following one symbolic ref through loose or
    /// packed refs. Nil when any step fails.
    static func gitHead(of root: URL) -> String? {
        let fm = FileManager.default
        var gitDir = root.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: gitDir.path, isDirectory: &isDirectory) else { return nil }
        if !isDirectory.boolValue {
            guard let text = try? String(contentsOf: gitDir, encoding: .utf8), text.hasPrefix("gitdir: ") else { return nil }
            let path = text.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDir = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        }
        // A worktree's refs live in the common folder.
        var common = gitDir
        if let text = try? String(contentsOf: gitDir.appendingPathComponent("commondir"), encoding: .utf8) {
            let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
            common = path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDir.appendingPathComponent(path).standardizedFileURL
        }
        guard
            let head = try? String(contentsOf: gitDir.appendingPathComponent("HEAD"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        else { return nil }
        guard head.hasPrefix("ref: ") else { return isCommitID(head) ? head : nil }
        let ref = String(head.dropFirst("ref: ".count))
        for folder in [gitDir, common] {
            if let id = try? String(contentsOf: folder.appendingPathComponent(ref), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines), isCommitID(id)
            {
                return id
            }
        }
        if let packed = try? String(contentsOf: common.appendingPathComponent("packed-refs"), encoding: .utf8) {
            for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                let id = String(line.prefix { $0 != " " })
                if isCommitID(id) { return id }
            }
        }
        return nil
    }

    /// The whole text of a file read to its end (files under /proc report a size of 0, which
    /// `String(contentsOfFile:)` may trust).
    static func readWholeFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return n == 0 ? String(decoding: bytes, as: UTF8.self) : nil }
            bytes += buffer[0..<n]
        }
    }

    static func isCommitID(_ s: String) -> Bool {
        (s.count == 40 || s.count == 64) && s.allSatisfy { $0.isHexDigit }
    }
}
