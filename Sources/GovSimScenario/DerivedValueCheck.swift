/// The range check of a scenario parameter (``ParameterSpec/allows(_:)``) applied to a value
/// computed from a data file (a history's fitted trend, a fit's coefficients), so that derived
/// parameters meet exactly the limits of parameters written in the scenario.
enum DerivedValueCheck {
    /// The catalogue entry of `path` among the parameters a data file can set.
    static func spec(_ path: String) -> ParameterSpec? {
        (ParameterCatalog.general + ParameterCatalog.spendingTrend).first { $0.path == path }
    }

    /// Nil when `value` is allowed for `path`; otherwise the end of a message, e.g.
    /// "a log growth rate of 0.61 for baseline.spending_trend, but it must be between -0.5 and
    /// 0.5 (log growth per year (0.03 ≈ 3%))". `what` names the derived quantity.
    static func problem(_ value: Double, path: String, what: String) -> String? {
        guard let spec = spec(path), !spec.allows(value) else { return nil }
        let shown =
            value.isNaN
            ? "NaN (not a number)" : value.isInfinite ? (value > 0 ? "infinity" : "minus infinity") : CSVTable.formatNumber(value)
        return "\(what) of \(shown) for \(path), but it must be \(spec.rangeDescription) (\(spec.unit))"
    }
}
