/// A cumulative distribution ("S-curve") chart: for each series, the value on the horizontal axis
/// against the probability (0–100%) of an outcome at or below it on the vertical axis, with a
/// vertical line at a reference value (0 for an NPV: where the curve crosses it is P(NPV ≤ 0)).
/// Series are drawn with ``LineChart``'s colours and dash patterns.
package struct CumulativeChart: Sendable {
    /// One curve: quantile values at increasing probabilities (both arrays the same length,
    /// probabilities in [0, 1], values non-decreasing).
    package struct Series: Sendable {
        package var label: String
        package var probabilities: [Double]
        package var values: [Double]

        package init(label: String, probabilities: [Double], values: [Double]) {
            precondition(
                probabilities.count == values.count,
                "CumulativeChart: series \(label) has \(values.count) values for \(probabilities.count) probabilities")
            self.label = label
            self.probabilities = probabilities
            self.values = values
        }
    }

    package var identifier: String
    package var title: String
    /// Label of the horizontal (value) axis, with the unit.
    package var unit: String
    package var series: [Series]
    /// A vertical line at this value; nil for none.
    package var referenceValue: Double?
    /// Written as the `data-metric` attribute of the `<svg>` element.
    package var dataMetric: String?
    /// Text alternative; nil for the generated one.
    package var description: String?
    package var width = 600.0
    package var height = 380.0

    package init(identifier: String, title: String, unit: String, series: [Series], referenceValue: Double? = 0, dataMetric: String? = nil)
    {
        self.identifier = identifier
        self.title = title
        self.unit = unit
        self.series = series
        self.referenceValue = referenceValue
        self.dataMetric = dataMetric
    }

    /// The chart as an SVG element.
    package func svg() -> String {
        var values = series.flatMap(\.values)
        if let referenceValue { values.append(referenceValue) }
        let finite = values.filter(\.isFinite)
        let plotTop = 64.0, plotBottom = height - 84
        let y = LinearScale(domain: 0...100, range: (plotBottom, plotTop))
        let yTicks = y.ticks(step: 20)
        let labelWidth = yTicks.map { SVGBuilder.textWidth(ChartNumberFormat.fixed($0, decimals: 0) + "%", fontSize: 12) }.max() ?? 20
        let plotLeft = (16 + labelWidth + 10).rounded(), plotRight = width - 24
        let low = finite.min() ?? 0, high = finite.max() ?? 1
        let rawX = LinearScale(domain: low...(high > low ? high : low + 1), range: (plotLeft, plotRight))
        let step = rawX.step(count: 6)
        let x = rawX.niced(step: step)
        let xTicks = x.ticks(step: step)
        let decimals = LinearScale.decimals(ofStep: step)

        var svg = SVGBuilder(
            width: width, height: height, identifier: identifier, title: title,
            description: description ?? generatedDescription(),
            attributes: dataMetric.map { [("data-metric", $0)] } ?? [])
        svg.text(title, x: 16, y: 26, [("font-size", "16"), ("font-weight", "bold"), ("fill", ChartPalette.text)])
        svg.text(
            "cumulative probability (% of runs at or below the value)", x: 16, y: 48, [("font-size", "12"), ("fill", ChartPalette.axis)])
        svg.open("g", [("class", "grid"), ("stroke", ChartPalette.grid), ("stroke-width", "1")])
        for t in yTicks { svg.line(x1: plotLeft, y1: y(t), x2: plotRight, y2: y(t)) }
        for t in xTicks { svg.line(x1: x(t), y1: plotTop, x2: x(t), y2: plotBottom) }
        svg.close()
        svg.open("g", [("class", "axis y"), ("font-size", "12"), ("fill", ChartPalette.axis)])
        for t in yTicks { svg.text(ChartNumberFormat.fixed(t, decimals: 0) + "%", x: plotLeft - 8, y: y(t) + 4, anchor: "end") }
        svg.close()
        svg.open("g", [("class", "axis x"), ("font-size", "12"), ("fill", ChartPalette.axis)])
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, [("stroke", ChartPalette.axis), ("stroke-width", "1")])
        for t in xTicks {
            svg.line(x1: x(t), y1: plotBottom, x2: x(t), y2: plotBottom + 5, [("stroke", ChartPalette.axis)])
            svg.text(ChartNumberFormat.fixed(t, decimals: decimals), x: x(t), y: plotBottom + 20, anchor: "middle")
        }
        svg.text(unit, x: (plotLeft + plotRight) / 2, y: plotBottom + 37, anchor: "middle")
        svg.close()
        if let referenceValue, referenceValue >= x.domainLower, referenceValue <= x.domainUpper {
            svg.line(
                x1: x(referenceValue), y1: plotTop, x2: x(referenceValue), y2: plotBottom,
                [("class", "reference"), ("stroke", ChartPalette.text), ("stroke-width", "1.5")])
        }
        svg.open("g", [("class", "series")])
        for (i, s) in series.enumerated() {
            var attrs = [
                ("class", "line"), ("fill", "none"), ("stroke", ChartPalette.color(i)), ("stroke-width", "2.5"),
                ("stroke-linejoin", "round"),
            ]
            if let dash = LineChart.dashes[i % LineChart.dashes.count] { attrs.append(("stroke-dasharray", dash)) }
            svg.path(zip(s.values, s.probabilities).map { (x: x($0.0), y: y(100 * $0.1)) }, attrs)
        }
        svg.close()
        svg.open("g", [("class", "legend"), ("font-size", "12"), ("fill", ChartPalette.text)])
        var cx = plotLeft
        for (i, s) in series.enumerated() {
            var attrs = [("stroke", ChartPalette.color(i)), ("stroke-width", "2.5")]
            if let dash = LineChart.dashes[i % LineChart.dashes.count] { attrs.append(("stroke-dasharray", dash)) }
            svg.line(x1: cx, y1: height - 22, x2: cx + 22, y2: height - 22, attrs)
            svg.text(s.label, x: cx + 28, y: height - 18)
            cx += 28 + SVGBuilder.textWidth(s.label, fontSize: 12) + 16
        }
        svg.close()
        return svg.finished()
    }

    func generatedDescription() -> String {
        let magnitude = series.flatMap(\.values).map(abs).filter(\.isFinite).max() ?? 0
        let d = ChartNumberFormat.decimals(forMagnitude: magnitude)
        let parts = series.map { s -> String in
            let median = zip(s.probabilities, s.values).first { $0.0 >= 0.5 }?.1 ?? .nan
            return
                "\(s.label): \(ChartNumberFormat.fixed(s.values.first ?? .nan, decimals: d)) at \(ChartNumberFormat.fixed(100 * (s.probabilities.first ?? 0), decimals: 0))% to \(ChartNumberFormat.fixed(s.values.last ?? .nan, decimals: d)) at \(ChartNumberFormat.fixed(100 * (s.probabilities.last ?? 1), decimals: 0))%, median \(ChartNumberFormat.fixed(median, decimals: d))"
        }
        return "Cumulative probability chart of \(title) (\(unit)). " + parts.joined(separator: "; ") + "."
    }
}
