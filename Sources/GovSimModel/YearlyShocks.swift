/// The standard normal shocks of each year of a run: productivity, demand (or spending) and
/// satisfaction.
///
/// For a single organisation they are drawn from the run's economy-wide channels. In a portfolio,
/// organisation o's shock is ε_o = √ρ·ε_common + √(1 − ρ)·ε_o,own, so any two organisations'
/// shocks have correlation ρ (the portfolio's `shock_correlation`) and each stays N(0, 1).
public struct YearlyShocks: Sendable {
    static let economyChannel = RandomStream.channel("shock.productivity-demand")
    static let satisfactionChannel = RandomStream.channel("shock.satisfaction")

    public let stream: RandomStream
    /// The organisation's own channels, or nil for a single organisation.
    let ownChannels: (UInt32, UInt32)?
    let commonWeight: Double
    let ownWeight: Double

    /// Economy-wide shocks only (a single organisation).
    public init(stream: RandomStream) {
        self.stream = stream
        ownChannels = nil
        commonWeight = 1
        ownWeight = 0
    }

    /// Shocks of organisation `name` in a portfolio with shock correlation `correlation` (0–1).
    public init(stream: RandomStream, organisation name: String, correlation: Double) {
        self.stream = stream
        ownChannels = (RandomStream.channel("shock.productivity-demand.org:" + name), RandomStream.channel("shock.satisfaction.org:" + name))
        commonWeight = correlation.squareRoot()
        ownWeight = (1 - correlation).squareRoot()
    }

    /// The (productivity, demand, satisfaction) standard normal shocks of year `year` (≥ 1).
    public func normals(year: Int) -> (Double, Double, Double) {
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
