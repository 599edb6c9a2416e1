/// Turns a scenario into the values vector of each run: fixed parameters are copied, uncertain
/// ones are drawn through their ``InputDimension``.
///
/// With the pseudo-random design, input j of run r is `dimension.value(u)` with u the first
/// uniform of channel `input.<path>` in run r's ``RandomStream``, so a run's inputs do not depend
/// on the other runs, on blocks or on threads.
public struct InputSampler: Sendable {
    public let layout: InputLayout
    /// The uncertain inputs, in scenario order.
    public let dimensions: [InputDimension]
    /// The values vector with every fixed parameter filled in.
    let template: [Double]
    /// Position in the values vector of each dimension.
    let positions: [Int]
    public let seed: UInt64

    /// Whether an input is common to every organisation of a portfolio (the size of the effects,
    /// the economy's inflation, how satisfaction responds, the budget rules) rather than drawn for
    /// each organisation (baseline, adoption, programme risk, costs).
    public static func isShared(_ path: String) -> Bool {
        path.hasPrefix("effects.") || path.hasPrefix("satisfaction.") || path.hasPrefix("budget.") || path.hasPrefix("calibration.")
            || path == "spending.capture_rate" || path == "baseline.inflation"
    }

    /// - Parameter organisation: in a portfolio, the organisation whose own inputs are drawn.
    public init(scenario: Scenario, organisation: String? = nil) {
        func dimension(_ path: String, _ transform: InputDimension.Transform) -> InputDimension {
            guard let organisation, !InputSampler.isShared(path) else { return InputDimension(path: path, transform: transform) }
            return InputDimension(path: path, transform: transform, stream: "org:\(organisation):input.\(path)")
        }
        let layout = InputLayout(scenario: scenario)
        self.layout = layout
        self.seed = scenario.seed
        var template = [Double](repeating: 0, count: layout.paths.count)
        var dimensions: [InputDimension] = []
        var positions: [Int] = []
        for spec in scenario.specs where spec.path != "programme_risk.shortfall_delivery" {
            let d = scenario[spec.path]
            let i = layout.position(spec.path)
            if case .fixed(let v) = d {
                template[i] = v
            } else {
                dimensions.append(dimension(spec.path, .distribution(d, lower: spec.lower, upper: spec.upper)))
                positions.append(i)
            }
        }
        let full = scenario["programme_risk.full_delivery_probability"].mean
        let shortfall = scenario["programme_risk.shortfall_delivery"]
        let deliveryIndex = layout.position(InputLayout.deliveryPath)
        if full >= 1 {
            template[deliveryIndex] = 1
        } else if case .fixed(let v) = shortfall, full <= 0 {
            template[deliveryIndex] = v
        } else {
            dimensions.append(dimension(InputLayout.deliveryPath, .delivery(full: full, shortfall: shortfall)))
            positions.append(deliveryIndex)
        }
        self.template = template
        self.dimensions = dimensions
        self.positions = positions
    }

    /// The values vector of `run`, drawn with the pseudo-random design.
    public func values(run: UInt64) -> [Double] {
        let stream = RandomStream(seed: seed, run: run)
        var v = template
        for (j, dim) in dimensions.enumerated() {
            v[positions[j]] = dim.value(stream.uniform(channel: dim.channel, index: 0))
        }
        return v
    }

    /// The values vector for given uniforms, one per dimension (for designs such as LHS and Sobol').
    public func values(uniforms u: [Double]) -> [Double] {
        precondition(u.count == dimensions.count, "need one uniform per uncertain input")
        var v = template
        for (j, dim) in dimensions.enumerated() { v[positions[j]] = dim.value(u[j]) }
        return v
    }

    /// The sampled values of the uncertain inputs only, in ``dimensions`` order.
    public func uncertainValues(of values: [Double]) -> [Double] {
        positions.map { values[$0] }
    }
}
