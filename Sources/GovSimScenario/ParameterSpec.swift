/// The description of one numeric scenario parameter: where it lives in the scenario file,
/// its unit, the values it may take, its default and the source of that default.
package struct ParameterSpec: Sendable, Hashable {
    /// Dotted path in the scenario file, e.g. `practices.data_as_product.target_adoption`.
    package let path: String
    /// Unit of the value, e.g. "share 0–1", "years", "currency per year".
    package let unit: String
    /// What the parameter means.
    package let summary: String
    /// The default value or distribution.
    package let defaultValue: Distribution
    /// Smallest allowed value.
    package let lower: Double
    /// Largest allowed value.
    package let upper: Double
    /// Whether the lower bound itself is excluded (for example a positive speed).
    package let lowerExclusive: Bool
    /// Whether the parameter may be uncertain (a distribution) or must be a plain number.
    package let allowsUncertainty: Bool
    /// The source of the default, or "assumption".
    package let source: String
    /// Whether the value must be a whole number (for example a number of years).
    package let wholeNumber: Bool

    package init(
        _ path: String, unit: String, summary: String, default defaultValue: Distribution,
        range: ClosedRange<Double>, lowerExclusive: Bool = false, uncertain: Bool = true,
        wholeNumber: Bool = false, source: String
    ) {
        self.path = path
        self.unit = unit
        self.summary = summary
        self.defaultValue = defaultValue
        self.lower = range.lowerBound
        self.upper = range.upperBound
        self.lowerExclusive = lowerExclusive
        self.allowsUncertainty = uncertain
        self.source = source
        self.wholeNumber = wholeNumber
    }

    /// Whether `x` is an allowed value.
    package func allows(_ x: Double) -> Bool {
        x.isFinite && (lowerExclusive ? x > lower : x >= lower) && x <= upper && (!wholeNumber || x == x.rounded())
    }

    /// The allowed range in words, e.g. "between 0 and 1" or "greater than 0".
    package var rangeDescription: String {
        let words = boundsDescription
        return wholeNumber ? "a whole number " + words : words
    }

    var boundsDescription: String {
        let lo = CSVTable.formatNumber(lower), hi = CSVTable.formatNumber(upper)
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): return lowerExclusive ? "greater than \(lo) and at most \(hi)" : "between \(lo) and \(hi)"
        case (true, false): return lowerExclusive ? "greater than \(lo)" : "at least \(lo)"
        case (false, true): return "at most \(hi)"
        case (false, false): return "a finite number"
        }
    }
}
