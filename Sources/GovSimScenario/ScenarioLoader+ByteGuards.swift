import Foundation

/// Guards on the raw bytes and text of a scenario, applied before any YAML is parsed: the size
/// limit, UTF-8 validity (with the line and column of the first invalid byte) and NUL bytes.
extension ScenarioLoader {
    /// The text of a scenario file's bytes.
    /// - Throws: ``ScenarioError`` if the bytes exceed ``maximumBytes`` or are not UTF-8.
    static func text(of data: Data, fileName: String) throws -> String {
        guard data.count <= maximumBytes else {
            throw ScenarioError([
                Diagnostic(
                    file: fileName, line: 1, column: 1,
                    message: "the file is \(data.count) bytes, larger than the \(maximumBytes)-byte limit for a scenario",
                    hint: "check that this is a scenario file; a scenario is a few kilobytes of YAML")
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = ScenarioLoader.firstInvalidUTF8(data)
            throw ScenarioError([
                Diagnostic(
                    file: fileName, line: line, column: column,
                    message: "the file is not valid UTF-8 text", hint: "save the scenario as UTF-8")
            ])
        }
        return text
    }

    /// - Throws: ``ScenarioError`` at the line of the first NUL byte of `text`, if any.
    func checkNoNUL(_ text: String) throws {
        if text.utf8.contains(0) {
            let prefix = text.utf8.prefix { $0 != 0 }
            let line = prefix.filter { $0 == 10 }.count + 1
            throw ScenarioError([
                Diagnostic(
                    file: fileName, line: line, column: 1,
                    message: "the file contains a NUL byte; it looks like binary data, not YAML",
                    hint: "check that this is a scenario file")
            ])
        }
    }

    static func firstInvalidUTF8(_ data: Data) -> (Int, Int) {
        var line = 1, lineStart = 0
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, i - lineStart + 1)
            }
            if i + length > bytes.count { return (line, i - lineStart + 1) }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return (line, i - lineStart + 1) }
            if b == 10 { line += 1; lineStart = i + 1 }
            i += length
        }
        return (line, 1)
    }
}
