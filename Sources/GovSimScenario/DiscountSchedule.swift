import Foundation

/// A schedule of real discount rates by year and the discount factors it implies.
///
/// The factor of year t is D(t) = Π_{k=1…t} 1/(1 + r(k)), so year 0 (the base year) is
/// undiscounted and a declining schedule discounts year 31 onward at the lower rate only for the
/// years beyond the band (the Green Book's "kinked" schedule, not a switch of the whole factor).
package struct DiscountSchedule: Sendable, Equatable {
    /// One band of the schedule: the rate for years up to and including `lastYear`.
    package struct Band: Sendable, Equatable {
        package let lastYear: Int
        package let rate: Double
    }

    /// Which convention the schedule follows (recorded in outputs).
    package enum Kind: String, Sendable, CaseIterable {
        /// HM Treasury Green Book (2022) declining social time preference rate.
        case greenBook = "green_book"
        /// One flat real rate, `budget.discount_rate` (for example an OMB Circular A-94 rate).
        case flat
    }

    /// The bands, in increasing `lastYear`; the last band applies to every later year.
    package let bands: [Band]
    package let kind: Kind

    /// The Green Book (2022) schedule of the social time preference rate: 3.5% for years 0–30,
    /// 3.0% for 31–75, 2.5% for 76–125, 2.0% for 126–200, 1.5% for 201–300, 1.0% beyond
    /// (HM Treasury, The Green Book 2022, annex A6 on discounting).
    package static let greenBook = DiscountSchedule(
        kind: .greenBook,
        bands: [
            Band(lastYear: 30, rate: 0.035), Band(lastYear: 75, rate: 0.030), Band(lastYear: 125, rate: 0.025),
            Band(lastYear: 200, rate: 0.020), Band(lastYear: 300, rate: 0.015), Band(lastYear: Int.max, rate: 0.010),
        ])

    /// A flat real rate for every year.
    package static func flat(_ rate: Double) -> DiscountSchedule {
        DiscountSchedule(kind: .flat, bands: [Band(lastYear: Int.max, rate: rate)])
    }

    package init(kind: Kind, bands: [Band]) {
        precondition(!bands.isEmpty, "a discount schedule needs a band")
        self.kind = kind
        self.bands = bands
    }

    /// The rate that discounts year `year` back to year `year − 1` (years ≥ 1).
    package func rate(year: Int) -> Double {
        bands.first { year <= $0.lastYear }?.rate ?? bands[bands.count - 1].rate
    }

    /// Discount factors D(0) … D(`years`), D(0) = 1.
    package func factors(through years: Int) -> [Double] {
        var out = [1.0]
        out.reserveCapacity(years + 1)
        var d = 1.0
        if years >= 1 {
            for t in 1...years {
                d /= 1 + rate(year: t)
                out.append(d)
            }
        }
        return out
    }
}
