import Foundation

/// One Monte Carlo run of the four-practice model: a pure function of a run's
/// ``ModelParameters`` and its ``RandomStream`` (which supplies the yearly shocks).
///
/// Every run computes the organisation with the programme and the same organisation without it
/// (the counterfactual) from the same shocks, so gains and savings are paired differences.
/// The equations are written out in `docs/model.md`; in brief, for year t = 1 … H:
///
/// - adoption  aᵢ(t) = sᵢ + δ·(Tᵢ − sᵢ)·Pᵢ(t − d), with Pᵢ the ``AdoptionCurve``, δ the delivered
///   share and d the delay;
/// - maturity  Mᵢ(t) = Σₖ Δaᵢ(k)·min(1, (t − k + 1)/L): each year's adoption reaches full
///   benefit linearly over L years (realisation lag);
/// - uplift ratio  ρ(t) = (1 + U·c·Φ(M(t))) / (1 + U·c·Φ(s)) · (1 − J(t)), with
///   Φ(m) = (1 − κ)·Σ wᵢmᵢ + κ·(Π mᵢ)^{1/4} and J(t) = j·Σ wᵢ·max(0, aᵢ(t) − Mᵢ(t));
/// - productivity  Π_cf(t) = Π_cf(t−1)·(1 + g)·exp(σ_Π ε_Π − σ_Π²/2), Π(t) = ρ(t)·Π_cf(t);
/// - spending  S_cf = S₀·P(t)·D(t)·[ℓ·Π_cf(0)/Π_cf(t) + 1 − ℓ] and
///   S = S₀·P·D·[ℓ·Π_cf(0)/Π_cf(t)·(1 − θ(1 − 1/ρ)) + 1 − ℓ] + investment + run cost;
/// - staff time reinvested (economic case)  R = S₀·P·D·ℓ·Π_cf(0)/Π_cf(t)·(1 − θ)(1 − 1/ρ);
/// - satisfaction moves a share of the way to its target level, at most a few points a year,
///   plus shared noise, bounded to 0–100.
public enum RunModel {

    /// Simulates one run into `trajectory`, which must have been made for `parameters.horizon`.
    public static func simulate(_ m: ModelParameters, stream: RandomStream, into trajectory: inout RunTrajectory) {
        simulate(m, shocks: YearlyShocks(stream: stream), into: &trajectory)
    }

    /// The intermediate quantities of one year (for `govsim trace`).
    public struct YearTrace: Sendable, Equatable {
        public var year = 0
        /// Adoption aᵢ(t) and maturity Mᵢ(t) of each practice, in ``PracticeKind/allCases`` order.
        public var adoption: [Double] = [], maturity: [Double] = []
        /// Φ(M(t)), the J-curve loss J(t) and the uplift ratio ρ(t).
        public var phi = 0.0, jCurve = 0.0, ratio = 0.0
        /// Cost scale S₀·P·D (S₀·D in spending-trend mode) and the counterfactual labour term ℓ·Π_cf(0)/Π_cf(t).
        public var costScale = 0.0, labourTerm = 0.0
        /// Organisation price index P(t) (base year 1).
        public var price = 0.0
        public var spendingCounterfactual = 0.0, operating = 0.0, investment = 0.0, runCost = 0.0, spending = 0.0
        public var netSavings = 0.0, staffTimeReinvested = 0.0
        public init() {}
    }

