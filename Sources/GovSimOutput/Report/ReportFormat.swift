/// Number formats shared by the report's sections (locale-free, see ``ChartNumberFormat``).
enum ReportFormat {
    /// Decimals for showing the median and 90% interval of `q` with about three significant
    /// digits, the same for all three numbers.
    static func decimals(_ q: QuantileSummary, minimum: Int = 0) -> Int {
        let magnitude = [q.p5, q.p50, q.p95].map(abs).filter(\.isFinite).max() ?? 0
        return ChartNumberFormat.decimals(forMagnitude: magnitude, minimum: minimum)
    }

    /// "a to b" for the 90% interval of `q`.
    static func interval(_ q: QuantileSummary, decimals: Int) -> String {
        "\(ChartNumberFormat.fixed(q.p5, decimals: decimals)) to \(ChartNumberFormat.fixed(q.p95, decimals: decimals))"
    }

    /// A value of a parameter distribution with about four significant digits.
    static func parameter(_ x: Double) -> String {
        guard x.isFinite else { return ChartNumberFormat.fixed(x, decimals: 0) }
        let d = ChartNumberFormat.decimals(forMagnitude: x, minimum: 0)
        return ChartNumberFormat.fixed(x, decimals: min(4, d + 1))
    }
}
