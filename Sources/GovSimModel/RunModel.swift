import Foundation

/// One Monte Carlo run of the practice-adoption model: a pure function of a run's
/// ``ModelParameters`` and its ``RandomStream`` (which supplies the yearly shocks).
///
/// Every run computes the organisation with the programme and the same organisation without it
/// (the counterfactual) from the same shocks, so gains and savings are paired differences.
/// The equations are written out in `docs/model.md`; ``simulate(_:shocks:into:)`` runs one
/// named step per section of it, for year t = 1 … H:
///
/// 1. ``adoptionPaths(_:years:)``: adoption aᵢ(t) = sᵢ + δ·(Tᵢ − sᵢ)·Pᵢ(t − d), with Pᵢ the
///    ``AdoptionCurve``, δ the delivered share and d the delay;
/// 2. ``mature(_:year:lag:weights:into:)``: maturity Mᵢ(t) = Σₖ Δaᵢ(k)·min(1, (t − k + 1)/L) (each
///    year's adoption reaches full benefit linearly over L years) and the J-curve
///    J(t) = j·Σ wᵢ·max(0, aᵢ(t) − Mᵢ(t));
/// 3. ``CounterfactualEconomy`` and ``productivityRatio(maturity:weights:effect:complementarity:baseRatio:jCurve:)``:
///    Π_cf(t) = Π_cf(t−1)·(1 + g)·exp(σ_Π ε_Π − σ_Π²/2), ρ(t) = (1 + U·c·Φ(M(t))) / (1 + U·c·Φ(s))
///    · (1 − J(t)) with Φ(m) = (1 − κ)·Σ wᵢmᵢ + κ·(Π mᵢ)^{1/n}, and Π(t) = ρ(t)·Π_cf(t);
/// 4. ``spending(_:economy:ratio:adoption:planned:unmatured:year:)``: S_cf = S₀·P(t)·D(t)·[ℓ·Π_cf(0)/Π_cf(t) + 1 − ℓ]
///    and S = S₀·P·D·[ℓ·Π_cf(0)/Π_cf(t)·(1 − θ(1 − 1/ρ)) + 1 − ℓ] + investment + run cost − the
///    cash-releasing benefit lines' P(t)·B(t) (``benefitLineValue(_:_:adoption:maturity:year:)``), and the
///    staff time reinvested (economic case) R = S₀·P·D·ℓ·Π_cf(0)/Π_cf(t)·(1 − θ)(1 − 1/ρ);
/// 5. ``advanceSatisfaction(_:_:year:maturity:ratio:surprise:noise:)``: satisfaction
///    moves a share of the way to its target level, at most a few points a year, plus shared
///    noise, bounded to 0–100.
package enum RunModel {

    /// Simulates one run into `trajectory`, which must have been made for `parameters.horizon`.
    package static func simulate(_ m: ModelParameters, stream: RandomStream, into trajectory: inout RunTrajectory) {
        simulate(m, shocks: YearlyShocks(stream: stream), into: &trajectory)
    }

    /// The intermediate quantities of one year (for `govsim trace`).
    package struct YearTrace: Sendable, Equatable {
        package var year = 0
        /// Adoption aᵢ(t) and maturity Mᵢ(t) of each practice, in ``PracticeKind/allCases`` order.
        package var adoption: [Double] = [], maturity: [Double] = []
        /// Φ(M(t)), the J-curve loss J(t) and the uplift ratio ρ(t).
        package var phi = 0.0, jCurve = 0.0, ratio = 0.0
        /// Cost scale S₀·P·D (S₀·D in spending-trend mode) and the counterfactual labour term ℓ·Π_cf(0)/Π_cf(t).
        package var costScale = 0.0, labourTerm = 0.0
        /// Organisation price index P(t) (base year 1).
        package var price = 0.0
        package var spendingCounterfactual = 0.0, operating = 0.0, investment = 0.0, runCost = 0.0, spending = 0.0
        /// The investment's lines, nominal: roll-out per adoption, build profile, fixed programme
        /// cost, training, double running (they sum to ``investment``).
        package var programmeCosts: [Double] = []
        package var netSavings = 0.0, staffTimeReinvested = 0.0
        /// Σ B(t)·P(t) over the cash-releasing benefit lines: the nominal spending they remove.
        package var cashReleasingLines = 0.0
        /// Real value of each benefit line, currency in base-year prices (``BenefitLine``).
        package var benefitLines: [Double] = []
        package init() {}
    }

    /// Simulates one run with the given yearly shocks (shared with other organisations in a portfolio).
    /// `trace`, if given, receives every year's intermediate quantities.
    package static func simulate(
        _ m: ModelParameters, shocks: YearlyShocks, into trajectory: inout RunTrajectory,
        trace: ((YearTrace) -> Void)? = nil
    ) {
        var scratch = Scratch()
        simulate(m, shocks: shocks, into: &trajectory, scratch: &scratch, trace: trace)
    }

    /// ``simulate(_:shocks:into:trace:)`` with the working arrays in `scratch` (one per worker,
    /// reused run after run): no allocation once `scratch` and `trajectory` have their sizes and
    /// `trajectory`'s buffers are not shared with a copy kept elsewhere.
    package static func simulate(
        _ m: ModelParameters, shocks: YearlyShocks, into trajectory: inout RunTrajectory,
        scratch: inout Scratch, trace: ((YearTrace) -> Void)? = nil
    ) {
        let years = m.horizon + 1
        precondition(trajectory.years == years, "trajectory made for another horizon")
        let m = mitigated(m)
        scratch.prepare(practices: m.practices.count, years: years)
        normalisedWeights(m, into: &scratch.weights)
        let weights = scratch.weights
        let effect = m.uplift * m.causalShare * m.effectPresent
        scratch.starts.removeAll(keepingCapacity: true)
        for p in m.practices.values { scratch.starts.append(p.start) }
        let baseRatio = 1 + effect * uplift(scratch.starts, weights: weights, complementarity: m.complementarity)
        adoptionPaths(m, years: years, into: &scratch.adoption, planned: &scratch.planned)
        let adoption = scratch.adoption, planned = scratch.planned
        // Taken out of the scratch and the trajectory (and put back at the end) so that each is
        // uniquely referenced while written: no copy-on-write copy per run.
        var maturity = scratch.maturity
        scratch.maturity = []
        var economy = CounterfactualEconomy()
        var satisfaction = (programme: m.satisfaction, counterfactual: m.satisfaction)
        var cumulative = 0.0

        var values = trajectory.values
        trajectory.values = []
        if trajectory.benefitLines.count != m.benefitLines.count * years {
            trajectory.benefitLines = [Double](repeating: 0, count: m.benefitLines.count * years)
        }
        var lines = trajectory.benefitLines
        trajectory.benefitLines = []

        for t in 0..<years {
            var surprise = 0.0, noise = 0.0
            if t > 0 {
                let (eP, eD, eS) = shocks.normals(year: t)
                surprise = economy.advance(m, productivityShock: eP, demandShock: eD)
                noise = m.satisfactionNoiseSD * eS
            }
            let disruption = mature(adoption, year: t, lag: m.realisationLag, weights: weights, into: &maturity)
            let jCurve = m.jCurveDepth * disruption
            let ratio = productivityRatio(
                maturity: maturity, weights: weights, effect: effect, complementarity: m.complementarity,
                baseRatio: baseRatio, jCurve: jCurve)
            let prod = economy.productivity * ratio
            let money = spending(m, economy: economy, ratio: ratio, adoption: adoption, planned: planned, unmatured: disruption, year: t)
            // Benefit lines (RunModel+Channels.swift): real B(t); cash-releasing ones lower spending by B(t)·P(t).
            var cashLines = 0.0
            var channelSavings = (shift: 0.0, failure: 0.0, legacy: 0.0)
            for (k, line) in m.benefitLines.enumerated() {
                let b = benefitLineValue(line, m, adoption: adoption, maturity: maturity, year: t)
                lines[k * years + t] = b
                if line.cashReleasing { cashLines += b }
                switch line.category {
                case .channelShift: channelSavings.shift += b
                case .failureDemand: channelSavings.failure += b
                case .legacy: channelSavings.legacy += b
                case .citizenTime, .errorAndFraud, .other: break
                }
            }
            cashLines *= economy.price
            let spending = money.operating + money.investment + money.runCost - cashLines
            let net = money.counterfactual - spending
            if t > 0 { cumulative += net }
            if t > 0 {
                advanceSatisfaction(
                    m, &satisfaction, year: t, maturity: maturity, ratio: ratio,
                    surprise: surprise, noise: noise)
            }

            if let trace {
                var y = YearTrace()
                y.year = t
                y.adoption = (0..<m.practices.count).map { adoption[$0][t] }
                y.maturity = maturity
                y.phi = uplift(maturity, weights: weights, complementarity: m.complementarity)
                y.jCurve = jCurve
                y.ratio = ratio
                y.costScale = money.scale
                y.labourTerm = money.labourTerm
                y.price = economy.price
                y.spendingCounterfactual = money.counterfactual
                y.operating = money.operating
                y.investment = money.investment
                y.programmeCosts = [
                    money.lines.rollout, money.lines.build, money.lines.fixed, money.lines.training, money.lines.doubleRunning,
                ]
                y.runCost = money.runCost
                y.cashReleasingLines = cashLines
                y.spending = spending
                y.netSavings = net
                y.staffTimeReinvested = money.reinvested
                y.benefitLines = (0..<m.benefitLines.count).map { lines[$0 * years + t] }
                trace(y)
            }
            let price = economy.price
            store(.productivityIndex, t, prod, years: years, in: &values)
            store(.productivityIndexCounterfactual, t, economy.productivity, years: years, in: &values)
            store(.productivityGainPct, t, 100 * (ratio - 1), years: years, in: &values)
            store(.spending, t, spending, years: years, in: &values)
            store(.spendingCounterfactual, t, money.counterfactual, years: years, in: &values)
            store(.spendingReal, t, spending / price, years: years, in: &values)
            store(.netSavingsReal, t, net / price, years: years, in: &values)
            store(.investment, t, money.investment, years: years, in: &values)
            store(.runCost, t, money.runCost, years: years, in: &values)
            store(.netSavings, t, net, years: years, in: &values)
            store(.cumulativeNetSavings, t, cumulative, years: years, in: &values)
            store(.staffTimeReinvested, t, money.reinvested, years: years, in: &values)
            store(.channelShiftSavings, t, channelSavings.shift * price, years: years, in: &values)
            store(.failureDemandSavings, t, channelSavings.failure * price, years: years, in: &values)
            store(.legacySavings, t, channelSavings.legacy * price, years: years, in: &values)
            store(.satisfaction, t, satisfaction.programme, years: years, in: &values)
            store(.satisfactionCounterfactual, t, satisfaction.counterfactual, years: years, in: &values)
            store(.satisfactionGain, t, satisfaction.programme - satisfaction.counterfactual, years: years, in: &values)
            for (i, kind) in PracticeKind.ordered.enumerated() {
                store(Metric.adoption(kind), t, adoption[i][t], years: years, in: &values)
            }
        }
        trajectory.values = values
        trajectory.benefitLines = lines
        scratch.maturity = maturity
    }

    /// Writes `x` as `metric`'s value in year `t` of a run's `values` (metric-major, `years` per
    /// metric). A function of its arguments, not a nested function capturing `values`: a captured
    /// variable that is written is checked for exclusive access at run time at every write, which
    /// took a tenth of the model's time.
    @inline(__always)
    static func store(_ metric: Metric, _ t: Int, _ x: Double, years: Int, in values: inout [Double]) {
        values[metric.index * years + t] = x
    }
}
