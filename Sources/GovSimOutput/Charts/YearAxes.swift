/// The frame shared by the charts over calendar years (``FanChart``, ``LineChart``): title,
/// unit label above the value axis, plot area with horizontal grid lines, value ticks on the
/// left, year ticks below, the x-axis title, and a legend row at the bottom.
struct YearAxes {
    let width: Double
    let height: Double
    let plotLeft: Double
    let plotRight: Double
    let plotTop: Double
    let plotBottom: Double
    let x: LinearScale
    let y: LinearScale
    let yTicks: [Double]
    let yDecimals: Int

    static let titleSize = 16.0
    static let labelSize = 12.0
    static let tickCount = 6

    /// Lays out a chart of `years` against values spanning `valueRange` (already including
    /// every value drawn); the value axis is widened to round tick values.
    init(width: Double, height: Double, years: [Int], valueRange: ClosedRange<Double>) {
        self.width = width
        self.height = height
        plotTop = 64
        plotBottom = height - 84
        let rawY = LinearScale(domain: valueRange, range: (plotBottom, plotTop))
        let step = rawY.step(count: YearAxes.tickCount)
        let y = rawY.niced(step: step)
        self.y = y
        let ticks = y.ticks(step: step)
        let decimals = LinearScale.decimals(ofStep: step)
        yTicks = ticks
        yDecimals = decimals
        let labelWidth =
            ticks.map { SVGBuilder.textWidth(ChartNumberFormat.fixed($0, decimals: decimals), fontSize: YearAxes.labelSize) }.max() ?? 20
        plotLeft = (16 + labelWidth + 10).rounded()
        plotRight = width - 24
        let first = Double(years.first ?? 0), last = Double(years.last ?? 1)
        x = LinearScale(domain: first...max(last, first + 1), range: (plotLeft, plotRight))
    }

    /// Draws the title, unit label, grid, axes and tick labels.
    func drawFrame(into svg: inout SVGBuilder, title: String, unit: String, xLabel: String) {
        svg.text(title, x: 16, y: 26, [("font-size", "16"), ("font-weight", "bold"), ("fill", ChartPalette.text)])
        svg.text(unit, x: 16, y: 48, [("font-size", "12"), ("fill", ChartPalette.axis)])
        svg.open("g", [("class", "grid"), ("stroke", ChartPalette.grid), ("stroke-width", "1")])
        for t in yTicks { svg.line(x1: plotLeft, y1: y(t), x2: plotRight, y2: y(t)) }
        svg.close()
        if y.domainLower < 0 && y.domainUpper > 0 {
            svg.line(
                x1: plotLeft, y1: y(0), x2: plotRight, y2: y(0), [("class", "zero"), ("stroke", ChartPalette.axis), ("stroke-width", "1")])
        }
        svg.open("g", [("class", "axis y"), ("font-size", "12"), ("fill", ChartPalette.axis)])
        for t in yTicks {
            svg.text(ChartNumberFormat.fixed(t, decimals: yDecimals), x: plotLeft - 8, y: y(t) + 4, anchor: "end")
        }
        svg.close()
        svg.open("g", [("class", "axis x"), ("font-size", "12"), ("fill", ChartPalette.axis)])
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, [("stroke", ChartPalette.axis), ("stroke-width", "1")])
        for t in x.ticks(count: 8, minimumStep: 1) {
            svg.line(x1: x(t), y1: plotBottom, x2: x(t), y2: plotBottom + 5, [("stroke", ChartPalette.axis)])
            svg.text(ChartNumberFormat.fixed(t, decimals: 0, grouping: false), x: x(t), y: plotBottom + 20, anchor: "middle")
        }
        svg.text(xLabel, x: (plotLeft + plotRight) / 2, y: plotBottom + 37, anchor: "middle")
        svg.close()
    }

    /// One legend entry: a filled swatch, or a line with an optional dash pattern.
    enum LegendKey {
        case swatch(color: String, opacity: Double)
        case line(color: String, width: Double, dash: String?)
    }

    /// Draws legend entries left to right on one row below the x-axis title (wrapping to a
    /// second row when they do not fit).
    func drawLegend(into svg: inout SVGBuilder, _ entries: [(label: String, key: LegendKey)]) {
        var cx = plotLeft
        var cy = height - 18
        if entries.count > 0 {
            let total = entries.reduce(0.0) { $0 + YearAxes.legendEntryWidth($1.label) }
            if total > plotRight - plotLeft + 16 { cy = height - 28 }
        }
        svg.open("g", [("class", "legend"), ("font-size", "12"), ("fill", ChartPalette.text)])
        for entry in entries {
            let w = YearAxes.legendEntryWidth(entry.label)
            if cx + w > plotRight + 16 && cx > plotLeft {
                cx = plotLeft
                cy += 16
            }
            switch entry.key {
            case .swatch(let color, let opacity):
                svg.rect(
                    x: cx, y: cy - 9, width: 22, height: 10, [("fill", color), ("fill-opacity", ChartNumberFormat.coordinate(opacity))])
            case .line(let color, let width, let dash):
                var attrs = [("stroke", color), ("stroke-width", ChartNumberFormat.coordinate(width))]
                if let dash { attrs.append(("stroke-dasharray", dash)) }
                svg.line(x1: cx, y1: cy - 4, x2: cx + 22, y2: cy - 4, attrs)
            }
            svg.text(entry.label, x: cx + 28, y: cy)
            cx += w
        }
        svg.close()
    }

    /// Horizontal space taken by a legend entry: key, gap, label and space before the next entry.
    static func legendEntryWidth(_ label: String) -> Double {
        28 + SVGBuilder.textWidth(label, fontSize: 12) + 16
    }

    /// Points of a series: one per year.
    func points(years: [Int], values: [Double]) -> [(x: Double, y: Double)] {
        zip(years, values).map { (x: x(Double($0.0)), y: y($0.1)) }
    }
}
