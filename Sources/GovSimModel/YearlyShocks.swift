/// The standard normal shocks of each year of a run: productivity, demand (or spending) and
/// satisfaction.
///
/// For a single organisation they are drawn from the run's economy-wide channels. In a portfolio,
/// organisation o's shock is ε_o = √ρ·ε_common + √(1 − ρ)·ε_o,own, so any two organisations'
/// shocks have correlation ρ (the portfolio's `shock_correlation`) and each stays N(0, 1).
///
/// The standard normals behind the first years can instead be given explicitly
/// (``givingNormals(_:width:ownColumn:)``, for a conditioned run whose latent shocks were moved
/// by ``ImportanceResampler``): a row of ``latentWidth(organisations:)`` normals per year, laid out
/// as ``latentNormals(stream:years:organisations:)`` returns them. Given the normals a run's stream
/// would give, the shocks are bit for bit those of the stream.
package struct YearlyShocks: Sendable {
    static let economyChannel = RandomStream.channel("shock.productivity-demand")
    static let satisfactionChannel = RandomStream.channel("shock.satisfaction")

    package let stream: RandomStream
    /// The organisation's own channels, or nil for a single organisation.
    let ownChannels: (UInt32, UInt32)?
    let commonWeight: Double
    let ownWeight: Double
    /// Given latent normals of years 1 … `given.count / givenWidth` (row-major, one row per year),
    /// empty when every year is drawn from the stream.
    var given: [Double] = []
    var givenWidth = 3
    /// Column of the organisation's own three normals within a row of `given`.
    var givenOwn = 3

    /// Economy-wide shocks only (a single organisation).
    package init(stream: RandomStream) {
        self.stream = stream
        ownChannels = nil
        commonWeight = 1
        ownWeight = 0
    }

    /// Shocks of organisation `name` in a portfolio with shock correlation `correlation` (0–1).
    package init(stream: RandomStream, organisation name: String, correlation: Double) {
        self.stream = stream
        ownChannels = YearlyShocks.ownChannels(name)
        commonWeight = correlation.squareRoot()
        ownWeight = (1 - correlation).squareRoot()
    }

    static func ownChannels(_ name: String) -> (UInt32, UInt32) {
        (RandomStream.channel("shock.productivity-demand.org:" + name), RandomStream.channel("shock.satisfaction.org:" + name))
    }

    /// Number of latent standard normals per year: three economy-wide (productivity, demand,
    /// satisfaction), then three own ones per organisation of a portfolio (none for a single
    /// organisation: pass no names).
    package static func latentWidth(organisations: [String]) -> Int { 3 * (1 + organisations.count) }

    /// The latent standard normals of years 1 … `years` that `stream` gives (one row of
    /// ``latentWidth(organisations:)`` per year: economy-wide, then each organisation's own, in
    /// the order of `organisations`; empty for a single organisation).
    package static func latentNormals(stream: RandomStream, years: Int, organisations: [String]) -> [Double] {
        let own = organisations.map(ownChannels)
        var out: [Double] = []
        out.reserveCapacity(years * latentWidth(organisations: organisations))
        for year in stride(from: 1, through: years, by: 1) {
            let (u1, u2) = stream.uniformPair(channel: economyChannel, index: UInt32(year))
            let u3 = stream.uniform(channel: satisfactionChannel, index: UInt32(year))
            out += [SpecialFunctions.normalQuantile(u1), SpecialFunctions.normalQuantile(u2), SpecialFunctions.normalQuantile(u3)]
            for (economy, satisfaction) in own {
                let (v1, v2) = stream.uniformPair(channel: economy, index: UInt32(year))
                let v3 = stream.uniform(channel: satisfaction, index: UInt32(year))
                out += [SpecialFunctions.normalQuantile(v1), SpecialFunctions.normalQuantile(v2), SpecialFunctions.normalQuantile(v3)]
            }
        }
        return out
    }

    /// These shocks with the latent normals of the first `normals.count / width` years given:
    /// rows of `width` normals as ``latentNormals(stream:years:organisations:)`` lays them out,
    /// this organisation's own three at `ownColumn` (ignored for a single organisation). Later
    /// years are still drawn from the stream.
    package func givingNormals(_ normals: [Double], width: Int, ownColumn: Int) -> YearlyShocks {
        precondition(width >= 3 && normals.count % width == 0, "YearlyShocks: rows of \(width) normals")
        var copy = self
        copy.given = normals
        copy.givenWidth = width
        copy.givenOwn = ownColumn
        return copy
    }

    /// The (productivity, demand, satisfaction) standard normal shocks of year `year` (≥ 1).
    package func normals(year: Int) -> (Double, Double, Double) {
        if year * givenWidth <= given.count {
            let row = (year - 1) * givenWidth
            var e = (given[row], given[row + 1], given[row + 2])
            if ownChannels != nil {
                let o = row + givenOwn
                e.0 = commonWeight * e.0 + ownWeight * given[o]
                e.1 = commonWeight * e.1 + ownWeight * given[o + 1]
                e.2 = commonWeight * e.2 + ownWeight * given[o + 2]
            }
            return e
        }
        let (u1, u2) = stream.uniformPair(channel: YearlyShocks.economyChannel, index: UInt32(year))
        let u3 = stream.uniform(channel: YearlyShocks.satisfactionChannel, index: UInt32(year))
        var e = (SpecialFunctions.normalQuantile(u1), SpecialFunctions.normalQuantile(u2), SpecialFunctions.normalQuantile(u3))
        if let (economy, satisfaction) = ownChannels {
            let (v1, v2) = stream.uniformPair(channel: economy, index: UInt32(year))
            let v3 = stream.uniform(channel: satisfaction, index: UInt32(year))
            e.0 = commonWeight * e.0 + ownWeight * SpecialFunctions.normalQuantile(v1)
            e.1 = commonWeight * e.1 + ownWeight * SpecialFunctions.normalQuantile(v2)
            e.2 = commonWeight * e.2 + ownWeight * SpecialFunctions.normalQuantile(v3)
        }
        return e
    }
}
