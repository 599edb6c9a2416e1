/// Colours of the charts: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"),
/// distinguishable with the common forms of colour-vision deficiency and in greyscale print
/// when combined with the line styles the charts use (solid median, dashed counterfactual).
package enum ChartPalette {
    package static let black = "#000000"
    package static let orange = "#E69F00"
    package static let skyBlue = "#56B4E9"
    package static let bluishGreen = "#009E73"
    package static let yellow = "#F0E442"
    package static let blue = "#0072B2"
    package static let vermillion = "#D55E00"
    package static let reddishPurple = "#CC79A7"

    /// Series colours in the order they are assigned (yellow, too light on white, is left out).
    package static let series = [blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, black]

    /// The colour of series `index` (cycling through ``series``).
    package static func color(_ index: Int) -> String { series[((index % series.count) + series.count) % series.count] }

    /// Ink for text, axes and grid lines.
    package static let text = "#1A1A1A"
    package static let axis = "#4D4D4D"
    package static let grid = "#DDDDDD"
}
