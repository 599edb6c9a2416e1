extension HTMLReport {
    /// The report's CSS: system fonts, a readable screen layout (charts two abreast on wide
    /// screens) and an A4 print layout with charts and table rows kept whole on a page.
    /// Contains no `<` or `&`, so the document stays well-formed XML.
    static let stylesheet = """
        @page { size: A4; margin: 14mm 12mm 16mm 12mm; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif;
          color: #1a1a1a; background: #ffffff; line-height: 1.45; max-width: 1200px; margin: 0 auto; padding: 24px 28px; }
        h1 { font-size: 1.6rem; margin: 0 0 0.3rem 0; }
        h2 { font-size: 1.25rem; margin: 2rem 0 0.8rem 0; padding-bottom: 0.2rem; border-bottom: 2px solid #0072B2; }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem 0; }
        .subtitle { margin: 0.2rem 0; max-width: 60rem; }
        .facts, .note, .how-to-read, figcaption { color: #4d4d4d; }
        .facts { margin: 0.2rem 0 0 0; }
        .note { font-size: 0.85rem; }
        .headline { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; }
        .tile { border: 1px solid #c8d3dd; border-left: 6px solid #0072B2; border-radius: 4px; padding: 10px 14px; background: #f4f8fb; }
        .tile .label { font-weight: 600; }
        .tile .value { font-size: 1.9rem; font-weight: 700; line-height: 1.2; margin: 0.2rem 0; font-variant-numeric: tabular-nums; }
        .tile .interval { font-variant-numeric: tabular-nums; }
        .tile .tile-note { color: #4d4d4d; font-size: 0.85rem; margin-top: 0.2rem; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 20px 24px; }
        figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
        figure svg { display: block; width: 100%; height: auto; }
        table.adoption { align-self: center; }
        table.adoption th[scope=row] { font-weight: 600; border-bottom: 1px solid #dddddd; }
        figcaption { font-size: 0.85rem; margin-top: 0.2rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
        th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #dddddd; }
        th { border-bottom: 2px solid #4d4d4d; }
        td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
        code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 0.9em; }
        footer code { overflow-wrap: anywhere; }
        footer { margin-top: 2.5rem; font-size: 0.85rem; }
        footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        footer dt { font-weight: 600; }
        footer dd { margin: 0; }
        @media (max-width: 760px) {
          .headline { grid-template-columns: 1fr; }
          .charts { grid-template-columns: 1fr; }
        }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          h2 { break-after: avoid; page-break-after: avoid; }
          h3 { break-after: avoid; page-break-after: avoid; }
          .headline { grid-template-columns: repeat(3, minmax(0, 1fr)); break-inside: avoid; page-break-inside: avoid; }
          .tile .value { font-size: 1.5rem; }
          table { font-size: 8pt; }
          .tile { background: #ffffff; }
          .charts { display: block; }
          figure { margin: 0 auto 6mm auto; max-width: 165mm; }
          tr { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          footer { break-inside: avoid; page-break-inside: avoid; }
        }
        """
}
