/// A fan chart of one yearly quantity over the runs of a simulation: the central 90% of runs
/// (p5–p95) as a light band, the central 50% (p25–p75) as a darker band, the median as a line,
/// and optionally a second line (for example the counterfactual median) dashed.
///
/// The result is a standalone SVG image with a `<title>` and a generated `<desc>` text
/// alternative that states the final-year median and intervals.
package struct FanChart: Sendable {
    /// A dashed comparison line, for example the median path without the programme.
    package struct ReferenceLine: Sendable {
        package var label: String
        package var values: [Double]
        package init(label: String, values: [Double]) {
            self.label = label
            self.values = values
        }
    }

    /// Unique within the embedding document; prefixes element ids.
    package var identifier: String
    package var title: String
    /// Label of the value axis, with the unit (e.g. "GBP million per year").
    package var unit: String
    /// Calendar year of each summary.
    package var years: [Int]
    /// The distribution over runs in each year (same count as ``years``).
    package var summary: [QuantileSummary]
    package var reference: ReferenceLine?
    /// Keep 0 inside the value axis (for savings, where the sign matters).
    package var includeZero = false
    /// Written as the `data-metric` attribute of the `<svg>` element.
    package var dataMetric: String?
    /// Text alternative; nil for the generated one.
    package var description: String?
    package var width = 600.0
    package var height = 380.0
    /// Colour of the bands and the median line.
    package var color = ChartPalette.blue
    /// Colour of the reference line.
    package var referenceColor = ChartPalette.vermillion
    /// Observed values (outturn) drawn as points over the fan, by calendar year (none by default).
    package var observed: [(year: Int, value: Double)] = []

    package init(
        identifier: String, title: String, unit: String, years: [Int], summary: [QuantileSummary],
        reference: ReferenceLine? = nil, includeZero: Bool = false, dataMetric: String? = nil
    ) {
        precondition(years.count == summary.count, "FanChart: \(years.count) years for \(summary.count) summaries")
        self.identifier = identifier
        self.title = title
        self.unit = unit
        self.years = years
        self.summary = summary
        self.reference = reference
        self.includeZero = includeZero
        self.dataMetric = dataMetric
    }

    static let outerOpacity = 0.18
    static let innerOpacity = 0.38

    /// The chart as an SVG element.
    package func svg() -> String {
        var values = summary.flatMap { [$0.p5, $0.p95] } + (reference?.values ?? []) + observed.map(\.value)
        if includeZero { values.append(0) }
        let finite = values.filter(\.isFinite)
        let range = (finite.min() ?? 0)...(finite.max() ?? 1)
        let axes = YearAxes(width: width, height: height, years: years, valueRange: range)
        var svg = SVGBuilder(
            width: width, height: height, identifier: identifier, title: title,
            description: description ?? generatedDescription(),
            attributes: dataMetric.map { [("data-metric", $0)] } ?? [])
        axes.drawFrame(into: &svg, title: title, unit: unit, xLabel: "Calendar year")

        let outer = axes.points(years: years, values: summary.map(\.p95)) + axes.points(years: years, values: summary.map(\.p5)).reversed()
        let inner = axes.points(years: years, values: summary.map(\.p75)) + axes.points(years: years, values: summary.map(\.p25)).reversed()
        svg.open("g", [("class", "series")])
        svg.path(
            outer, closed: true,
            [("class", "band p5-p95"), ("fill", color), ("fill-opacity", ChartNumberFormat.coordinate(FanChart.outerOpacity))])
        svg.path(
            inner, closed: true,
            [("class", "band p25-p75"), ("fill", color), ("fill-opacity", ChartNumberFormat.coordinate(FanChart.innerOpacity))])
        if let reference {
            svg.path(
                axes.points(years: years, values: reference.values),
                [
                    ("class", "reference"), ("fill", "none"), ("stroke", referenceColor), ("stroke-width", "2"),
                    ("stroke-dasharray", "6 4"), ("stroke-linejoin", "round"),
                ])
        }
        svg.path(
            axes.points(years: years, values: summary.map(\.p50)),
            [("class", "median"), ("fill", "none"), ("stroke", color), ("stroke-width", "2.5"), ("stroke-linejoin", "round")])
        drawObserved(into: &svg, axes: axes)
        svg.close()

        var legend: [(label: String, key: YearAxes.LegendKey)] = [
            ("Median", .line(color: color, width: 2.5, dash: nil)),
            ("50% of runs", .swatch(color: color, opacity: FanChart.innerOpacity)),
            ("90% of runs", .swatch(color: color, opacity: FanChart.outerOpacity)),
        ]
        if let reference { legend.append((reference.label, .line(color: referenceColor, width: 2, dash: "6 4"))) }
        if !observed.isEmpty { legend.append(("Outturn", .line(color: FanChart.observedColor, width: 6, dash: "1 0"))) }
        axes.drawLegend(into: &svg, legend)
        return svg.finished()
    }

    /// "Fan chart of … In 2040 the median is …".
    func generatedDescription() -> String {
        guard let first = years.first, let last = years.last, let q = summary.last else { return "Fan chart of \(title) (no data)." }
        let magnitude = [q.p5, q.p50, q.p95].map(abs).filter(\.isFinite).max() ?? 0
        let d = ChartNumberFormat.decimals(forMagnitude: magnitude)
        let f = { (x: Double) in ChartNumberFormat.fixed(x, decimals: d) }
        var text =
            "Fan chart of \(title) (\(unit)), \(first) to \(last). The line is the median over the runs, the darker band holds the central 50% of runs and the lighter band the central 90%. "
        text +=
            "In \(last) the median is \(f(q.p50)), the 50% interval \(f(q.p25)) to \(f(q.p75)) and the 90% interval \(f(q.p5)) to \(f(q.p95))."
        if let reference, let r = reference.values.last {
            text += " Dashed line: \(reference.label), \(f(r)) in \(last)."
        }
        return text
    }
}
