/// "Did you mean" suggestions for misspelt keys.
package enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely
    /// typo (distance at most max(2, a third of the word's length)), or one that starts with the
    /// word (or shares a long beginning with it), such as `triangle` for `triangular`.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        let lower = word.lowercased()
        if lower.count >= 4,
            let prefixMatch = candidates.first(where: { $0.lowercased().hasPrefix(lower) || lower.hasPrefix($0.lowercased()) })
        {
            return prefixMatch
        }
        // A long shared beginning (`triangle` / `triangular`).
        let shared = candidates.map { c in (c, zip(c.lowercased(), lower).prefix { $0 == $1 }.count) }.max { $0.1 < $1.1 }
        if let shared, shared.1 >= 5, Double(shared.1) >= 0.6 * Double(lower.count) { return shared.0 }
        var best: (String, Int)? = nil
        for c in candidates {
            let d = editDistance(word.lowercased(), c.lowercased())
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance. O(|a|·|b|).
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
