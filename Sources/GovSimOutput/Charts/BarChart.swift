/// A horizontal bar chart: one row per label, each with one or more bars spanning a value
/// interval (a bar from 0 to a value, or, for a tornado chart, the low and high outcomes around
/// a base value marked by ``referenceValue``).
package struct BarChart: Sendable {
    /// One bar: the interval [from, to] (in either order) drawn in a palette colour.
    package struct Bar: Sendable {
        package var from: Double
        package var to: Double
        /// Index into ``ChartPalette/series``.
        package var colorIndex: Int
        package init(from: Double = 0, to: Double, colorIndex: Int = 0) {
            self.from = from
            self.to = to
            self.colorIndex = colorIndex
        }
    }

    package struct Row: Sendable {
        package var label: String
        package var bars: [Bar]
        /// Text written after the bars (for example the value); nil for none.
        package var valueLabel: String?
        package init(label: String, bars: [Bar], valueLabel: String? = nil) {
            self.label = label
            self.bars = bars
            self.valueLabel = valueLabel
        }
    }

    package var identifier: String
    package var title: String
    /// Label of the value axis, with the unit.
    package var unit: String
    package var rows: [Row]
    /// A vertical line at this value (0, or the base outcome of a tornado chart).
    package var referenceValue: Double?
    /// Legend entries: label and palette colour index.
    package var legend: [(label: String, colorIndex: Int)] = []
    package var dataMetric: String?
    /// Text alternative; nil for the generated one.
    package var description: String?
    package var width = 600.0
    package static let rowHeight = 26.0

    package init(identifier: String, title: String, unit: String, rows: [Row], referenceValue: Double? = 0, dataMetric: String? = nil) {
        self.identifier = identifier
        self.title = title
        self.unit = unit
        self.rows = rows
        self.referenceValue = referenceValue
        self.dataMetric = dataMetric
    }

    /// Height of the image: grows with the number of rows.
    package var height: Double { 64 + Double(rows.count) * BarChart.rowHeight + (legend.isEmpty ? 48 : 70) }

    /// The chart as an SVG element.
    package func svg() -> String {
        let height = self.height
        var values = rows.flatMap { $0.bars.flatMap { [$0.from, $0.to] } }
        if let referenceValue { values.append(referenceValue) }
        let finite = values.filter(\.isFinite)
        let labelWidth = min(width * 0.45, (rows.map { SVGBuilder.textWidth($0.label, fontSize: 12) }.max() ?? 0) + 8)
        let valueLabelWidth = (rows.compactMap { $0.valueLabel }.map { SVGBuilder.textWidth($0, fontSize: 12) }.max() ?? 0)
        let plotLeft = (16 + labelWidth).rounded()
        let plotRight = (width - 24 - valueLabelWidth).rounded()
        let plotTop = 56.0
        let plotBottom = plotTop + Double(rows.count) * BarChart.rowHeight
        let rawX = LinearScale(domain: (finite.min() ?? 0)...(finite.max() ?? 1), range: (plotLeft, plotRight))
        let step = rawX.step(count: 6)
        let x = rawX.niced(step: step)
        let ticks = x.ticks(step: step)
        let decimals = LinearScale.decimals(ofStep: step)

        var svg = SVGBuilder(
            width: width, height: height, identifier: identifier, title: title,
            description: description ?? generatedDescription(),
            attributes: dataMetric.map { [("data-metric", $0)] } ?? [])
        svg.text(title, x: 16, y: 26, [("font-size", "16"), ("font-weight", "bold"), ("fill", ChartPalette.text)])
        svg.open("g", [("class", "grid"), ("stroke", ChartPalette.grid), ("stroke-width", "1")])
        for t in ticks { svg.line(x1: x(t), y1: plotTop, x2: x(t), y2: plotBottom) }
        svg.close()
        svg.open("g", [("class", "series")])
        for (i, row) in rows.enumerated() {
            let top = plotTop + Double(i) * BarChart.rowHeight
            svg.text(
                row.label, x: plotLeft - 8, y: top + BarChart.rowHeight / 2 + 4, anchor: "end",
                [("font-size", "12"), ("fill", ChartPalette.text)])
            var right = plotLeft
            for bar in row.bars {
                let a = x(min(bar.from, bar.to)), b = x(max(bar.from, bar.to))
                svg.rect(x: a, y: top + 4, width: b - a, height: BarChart.rowHeight - 8, [("fill", ChartPalette.color(bar.colorIndex))])
                right = max(right, b)
            }
            if let valueLabel = row.valueLabel {
                svg.text(valueLabel, x: right + 6, y: top + BarChart.rowHeight / 2 + 4, [("font-size", "12"), ("fill", ChartPalette.text)])
            }
        }
        svg.close()
        if let referenceValue, referenceValue >= x.domainLower, referenceValue <= x.domainUpper {
            svg.line(
                x1: x(referenceValue), y1: plotTop - 4, x2: x(referenceValue), y2: plotBottom + 4,
                [("class", "reference"), ("stroke", ChartPalette.text), ("stroke-width", "1.5")])
        }
        svg.open("g", [("class", "axis x"), ("font-size", "12"), ("fill", ChartPalette.axis)])
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, [("stroke", ChartPalette.axis)])
        for t in ticks {
            svg.line(x1: x(t), y1: plotBottom, x2: x(t), y2: plotBottom + 5, [("stroke", ChartPalette.axis)])
            svg.text(ChartNumberFormat.fixed(t, decimals: decimals), x: x(t), y: plotBottom + 20, anchor: "middle")
        }
        svg.text(unit, x: (plotLeft + plotRight) / 2, y: plotBottom + 40, anchor: "middle")
        svg.close()
        if !legend.isEmpty {
            svg.open("g", [("class", "legend"), ("font-size", "12"), ("fill", ChartPalette.text)])
            var cx = plotLeft
            for entry in legend {
                svg.rect(x: cx, y: height - 27, width: 22, height: 10, [("fill", ChartPalette.color(entry.colorIndex))])
                svg.text(entry.label, x: cx + 28, y: height - 18)
                cx += 28 + SVGBuilder.textWidth(entry.label, fontSize: 12) + 20
            }
            svg.close()
        }
        return svg.finished()
    }

    func generatedDescription() -> String {
        let magnitude = rows.flatMap { $0.bars.flatMap { [abs($0.from), abs($0.to)] } }.filter(\.isFinite).max() ?? 0
        let d = ChartNumberFormat.decimals(forMagnitude: magnitude)
        let f = { (x: Double) in ChartNumberFormat.fixed(x, decimals: d) }
        let parts = rows.map { row in
            "\(row.label): " + row.bars.map { $0.from == 0 ? f($0.to) : "\(f($0.from)) to \(f($0.to))" }.joined(separator: " and ")
        }
        return "Bar chart of \(title) (\(unit)). " + parts.joined(separator: "; ") + "."
    }
}
