extension ModelParameters {
    /// Builds a run's parameters from its sampled values, each field by name: its typed key
    /// (``ModelInput`` or ``PracticeInput``) is looked up in `layout`.
    /// - Complexity: O(number of parameters), no allocation beyond the practices array.
    package init(layout: InputLayout, values v: [Double]) {
        func value(_ input: ModelInput) -> Double { v[layout.position(input)] }
        let trend = layout.spendingTrend
        horizon = layout.horizon
        spending = value(.spending)
        labourShare = value(.labourShare)
        demandGrowth = value(trend ? .spendingTrend : .demandGrowth)
        demandShockSD = value(trend ? .spendingNoiseSD : .demandShockSD)
        spendingTrendMode = trend
        inflation = value(.inflation)
        productivityTrend = value(.productivityTrend)
        productivityShockSD = value(.productivityShockSD)
        satisfaction = value(.satisfaction)
        satisfactionTrend = value(.satisfactionTrend)
        uplift = value(.uplift)
        causalShare = value(.causalShare)
        complementarity = value(.complementarity)
        realisationLag = value(.realisationLag)
        jCurveDepth = value(.jCurveDepth)
        captureRate = value(.captureRate)
        costOverrun = value(.costOverrun)
        delivery = value(.delivery)
        delay = value(.delay)
        satisfactionAdjustment = value(.satisfactionAdjustment)
        satisfactionMaxChange = value(.satisfactionMaxChange)
        satisfactionNoiseSD = value(.satisfactionNoiseSD)
        customerFocusGain = value(.customerFocusGain)
        rapidIterationGain = value(.rapidIterationGain)
        qualityGainPerPct = value(.qualityGainPerPct)
        strainPerPct = value(.strainPerPct)
        runCostOverrun = value(.runCostOverrun)
        programmeFixedCost = value(.programmeFixedCost)
        doubleRunningCost = value(.doubleRunningCost)
        trainingCost = value(.trainingCost)
        riskMitigation = value(.riskMitigation)
        buildProfile = layout.buildProfile
        buildScale = value(.buildScale)
        programmeYears = layout.programmeYears
        effectPresent = value(.effectPresent)
        practices = PerPractice { kind in
            func value(_ input: PracticeInput) -> Double { v[layout.position(input, of: kind)] }
            let curve: AdoptionCurve
            switch layout.curves[kind] {
            case .logistic: curve = .logistic(midpoint: value(.logisticMidpoint), speed: value(.logisticSpeed))
            case .bass: curve = .bass(p: value(.bassP), q: value(.bassQ))
            case .step: curve = .step
            case .plan:
                guard let plan = layout.plans[kind] else { preconditionFailure("practice \(kind.rawValue) has a plan curve but no plan") }
                curve = .plan(plan.curve(start: value(.start), startYear: layout.startYear))
            }
            return Practice(
                start: value(.start), target: value(.target), curve: curve,
                investment: value(.investment), runCost: value(.runCost), weight: value(.weight))
        }
        benefitLines = layout.benefitLines.map { line in
            let f = line.slots.map { v[$0] }
            return BenefitLineValue(
                driver: line.drivers[0], fullValue: BenefitLine.fullValue(line.category, f), drivers: line.drivers,
                category: line.category, factors: f, cashReleasing: line.cash)
        }
    }

    /// The value read from `input`'s catalog path (``demandGrowth`` and ``demandShockSD`` for the
    /// spending-trend inputs, which take their place), or nil if `input` is not in effect.
    package subscript(input: ModelInput) -> Double? {
        guard input.isInEffect(spendingTrend: spendingTrendMode) else { return nil }
        switch input {
        case .spending: return spending
        case .labourShare: return labourShare
        case .demandGrowth, .spendingTrend: return demandGrowth
        case .demandShockSD, .spendingNoiseSD: return demandShockSD
        case .inflation: return inflation
        case .productivityTrend: return productivityTrend
        case .productivityShockSD: return productivityShockSD
        case .satisfaction: return satisfaction
        case .satisfactionTrend: return satisfactionTrend
        case .uplift: return uplift
        case .causalShare: return causalShare
        case .complementarity: return complementarity
        case .realisationLag: return realisationLag
        case .jCurveDepth: return jCurveDepth
        case .captureRate: return captureRate
        case .costOverrun: return costOverrun
        case .delivery: return delivery
        case .delay: return delay
        case .satisfactionAdjustment: return satisfactionAdjustment
        case .satisfactionMaxChange: return satisfactionMaxChange
        case .satisfactionNoiseSD: return satisfactionNoiseSD
        case .customerFocusGain: return customerFocusGain
        case .rapidIterationGain: return rapidIterationGain
        case .qualityGainPerPct: return qualityGainPerPct
        case .strainPerPct: return strainPerPct
        case .runCostOverrun: return runCostOverrun
        case .programmeFixedCost: return programmeFixedCost
        case .doubleRunningCost: return doubleRunningCost
        case .trainingCost: return trainingCost
        case .riskMitigation: return riskMitigation
        case .buildScale: return buildScale
        case .effectPresent: return effectPresent
        }
    }

    /// The value of practice `kind` read from `input`'s catalog path, or nil if `input` is not in
    /// effect for the practice's curve.
    package subscript(input: PracticeInput, of kind: PracticeKind) -> Double? {
        let p = practices[kind]
        switch (input, p.curve) {
        case (.start, _): return p.start
        case (.target, _): return p.target
        case (.investment, _): return p.investment
        case (.runCost, _): return p.runCost
        case (.weight, _): return p.weight
        case (.logisticMidpoint, .logistic(let midpoint, _)): return midpoint
        case (.logisticSpeed, .logistic(_, let speed)): return speed
        case (.bassP, .bass(let p, _)): return p
        case (.bassQ, .bass(_, let q)): return q
        default: return nil
        }
    }
}
