/// The report with observed KPIs (outturn) drawn over its fan charts.
extension HTMLReport {
    /// This report with `outturn`'s values drawn as points on the forecast fan charts; an observed
    /// metric the standard charts do not show gets its own fan chart, after them. `note` (e.g.
    /// what was conditioned on) is added to the facts line.
    package func overlaying(_ outturn: OutturnFile, note: String? = nil) -> HTMLReport {
        var points: [Metric: [(year: Int, value: Double)]] = [:]
        for o in outturn.observations { points[o.metric, default: []].append((o.year, o.value)) }
        var report = self
        report.sections = sections.map { section in
            guard var forecast = section as? ForecastChartsSection else { return section }
            let drawn = Set(forecast.charts.map(\.metric))
            for metric in Metric.allCases where points[metric] != nil && !drawn.contains(metric) {
                forecast.charts.append(.init(metric: metric, title: "Outturn metric \(metric.rawValue)", unit: "as in summary.csv"))
            }
            forecast.outturn = points
            return forecast
        }
        if let note { report.facts += " · \(note)" }
        return report
    }
}
