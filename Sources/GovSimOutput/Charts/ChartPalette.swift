/// Colours of the charts: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"),
/// distinguishable with the common forms of colour-vision deficiency and in greyscale print
/// when combined with the line styles the charts use (solid median, dashed counterfactual).
public enum ChartPalette {
    public static let black = "#000000"
    public static let orange = "#E69F00"
    public static let skyBlue = "#56B4E9"
    public static let bluishGreen = "#009E73"
    public static let yellow = "#F0E442"
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let reddishPurple = "#CC79A7"

    /// Series colours in the order they are assigned (yellow, too light on white, is left out).
    public static let series = [blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, black]

    /// The colour of series `index` (cycling through ``series``).
    public static func color(_ index: Int) -> String { series[((index % series.count) + series.count) % series.count] }

    /// Ink for text, axes and grid lines.
    public static let text = "#1A1A1A"
    public static let axis = "#4D4D4D"
    public static let grid = "#DDDDDD"
}
