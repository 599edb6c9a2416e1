import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses markup as XML and records its elements, for well-formedness and content checks of
/// charts and the HTML report.
final class MarkupDocument: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
    }

    private(set) var elements: [Element] = []
    private(set) var text = ""
    private(set) var parsed = false
    private(set) var errorDescription: String?

    init(_ markup: String) {
        super.init()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = self
        parsed = parser.parse()
        if !parsed {
            errorDescription =
                "\(parser.parserError.map { "\($0)" } ?? "unknown error") at line \(parser.lineNumber), column \(parser.columnNumber)"
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        elements.append(Element(name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }
}
