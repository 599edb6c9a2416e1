/// One section of an ``HTMLReport``: a heading and a body of XHTML-compatible markup.
///
/// The standard run report is ``HeadlineSection``, ``ForecastChartsSection``,
/// ``AdoptionSection`` and ``AssumptionsSection``; comparison and sensitivity sections conform
/// to this protocol and are added to ``HTMLReport/sections``.
package protocol ReportSection: Sendable {
    /// The section's `id` (a fragment name), unique within the report.
    var anchor: String { get }
    /// The section heading.
    var heading: String { get }
    /// Writes the section body (everything after the heading). Element ids must start with
    /// ``anchor`` so that they stay unique when sections are combined. HTML elements with no
    /// content must be written with empty text (`<td></td>`), never self-closed.
    func write(into html: inout MarkupWriter)
}
