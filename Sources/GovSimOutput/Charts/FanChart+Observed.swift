/// The outturn overlay of a fan chart: each observed value a black point with a white ring, so it
/// reads over both bands and the median line.
extension FanChart {
    /// Colour of the observed points.
    package static let observedColor = ChartPalette.black

    /// Draws ``observed`` (points whose year is on the chart's axis; others are left out).
    func drawObserved(into svg: inout SVGBuilder, axes: YearAxes) {
        let shown = observed.filter { years.contains($0.year) && $0.value.isFinite }
        guard !shown.isEmpty else { return }
        svg.open("g", [("class", "outturn")])
        for point in axes.points(years: shown.map(\.year), values: shown.map(\.value)) {
            svg.element(
                "circle",
                [
                    ("cx", ChartNumberFormat.coordinate(point.x)), ("cy", ChartNumberFormat.coordinate(point.y)),
                    ("r", "4.5"), ("fill", FanChart.observedColor), ("stroke", "#FFFFFF"), ("stroke-width", "1.5"),
                ])
        }
        svg.close()
    }
}
