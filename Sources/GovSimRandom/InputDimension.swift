/// One uncertain input of a scenario: a named quantile function that turns a uniform variate
/// into the input's value. Sampling designs (pseudo-random, Latin hypercube, Sobol') produce the
/// uniforms; the dimension maps them, so each input keeps its marginal distribution exactly.
public struct InputDimension: Sendable, Equatable {
    /// How a uniform becomes a value.
    public enum Transform: Sendable, Equatable {
        /// The quantile function of a distribution, clamped to the parameter's allowed range.
        case distribution(Distribution, lower: Double, upper: Double)
        /// Programme delivery: 1 with probability `full`, else a draw from `shortfall`. Its
        /// quantile function is q(u) = 1 for u > 1 − full, else shortfall.quantile(u / (1 − full)),
        /// monotone in u, so designs and rank correlations apply to it as to any input.
        case delivery(full: Double, shortfall: Distribution)
        /// The effect switch: 0 with probability `none`, else 1; q(u) = 0 for u ≤ none, else 1
        /// (monotone in u).
        case effectSwitch(none: Double)
    }

    /// Dotted parameter path, e.g. `effects.realisation_lag`.
    public let path: String
    public let transform: Transform
    /// Random-stream channel of this input, derived from its path, so that plan variants that
    /// share an input draw the same value for it (common random numbers).
    public let channel: UInt32
    /// The beta inverse's setup of a beta or PERT distribution (or delivery shortfall), made once.
    @usableFromInline
    let betaSetup: SpecialFunctions.BetaInverseSetup?

    /// - Parameter stream: the name of the draw's channel; by default `input.<path>`. Organisations
    ///   of a portfolio draw their own inputs from `org:<name>:input.<path>`.
    public init(path: String, transform: Transform, stream: String? = nil) {
        self.path = path
        self.transform = transform
        self.channel = RandomStream.channel(stream ?? "input." + path)
        switch transform {
        case .distribution(let d, _, _): betaSetup = d.betaInverseSetup
        case .delivery(_, let shortfall): betaSetup = shortfall.betaInverseSetup
        case .effectSwitch: betaSetup = nil
        }
    }

    /// The input's value at uniform `u` in (0, 1).
    @inlinable
    public func value(_ u: Double) -> Double {
        switch transform {
        case .distribution(let d, let lower, let upper):
            return Swift.min(upper, Swift.max(lower, d.quantile(u, betaSetup: betaSetup)))
        case .delivery(let full, let shortfall):
            if u > 1 - full { return 1 }
            return shortfall.quantile(u / (1 - full), betaSetup: betaSetup)
        case .effectSwitch(let none):
            return u <= none ? 0 : 1
        }
    }
}
