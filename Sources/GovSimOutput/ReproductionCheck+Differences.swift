import Foundation

/// Reporting differences: the first differing member of a recorded fact, and the first
/// differing line of two files, both shown escaped and cut to a readable length.
extension ReproductionCheck {
    /// Sections that differ between runs of the same command, or are compared file by file.
    static let uncomparedSections: Set<String> = ["invocation", "environment", "files", "govsim_version"]

    /// One problem per recorded fact the re-run does not reproduce, naming the first differing
    /// member path (e.g. `resolved_scenario.parameters.baseline.spending`).
    static func factDifferences(recorded: JSONValue, rerun: JSONValue) -> [String] {
        let a = recorded.objectValue ?? [:], b = rerun.objectValue ?? [:]
        var problems: [String] = []
        for key in Set(a.keys).union(b.keys).sorted() where !uncomparedSections.contains(key) && a[key] != b[key] {
            let (path, x, y) = firstDifference(a[key], b[key], path: key)
            problems.append(
                "manifest.json: \(Printable.escaped(path, limit: 120)) is \(shown(x)) in the folder, but the re-run records \(shown(y)); the manifest was edited, or the result does not reproduce"
            )
        }
        return problems
    }

    private static func firstDifference(_ x: JSONValue?, _ y: JSONValue?, path: String) -> (String, JSONValue?, JSONValue?) {
        if case .object(let p)? = x, case .object(let q)? = y {
            for key in Set(p.keys).union(q.keys).sorted() where p[key] != q[key] {
                return firstDifference(p[key], q[key], path: "\(path).\(key)")
            }
        }
        if case .array(let p)? = x, case .array(let q)? = y, p.count == q.count {
            for i in p.indices where p[i] != q[i] { return firstDifference(p[i], q[i], path: "\(path)[\(i)]") }
        }
        return (path, x, y)
    }

    private static func shown(_ value: JSONValue?) -> String {
        guard let value else { return "absent" }
        var text = value.render()
        text.removeLast()
        return Printable.escaped(text.replacingOccurrences(of: "\n", with: " "), limit: 80)
    }

    /// The first line where two files differ, as an indented two-line report; nil when they are
    /// the same or cannot be read.
    func lineDifference(_ a: String, _ b: String, first: String, second: String) -> String? {
        guard let found = try? FolderFile.firstDifferingLine(a, b) else { return nil }
        let (line, x, y) = found
        func show(_ s: String?) -> String {
            guard let s else { return "(no such line: the file ends before it)" }
            return "\"\(Printable.escaped(s, limit: 161))\""
        }
        let width = max(first.count, second.count) + 1
        return
            "; first difference at line \(line):\n    \((first + ":").padding(toLength: width, withPad: " ", startingAt: 0)) \(show(x))\n"
            + "    \((second + ":").padding(toLength: width, withPad: " ", startingAt: 0)) \(show(y))"
    }
}
