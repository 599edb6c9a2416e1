/// A chart of several series over calendar years (for example the median adoption of the four
/// practices), each with its own Okabe–Ito colour and dash pattern so that the lines stay
/// distinguishable without colour, and optionally a light band around each line.
package struct LineChart: Sendable {
    package struct Series: Sendable {
        package var label: String
        package var values: [Double]
        /// Lower and upper edges of an optional band around the line (same count as ``values``).
        package var band: (lower: [Double], upper: [Double])?

        package init(label: String, values: [Double], band: (lower: [Double], upper: [Double])? = nil) {
            self.label = label
            self.values = values
            self.band = band
        }
    }

    /// Dash patterns assigned to series in order (solid first).
    package static let dashes: [String?] = [nil, "7 4", "2 3", "9 3 2 3"]

    package var identifier: String
    package var title: String
    /// Label of the value axis, with the unit.
    package var unit: String
    package var years: [Int]
    package var series: [Series]
    /// A fixed value range (for example 0...100 for percentages); nil to fit the data.
    package var valueRange: ClosedRange<Double>?
    /// Written as the `data-metric` attribute of the `<svg>` element.
    package var dataMetric: String?
    /// Text alternative; nil for the generated one.
    package var description: String?
    package var width = 600.0
    package var height = 380.0
    package var bandOpacity = 0.10

    package init(
        identifier: String, title: String, unit: String, years: [Int], series: [Series],
        valueRange: ClosedRange<Double>? = nil, dataMetric: String? = nil
    ) {
        for s in series {
            precondition(
                s.values.count == years.count, "LineChart: series \(s.label) has \(s.values.count) values for \(years.count) years")
        }
        self.identifier = identifier
        self.title = title
        self.unit = unit
        self.years = years
        self.series = series
        self.valueRange = valueRange
        self.dataMetric = dataMetric
    }

    /// The chart as an SVG element.
    package func svg() -> String {
        var all: [Double] = []
        for s in series {
            all += s.values
            if let band = s.band { all += band.lower + band.upper }
        }
        all.removeAll { !$0.isFinite }
        let range = valueRange ?? ((all.min() ?? 0)...(all.max() ?? 1))
        let axes = YearAxes(width: width, height: height, years: years, valueRange: range)
        var svg = SVGBuilder(
            width: width, height: height, identifier: identifier, title: title,
            description: description ?? generatedDescription(),
            attributes: dataMetric.map { [("data-metric", $0)] } ?? [])
        axes.drawFrame(into: &svg, title: title, unit: unit, xLabel: "Calendar year")
        svg.open("g", [("class", "series")])
        for (i, s) in series.enumerated() {
            guard let band = s.band else { continue }
            let outline = axes.points(years: years, values: band.upper) + axes.points(years: years, values: band.lower).reversed()
            svg.path(
                outline, closed: true,
                [("class", "band"), ("fill", ChartPalette.color(i)), ("fill-opacity", ChartNumberFormat.coordinate(bandOpacity))])
        }
        for (i, s) in series.enumerated() {
            var attrs = [
                ("class", "line"), ("fill", "none"), ("stroke", ChartPalette.color(i)), ("stroke-width", "2.5"),
                ("stroke-linejoin", "round"),
            ]
            if let dash = LineChart.dashes[i % LineChart.dashes.count] { attrs.append(("stroke-dasharray", dash)) }
            svg.path(axes.points(years: years, values: s.values), attrs)
        }
        svg.close()
        axes.drawLegend(
            into: &svg,
            series.enumerated().map { i, s in
                (label: s.label, key: .line(color: ChartPalette.color(i), width: 2.5, dash: LineChart.dashes[i % LineChart.dashes.count]))
            })
        return svg.finished()
    }

    func generatedDescription() -> String {
        guard let first = years.first, let last = years.last else { return "Line chart of \(title) (no data)." }
        let finals = series.compactMap { $0.values.last }.map(abs).filter(\.isFinite)
        let d = ChartNumberFormat.decimals(forMagnitude: finals.max() ?? 0)
        let parts = series.map { s in
            "\(s.label) \(ChartNumberFormat.fixed(s.values.first ?? .nan, decimals: d)) to \(ChartNumberFormat.fixed(s.values.last ?? .nan, decimals: d))"
        }
        return "Line chart of \(title) (\(unit)), \(first) to \(last): " + parts.joined(separator: "; ") + "."
    }
}
