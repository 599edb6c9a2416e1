/// Turns a scenario into the values vector of each run: fixed parameters are copied, uncertain
/// ones are drawn through their ``InputDimension``.
///
/// With the pseudo-random design, input j of run r is `dimension.value(u)` with u the first
/// uniform of channel `input.<path>` in run r's ``RandomStream``, so a run's inputs do not depend
/// on the other runs, on blocks or on threads.
package struct InputSampler: Sendable {
    package let layout: InputLayout
    /// The uncertain inputs, in scenario order.
    package let dimensions: [InputDimension]
    /// The values vector with every fixed parameter filled in.
    let template: [Double]
    /// Position in the values vector of each dimension.
    let positions: [Int]
    package let seed: UInt64
    /// The sampling design of the uncertain inputs.
    package let sampling: SamplingKind
    /// Rank-correlation induction, if the scenario declares correlations.
    let imanConover: ImanConover?
    /// Dimensions of the correlated inputs, in the order of the correlation matrix.
    let correlatedColumns: [Int]
    /// Seed of the design and of Iman–Conover: the scenario's seed mixed with the organisation.
    let designSeed: UInt64

    /// Whether an input is common to every organisation of a portfolio (the size of the effects,
    /// the economy's inflation, how satisfaction responds, the budget rules) rather than drawn for
    /// each organisation (baseline, adoption, programme risk, costs).
    package static func isShared(_ path: String) -> Bool {
        path.hasPrefix("effects.") || path.hasPrefix("satisfaction.") || path.hasPrefix("budget.") || path.hasPrefix("calibration.")
            || path == "spending.capture_rate" || path == "baseline.inflation"
    }

    /// - Parameter organisation: in a portfolio, the organisation whose own inputs are drawn.
    package init(scenario: Scenario, organisation: String? = nil) {
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
        let none = scenario["effects.no_effect_probability"].mean
        let effectIndex = layout.position(InputLayout.effectPresentPath)
        if none <= 0 || none >= 1 {
            template[effectIndex] = none >= 1 ? 0 : 1
        } else {
            dimensions.append(dimension(InputLayout.effectPresentPath, .effectSwitch(none: none)))
            positions.append(effectIndex)
        }
        self.template = template
        self.dimensions = dimensions
        self.positions = positions
        self.sampling = scenario.sampling
        self.designSeed = SplitMix64.mix(scenario.seed ^ UInt64(RandomStream.channel("design:" + (organisation ?? ""))))
        if let correlation = scenario.correlation, dimensions.count > 1 {
            let columns = correlation.names.compactMap { name in dimensions.firstIndex { $0.path == name } }
            if columns.count == correlation.names.count, columns.count > 1 {
                self.imanConover = try? ImanConover(target: correlation)
                self.correlatedColumns = columns
            } else {
                self.imanConover = nil
                self.correlatedColumns = []
            }
        } else {
            self.imanConover = nil
            self.correlatedColumns = []
        }
    }

    /// Whether every run's inputs can be drawn on their own (pseudo-random, no correlations).
    package var drawsRunsIndependently: Bool { sampling == .random && imanConover == nil }

    /// The uniforms of the uncertain inputs for the runs of one block (rows = runs).
    ///
    /// - Pseudo-random: each input's own channel of each run's stream.
    /// - Latin hypercube: ``LatinHypercube`` blocks of ``ParallelBlocks/blockSize`` runs.
    /// - Sobol': a scrambled ``SobolSequence`` (linear matrix scramble and digital shift), point
    ///   index = run index.
    /// Then, with correlations, ``ImanConover`` reorders the correlated columns within the block
    /// (keyed by the block index), so the result depends only on (seed, block).
    package func blockUniforms(runs: Range<Int>) -> SampleMatrix {
        let d = dimensions.count
        var u: SampleMatrix
        switch sampling {
        case .random:
            u = SampleMatrix(rows: runs.count, columns: d, values: runs.flatMap { uniforms(run: UInt64($0)) })
        case .lhs:
            u = LatinHypercube(points: ParallelBlocks.blockSize, dimensions: max(1, d), seed: designSeed).points(for: runs)
        case .sobol:
            u = SobolSequence(dimensions: max(1, d), scrambling: .linearMatrixAndShift(seed: designSeed)).points(for: runs)
        }
        if let imanConover, runs.count > correlatedColumns.count {
            let sub = SampleMatrix(columns: correlatedColumns.map { u.column($0) })
            if let reordered = try? imanConover.apply(to: sub, seed: designSeed, block: runs.lowerBound / ParallelBlocks.blockSize) {
                for (k, j) in correlatedColumns.enumerated() { u.setColumn(j, reordered.column(k)) }
            }
        }
        return u
    }

    /// The values vectors of the runs of one block, with the scenario's design and correlations.
    package func blockValues(runs: Range<Int>) -> [[Double]] {
        if drawsRunsIndependently { return runs.map { values(run: UInt64($0)) } }
        let u = blockUniforms(runs: runs)
        let d = dimensions.count
        return (0..<runs.count).map { i in values(uniforms: Array(u.values[(i * d)..<((i + 1) * d)])) }
    }

    /// The values vector of `run`, drawn with the pseudo-random design.
    package func values(run: UInt64) -> [Double] {
        values(uniforms: uniforms(run: run))
    }

    /// ``values(run:)`` written into `v` (which must be a values vector of this sampler's size,
    /// e.g. a copy of ``template``): the fixed parameters are copied in place and each uncertain
    /// input drawn straight into its slot, with no allocation.
    func values(run: UInt64, into v: inout [Double]) {
        precondition(v.count == template.count, "a values vector of another scenario")
        let stream = RandomStream(seed: seed, run: run)
        v.withUnsafeMutableBufferPointer { out in
            template.withUnsafeBufferPointer { fixed in
                for i in 0..<fixed.count { out[i] = fixed[i] }
            }
            for j in 0..<dimensions.count {
                out[positions[j]] = dimensions[j].value(stream.uniform(channel: dimensions[j].channel, index: 0))
            }
        }
    }

    /// Appends the sampled values of the uncertain inputs, in ``dimensions`` order, to `inputs`.
    func appendUncertainValues(of values: [Double], to inputs: inout [Double]) {
        for p in positions { inputs.append(values[p]) }
    }

    /// The pseudo-random uniforms of `run`: the first draw of each input's own channel.
    func uniforms(run: UInt64) -> [Double] {
        let stream = RandomStream(seed: seed, run: run)
        return dimensions.map { stream.uniform(channel: $0.channel, index: 0) }
    }

    /// The values vector for given uniforms, one per dimension (for designs such as LHS and Sobol').
    package func values(uniforms u: [Double]) -> [Double] {
        precondition(u.count >= dimensions.count, "need one uniform per uncertain input")
        var v = template
        for (j, dim) in dimensions.enumerated() { v[positions[j]] = dim.value(u[j]) }
        return v
    }

    /// The sampled values of the uncertain inputs only, in ``dimensions`` order.
    package func uncertainValues(of values: [Double]) -> [Double] {
        positions.map { values[$0] }
    }
}
