import Foundation

/// Where a results folder may not be. Every command that writes a folder runs ``check(_:inputs:)``
/// (``OutputDirectory/begin()`` does) before it creates anything, so a mistyped or unset `--out`
/// can never make govsim replace a folder the user works in.
///
/// Refused, with a one-line message: the empty string (an unset shell variable would otherwise
/// mean the working directory); `/`; the home directory (`$HOME`) or any folder holding it; the
/// working directory or any folder holding it; a folder that is or holds an input of the
/// command (the scenario, its data files, a merged shard); and a symbolic link (govsim neither
/// replaces a link with a real folder nor writes through it: give the link's target instead).
/// Paths are compared after resolving symbolic links and `.`/`..`, so `--out ../here` or a
/// link to the working directory is caught too.
package enum OutputLocation {
    /// Throws ``OutputError`` when `path` (the `--out` value as given) is a refused location.
    /// - Parameters:
    ///   - inputs: paths of every file or folder the command reads, as given (relative to the
    ///     working directory).
    ///   - workingDirectory: the process's working directory.
    ///   - home: the home directory (`nil` or empty: not checked).
    package static func check(
        _ path: String, inputs: [String],
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        home: String? = ProcessInfo.processInfo.environment["HOME"]
    ) throws {
        guard !path.isEmpty else {
            throw OutputError(
                path: "--out \"\"",
                cause:
                    "the output folder is empty, which would mean the working directory; give a folder such as outputs/run (is a shell variable unset?)"
            )
        }
        let given = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let absoluteGiven = given.hasPrefix("/") ? given : workingDirectory + "/" + given
        if let target = symbolicLinkTarget(absoluteGiven) {
            throw OutputError(
                path: path,
                cause:
                    "is a symbolic link (to \(target)); govsim does not replace or write through links: give the target folder as --out, or another folder"
            )
        }
        let out = resolve(absoluteGiven)
        func refuse(_ what: String) -> OutputError {
            OutputError(path: path, cause: "\(what), which a results folder would replace; give a new subfolder such as outputs/run")
        }
        if out == "/" { throw refuse("is the root folder /") }
        let cwd = resolve(workingDirectory)
        let h = home.flatMap { $0.isEmpty ? nil : resolve($0) }
        if out == cwd { throw refuse("is the working directory") }
        if out == h { throw refuse("is the home directory") }
        if contains(out, cwd) { throw refuse("holds the working directory") }
        if let h, contains(out, h) { throw refuse("holds the home directory") }
        for input in inputs where !input.isEmpty {
            let i = resolve(input.hasPrefix("/") ? input : workingDirectory + "/" + input)
            if out == i { throw refuse("is the input \(input)") }
            if contains(out, i) {
                let parent = (i as NSString).deletingLastPathComponent
                throw refuse(parent == out ? "is the folder holding the input \(input)" : "holds the input \(input)")
            }
        }
    }

    /// Whether folder `outer` strictly contains `inner` (both resolved, absolute).
    static func contains(_ outer: String, _ inner: String) -> Bool {
        outer == "/" ? inner != "/" : inner.hasPrefix(outer + "/")
    }

    /// The target of `path` when it is itself a symbolic link (not when a parent is one).
    static func symbolicLinkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
    }

    /// `path` (absolute) with symbolic links, `.` and `..` resolved; the part that does not exist
    /// yet is appended to the resolved part that does.
    static func resolve(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let parent = (path as NSString).deletingLastPathComponent
        let last = (path as NSString).lastPathComponent
        if parent == path || parent.isEmpty { return URL(fileURLWithPath: path).standardizedFileURL.path }
        let resolvedParent = resolve(parent)
        let joined = resolvedParent == "/" ? "/" + last : resolvedParent + "/" + last
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}
