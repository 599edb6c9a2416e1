/// The appraisal of the options of a comparison (`govsim compare`): each option's economic and
/// financial case, the chance that it is the best option (highest NPSV, and highest NPV, in a run), its paired
/// differences from the baseline with their common-random-number standard errors, and the value
/// of information for the choice: EVPI and the EVPPI of each uncertain input of the baseline
/// (``ValueOfInformation``), both for the economic case (NPSV), the social-value decision.
///
/// Business as usual (no programme) is always an option: if the comparison has no
/// `no-programme` variant, it is added last with every present value 0 in every run (no
/// programme has no costs and no benefits relative to itself), which is exact, not simulated.
package struct OptionsAppraisal: Sendable {
    /// One option.
    package struct Option: Sendable {
        package let name: String
        package let summary: AppraisalSummary
        /// Share of runs in which this option has the highest NPSV (ties to the first option).
        package let probabilityBest: Double
        /// Share of runs in which this option has the highest NPV, the financial case (ties to
        /// the first option).
        package let probabilityBestNPV: Double
        /// Paired differences from the baseline of NPV and NPSV (nil for the baseline).
        package let deltaNPV: QuantileSummary?
        package let deltaNPSV: QuantileSummary?
    }

    package let options: [Option]
    package let baselineIndex: Int
    /// EVPI of the choice between the options (NPSV).
    package let evpi: ValueOfInformation.Estimate
    /// EVPPI of each uncertain input of the baseline, largest first (inputs that could not be
    /// regressed, such as constants, are left out).
    package let evppi: [(input: String, estimate: ValueOfInformation.Estimate)]

    package init(_ result: ComparisonResult, coefficientDraws: Int = 100) {
        baselineIndex = result.baselineIndex
        var appraisals = result.outcomes.map(\.budgets.appraisal)
        var names = result.outcomes.map(\.name)
        var settings = result.outcomes.map { $0.scenario.appraisal }
        if !names.contains(Variant.noProgrammeName) {
            let zero = RunAppraisal(financial: RunAppraisal.CaseValues(), economic: RunAppraisal.CaseValues())
            let period = result.baseline.scenario.appraisal.period
            var none = AppraisalColumns(period: period)
            none.reserve(appraisals[result.baselineIndex].count)
            for _ in 0..<appraisals[result.baselineIndex].count { none.add(zero) }
            appraisals.append(none)
            names.append(Variant.noProgrammeName)
            settings.append(result.baseline.scenario.appraisal)
        }
        let npsv = appraisals.map(\.economic.npv)
        let npv = appraisals.map(\.financial.npv)
        let n = npsv.first?.count ?? 0
        // Wins per option of the highest value in each run (ties to the first option).
        func wins(_ values: [[Double]]) -> [Int] {
            var wins = [Int](repeating: 0, count: values.count)
            for i in 0..<n {
                var best = 0
                for d in 1..<values.count where values[d][i] > values[best][i] { best = d }
                wins[best] += 1
            }
            return wins
        }
        let winsNPSV = wins(npsv), winsNPV = wins(npv)
        let base = result.baselineIndex
        options = names.indices.map { v in
            let paired = v != base
            return Option(
                name: names[v], summary: AppraisalSummary(appraisals[v], settings: settings[v]),
                probabilityBest: Double(winsNPSV[v]) / Double(max(1, n)),
                probabilityBestNPV: Double(winsNPV[v]) / Double(max(1, n)),
                deltaNPV: paired ? QuantileSummary(zip(npv[v], npv[base]).map { $0 - $1 }) : nil,
                deltaNPSV: paired ? QuantileSummary(zip(npsv[v], npsv[base]).map { $0 - $1 }) : nil)
        }
        evpi = ValueOfInformation.evpi(npsv)
        var values: [(String, ValueOfInformation.Estimate)] = []
        for (name, column) in zip(result.inputNames, result.inputs) where column.count == n {
            guard let e = try? ValueOfInformation.evppi(npsv, input: column, coefficientDraws: coefficientDraws) else { continue }
            values.append((name, e))
        }
        evppi = values.enumerated().sorted { a, b in
            a.element.1.value != b.element.1.value ? a.element.1.value > b.element.1.value : a.offset < b.offset
        }.map { (input: $0.element.0, estimate: $0.element.1) }
    }
}
