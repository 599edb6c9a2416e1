/// The periods money tables report: calendar years, or financial years starting in a given month
/// (`appraisal.financial_year_start_month`: 1 = calendar years, 4 = April–March as in UK central
/// government, 10 = October–September as in the US federal budget).
///
/// govsim simulates calendar years. A financial year starting in month m > 1 of calendar year y
/// runs to month m − 1 of year y + 1; a yearly flow is assumed to accrue evenly over its calendar
/// year, so the financial year gets the pro-rata share (13 − m)/12 of year y's amount and
/// (m − 1)/12 of year y + 1's. For example with m = 4 (April) the financial year 2026-27 is
/// 9/12 of calendar 2026 plus 3/12 of calendar 2027. Only flows (amounts per year) and their
/// means over runs can be split this way; quantiles over runs of a split amount are not the split
/// of the calendar quantiles.
package struct FinancialYears: Sendable, Equatable {
    /// The first month of the financial year (1–12; 1 = calendar years).
    package let startMonth: Int

    package init(startMonth: Int) {
        precondition((1...12).contains(startMonth), "a financial year starts in month 1-12")
        self.startMonth = startMonth
    }

    /// True when the periods are the calendar years themselves.
    package var isCalendar: Bool { startMonth == 1 }

    /// One reported period: its label, and the calendar-year indices and weights it is made of.
    package struct Period: Sendable, Equatable {
        /// `2026` for a calendar year, `2026-27` for a financial year starting in 2026.
        package let label: String
        /// (index of the calendar year in the input, weight) pairs; the weights sum to 1.
        package let parts: [(index: Int, weight: Double)]

        package static func == (a: Period, b: Period) -> Bool {
            a.label == b.label && a.parts.map(\.index) == b.parts.map(\.index) && a.parts.map(\.weight) == b.parts.map(\.weight)
        }
    }

    /// The periods covered by yearly values of calendar years `firstYear + first … firstYear + last`
    /// (indices `first … last` of the input). Calendar years: one period per index `first … last`.
    /// Financial years: those whose both calendar parts are in the input, starting in years
    /// `first − 1 … last − 1` (so index `first − 1` must be available, typically the base year 0).
    package func periods(firstYear: Int, first: Int, last: Int) -> [Period] {
        guard last >= first else { return [] }
        if isCalendar {
            return (first...last).map { Period(label: String(firstYear + $0), parts: [(index: $0, weight: 1)]) }
        }
        let early = Double(13 - startMonth) / 12, late = Double(startMonth - 1) / 12
        return ((first - 1)...(last - 1)).compactMap { i in
            guard i >= 0 else { return nil }
            let year = firstYear + i
            let next = (year + 1) % 100
            let label = "\(year)-" + (next < 10 ? "0\(next)" : String(next))
            return Period(label: label, parts: [(index: i, weight: early), (index: i + 1, weight: late)])
        }
    }

    /// The value of `period` from yearly values indexed like the input of ``periods(firstYear:first:last:)``.
    package func value(_ period: Period, of yearly: [Double]) -> Double {
        period.parts.reduce(0.0) { $0 + $1.weight * yearly[$1.index] }
    }

    /// How the periods are described in a table's price-basis or unit column.
    package var basisDescription: String {
        isCalendar ? "calendar years" : "financial years from month \(startMonth), pro rata from calendar years"
    }
}
