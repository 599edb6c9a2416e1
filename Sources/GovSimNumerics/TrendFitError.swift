/// Why a ``TrendFit`` could not be made; indices are 0-based positions in the input.
package enum TrendFitError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewPoints(Int)
    case nonPositiveValue(index: Int, year: Double, value: Double)
    case duplicateYear(year: Double, firstIndex: Int, secondIndex: Int)
    case nonFiniteYear(index: Int)
    case lengthMismatch(years: Int, values: Int)

    package var description: String {
        switch self {
        case .tooFewPoints(let n):
            return "a trend needs at least 3 years of data, got \(n); add earlier years or use a fixed growth assumption"
        case .nonPositiveValue(let index, let year, let value):
            return
                "the value for \(CSVTable.formatNumber(year)) (point \(index + 1)) is \(CSVTable.formatNumber(value)); a log-linear trend needs positive values — correct it or drop that year"
        case .duplicateYear(let year, let first, let second):
            return "year \(CSVTable.formatNumber(year)) appears twice (points \(first + 1) and \(second + 1)); give one value per year"
        case .nonFiniteYear(let index):
            return "the year of point \(index + 1) is not a finite number; correct it"
        case .lengthMismatch(let years, let values):
            return "\(years) years but \(values) values; give one value per year"
        }
    }
}
