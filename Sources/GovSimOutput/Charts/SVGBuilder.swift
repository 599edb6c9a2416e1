/// Builds one SVG image: an accessible root element (`role="img"`, a `<title>` and a `<desc>`
/// referenced by `aria-labelledby`), shapes with coordinates in a fixed two-decimal format and
/// escaped text, so the same chart always gives the same bytes.
package struct SVGBuilder: Sendable {
    /// The SVG namespace, the only URL a chart contains.
    package static let namespace = "http://www.w3.org/2000/svg"
    /// Font stack of every chart: system fonts only, nothing is downloaded.
    package static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"

    package let width: Double
    package let height: Double
    private var writer = MarkupWriter()

    /// Opens the `<svg>` element (`viewBox` 0 0 width height, scaled to its container) with
    /// its `<title>` and `<desc>`. `identifier` must be unique in the document that embeds the
    /// chart; it prefixes the ids of the title and description.
    package init(
        width: Double, height: Double, identifier: String, title: String, description: String,
        attributes: [(String, String)] = []
    ) {
        self.width = width
        self.height = height
        let n = ChartNumberFormat.coordinate
        writer.open(
            "svg",
            [
                ("xmlns", SVGBuilder.namespace),
                ("viewBox", "0 0 \(n(width)) \(n(height))"),
                ("width", n(width)), ("height", n(height)),
                ("role", "img"),
                ("aria-labelledby", "\(identifier)-title \(identifier)-desc"),
                ("class", "chart"),
                ("font-family", SVGBuilder.fontFamily),
            ] + attributes)
        writer.element("title", [("id", "\(identifier)-title")], text: title)
        writer.element("desc", [("id", "\(identifier)-desc")], text: description)
    }

    /// Opens a group or other container element.
    package mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        writer.open(name, attributes)
    }

    /// Closes the innermost element opened with ``open(_:_:)``.
    package mutating func close() {
        writer.close()
    }

    /// Any element without content.
    package mutating func element(_ name: String, _ attributes: [(String, String)]) {
        writer.element(name, attributes)
    }

    /// A straight line.
    package mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, _ attributes: [(String, String)] = []) {
        let n = ChartNumberFormat.coordinate
        writer.element("line", [("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2))] + attributes)
    }

    /// A rectangle with its top-left corner at (x, y).
    package mutating func rect(x: Double, y: Double, width: Double, height: Double, _ attributes: [(String, String)] = []) {
        let n = ChartNumberFormat.coordinate
        writer.element("rect", [("x", n(x)), ("y", n(y)), ("width", n(max(0, width))), ("height", n(max(0, height)))] + attributes)
    }

    /// A polyline (`closed`: a polygon) through `points`.
    package mutating func path(_ points: [(x: Double, y: Double)], closed: Bool = false, _ attributes: [(String, String)] = []) {
        guard !points.isEmpty else { return }
        writer.element("path", [("d", SVGBuilder.pathData(points, closed: closed))] + attributes)
    }

    /// Text anchored at (x, y) (`anchor`: start, middle or end).
    package mutating func text(_ text: String, x: Double, y: Double, anchor: String = "start", _ attributes: [(String, String)] = []) {
        let n = ChartNumberFormat.coordinate
        var attrs = [("x", n(x)), ("y", n(y))]
        if anchor != "start" { attrs.append(("text-anchor", anchor)) }
        writer.element("text", attrs + attributes, text: text)
    }

    /// Closes the `<svg>` element and returns the image.
    package func finished() -> String {
        var w = writer
        w.close()
        return w.finished()
    }

    /// Path data `M x,y L x,y … [Z]`.
    package static func pathData(_ points: [(x: Double, y: Double)], closed: Bool) -> String {
        let n = ChartNumberFormat.coordinate
        var d = ""
        for (i, p) in points.enumerated() {
            d += (i == 0 ? "M" : " L") + n(p.x) + "," + n(p.y)
        }
        return closed ? d + " Z" : d
    }

    /// Escapes text for SVG and HTML (see ``MarkupWriter/escape(_:)``).
    package static func escape(_ s: String) -> String { MarkupWriter.escape(s) }

    /// Approximate width in pixels of `text` at `fontSize` in a sans-serif font, for layout
    /// (legends, margins). Deliberately generous so labels do not collide.
    package static func textWidth(_ text: String, fontSize: Double) -> Double {
        var units = 0.0
        for c in text {
            switch c {
            case "i", "l", "j", "t", "f", "r", ".", ",", ":", ";", "'", "|", "!", " ", "(", ")", "1": units += 0.36
            case "m", "w", "M", "W", "%", "@": units += 0.9
            case "A"..."Z": units += 0.68
            default: units += 0.58
            }
        }
        return units * fontSize
    }
}
