import Foundation

/// File and folder names derived from a scenario's name, which may be written in any script
/// ("Région Île-de-France"): the outputs keep the name as written, the file system gets a slug.
package enum ScenarioName {
    /// The longest slug, in Unicode scalars (folder names stay well inside every file system's
    /// 255-byte limit even when every scalar takes 4 bytes in UTF-8).
    package static let maximumSlugLength = 60

    /// A safe file or folder name for `name`: letters (of any script, lower-cased) and digits are
    /// kept, every other run of characters (spaces, `/`, `\`, `:`, control characters, dots)
    /// becomes one `-`, and leading or trailing `-` are dropped, so that the result never names a
    /// hidden file, a parent folder or a path. "Région Île-de-France" → "région-île-de-france";
    /// a name with no letter or digit gives "scenario". Pure ASCII slugs of the shipped scenarios
    /// ("reference", "digital-first") are unchanged, and so are `_` and `-` inside a name.
    package static func slug(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingDash = false
        for scalar in name.lowercased().unicodeScalars {
            let keep =
                scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
                || scalar == "_" || scalar == "-"
            if keep && scalar != "-" {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(scalar)
            } else {
                pendingDash = true
            }
            if out.count >= maximumSlugLength { break }
        }
        let slug = String(out)
        return slug.isEmpty ? "scenario" : slug
    }
}