    /// Simulates one run with the given yearly shocks (shared with other organisations in a portfolio).
    /// `trace`, if given, receives every year's intermediate quantities.
    public static func simulate(_ m: ModelParameters, shocks: YearlyShocks, into trajectory: inout RunTrajectory,
                                trace: ((YearTrace) -> Void)? = nil) {
        let horizon = m.horizon
        let years = horizon + 1
        precondition(trajectory.years == years, "trajectory made for another horizon")
        let practiceCount = m.practices.count

        // Normalised weights (equal if all are zero).
        let weightSum = m.practices.reduce(0) { $0 + $1.weight }
        let weights = m.practices.map { weightSum > 0 ? $0.weight / weightSum : 1 / Double(practiceCount) }
        let kappa = m.complementarity
        let effect = m.uplift * m.causalShare
        func blend(_ levels: [Double]) -> Double {
            var separable = 0.0, product = 1.0
            for i in 0..<levels.count {
                separable += weights[i] * levels[i]
                product *= max(0, levels[i])
            }
            return (1 - kappa) * separable + kappa * pow(product, 1 / Double(levels.count))
        }
        let starts = m.practices.map(\.start)
        let baseRatio = 1 + effect * blend(starts)

        // Adoption paths (index 0 = base year) and planned progress.
        var adoption = [[Double]](repeating: [Double](repeating: 0, count: years), count: practiceCount)
        var planned = [[Double]](repeating: [Double](repeating: 0, count: years), count: practiceCount)
        for (i, p) in m.practices.enumerated() {
            for t in 0..<years {
                let progress = t == 0 ? 0 : p.curve.progress(Double(t) - m.delay)
                planned[i][t] = progress
                adoption[i][t] = p.start + m.delivery * (p.target - p.start) * progress
            }
        }

        let lag = m.realisationLag
        let window = Int(lag.rounded(.up))
        var maturity = [Double](repeating: 0, count: practiceCount)

        var values = trajectory.values
        @inline(__always) func set(_ metric: Metric, _ t: Int, _ x: Double) { values[metric.index * years + t] = x }

        let s0 = m.spending, labour = m.labourShare, theta = m.captureRate
        var prodCF = 100.0, demand = 1.0, price = 1.0
        // Productivity's trend path without shocks: in spending-trend mode the fitted spending trend
        // already contains past productivity growth, so only shocks move labour cost.
        var trendPath = 100.0
        var sat = m.satisfaction, satCF = m.satisfaction
        var cumulative = 0.0
        let growth = 1 + m.productivityTrend, demandGrowth = 1 + m.demandGrowth, inflation = 1 + m.inflation
        let sigmaP = m.productivityShockSD, sigmaD = m.demandShockSD, sigmaS = m.satisfactionNoiseSD

        for t in 0..<years {
            var surprise = 0.0, noise = 0.0
            if t > 0 {
                let (eP, eD, eS) = shocks.normals(year: t)
                prodCF *= growth * exp(sigmaP * eP - 0.5 * sigmaP * sigmaP)
                trendPath *= growth
                surprise = sigmaD * eD
                if m.spendingTrendMode {
                    // Median path = the trend (no mean correction): a log-linear fit estimates the median.
                    demand *= exp(m.demandGrowth + surprise)
                } else {
                    demand *= demandGrowth * exp(surprise - 0.5 * sigmaD * sigmaD)
                }
                price *= inflation
                noise = sigmaS * eS
            }
            // Maturity and disruption.
            var disruption = 0.0
            for i in 0..<practiceCount {
                let a = adoption[i]
                let base = t - window >= 0 ? a[t - window] : a[0]
                var level = base
                var k = max(1, t - window + 1)
                while k <= t {
                    level += (a[k] - a[k - 1]) * min(1, Double(t - k + 1) / lag)
                    k += 1
                }
                maturity[i] = level
                disruption += weights[i] * max(0, a[t] - level)
            }
            let jCurve = m.jCurveDepth * disruption
            let ratio = (1 + effect * blend(maturity)) / baseRatio * (1 - jCurve)
            let prod = prodCF * ratio

            // Spending.
            let scale = m.spendingTrendMode ? s0 * demand : s0 * price * demand
            let labourCF = labour * (m.spendingTrendMode ? trendPath : 100) / prodCF
            let spendingCF = scale * (labourCF + 1 - labour)
            let operating = scale * (labourCF * (1 - theta * (1 - 1 / ratio)) + 1 - labour)
            var investment = 0.0, runCost = 0.0
            if t > 0 {
                for (i, p) in m.practices.enumerated() {
                    investment += p.investment * m.costOverrun * max(0, p.target - p.start) * (planned[i][t] - planned[i][t - 1])
                    runCost += p.runCost * max(0, adoption[i][t] - p.start)
                }
                investment *= price
                runCost *= price
            }
            let spending = operating + investment + runCost
            // The (1 − θ) share of the freed labour cost that is reinvested, not banked.
            let reinvested = scale * labourCF * (1 - theta) * (1 - 1 / ratio)
            let net = spendingCF - spending
            if t > 0 { cumulative += net }

            // Satisfaction.
            if t > 0 {
                let strainCF = m.strainPerPct * max(0, 100 * surprise)
                let quality = (1 - theta) * 100 * (ratio - 1)
                let cf = m.practices[0], ri = m.practices[2]
                let drift = m.satisfactionTrend * Double(t)
                var target = m.satisfaction + drift
                    + m.customerFocusGain * (maturity[0] - cf.start)
                    + m.rapidIterationGain * (maturity[2] - ri.start)
                    + m.qualityGainPerPct * quality
                    - strainCF - m.strainPerPct * 100 * jCurve
                target = min(100, max(0, target))
                let targetCF = min(100, max(0, m.satisfaction + drift - strainCF))
                let step = min(m.satisfactionMaxChange, max(-m.satisfactionMaxChange, m.satisfactionAdjustment * (target - sat)))
                let stepCF = min(m.satisfactionMaxChange, max(-m.satisfactionMaxChange, m.satisfactionAdjustment * (targetCF - satCF)))
                sat = min(100, max(0, sat + step + noise))
                satCF = min(100, max(0, satCF + stepCF + noise))
            }

            if let trace {
                var y = YearTrace()
                y.year = t
                y.adoption = (0..<practiceCount).map { adoption[$0][t] }
                y.maturity = maturity
                y.phi = blend(maturity)
                y.jCurve = jCurve
                y.ratio = ratio
                y.costScale = scale
                y.labourTerm = labourCF
                y.price = price
                y.spendingCounterfactual = spendingCF
                y.operating = operating
                y.investment = investment
                y.runCost = runCost
                y.spending = spending
                y.netSavings = net
                y.staffTimeReinvested = reinvested
                trace(y)
            }
            set(.productivityIndex, t, prod)
            set(.productivityIndexCounterfactual, t, prodCF)
            set(.productivityGainPct, t, 100 * (ratio - 1))
            set(.spending, t, spending)
            set(.spendingCounterfactual, t, spendingCF)
            set(.spendingReal, t, spending / price)
            set(.netSavingsReal, t, net / price)
            set(.investment, t, investment)
            set(.runCost, t, runCost)
            set(.netSavings, t, net)
            set(.cumulativeNetSavings, t, cumulative)
            set(.staffTimeReinvested, t, reinvested)
            set(.satisfaction, t, sat)
            set(.satisfactionCounterfactual, t, satCF)
            set(.satisfactionGain, t, sat - satCF)
            for (i, kind) in PracticeKind.allCases.enumerated() where i < practiceCount {
                set(Metric.adoption(kind), t, adoption[i][t])
            }
        }
        trajectory.values = values
    }
}
