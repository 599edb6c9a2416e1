/// The option tables of `govsim compare` (``OptionsAppraisal``).
///
/// `options.csv`: one row per option in comparison order, money in the scenario's currency, real
/// base-year prices, present values at the base year: `option`, `pv_costs`,
/// `pv_benefits_cash_releasing`, `pv_benefits_staff_time_reinvested`, `pv_benefits_lines` (all the
/// scenario's benefit lines, ``BenefitLine``; 0 without lines), `pv_benefits_residual_value`,
/// `npv` (financial case, mean), `npsv` (economic case, mean), `bcr_financial`, `bcr_economic`
/// (ratios of mean PVs), `prob_npv_positive`, `prob_npsv_positive`, `prob_best` (highest NPSV in
/// a run), `prob_best_npv` (highest NPV in a run), `payback_median_year` (economic case, discounted; empty if most runs never pay back),
/// `delta_npv`, `delta_npv_se`, `delta_npsv`, `delta_npsv_se` (paired mean differences from the
/// baseline and their Monte Carlo standard errors; empty for the baseline), `rank_npsv` (1 = highest).
///
/// `value_of_information.csv`: `measure` (`evpi` or `evppi`), `input` (empty for EVPI), `value`,
/// `se`, `unit` (currency, NPSV, real base-year prices).
package enum OptionsTable {
    package static func make(_ a: OptionsAppraisal, scenario: Scenario) -> CSVTable {
        var table = CSVTable(header: [
            "option", "pv_costs", "pv_benefits_cash_releasing", "pv_benefits_staff_time_reinvested",
            "pv_benefits_lines", "pv_benefits_residual_value", "npv", "npsv", "bcr_financial", "bcr_economic",
            "prob_npv_positive", "prob_npsv_positive", "prob_best", "prob_best_npv", "payback_median_year",
            "delta_npv", "delta_npv_se", "delta_npsv", "delta_npsv_se", "rank_npsv",
        ])
        let order = a.options.indices.sorted {
            a.options[$0].summary.economic.npv != a.options[$1].summary.economic.npv
                ? a.options[$0].summary.economic.npv > a.options[$1].summary.economic.npv : $0 < $1
        }
        var rank = [Int](repeating: 0, count: a.options.count)
        for (r, i) in order.enumerated() { rank[i] = r + 1 }
        func optional(_ x: Double?) -> CSVTable.Cell { x.map(CSVTable.Cell.number) ?? .empty }
        for (i, o) in a.options.enumerated() {
            let f = o.summary.financial, e = o.summary.economic
            table.append([
                .text(o.name), .number(e.costs), .number(e.cashReleasing), .number(e.staffTimeReinvested),
                .number(e.benefitLines.reduce(0, +)), .number(e.residualValue),
                .number(f.npv), .number(e.npv), optional(f.benefitCostRatio), optional(e.benefitCostRatio),
                .number(f.probabilityPositive), .number(e.probabilityPositive), .number(o.probabilityBest), .number(o.probabilityBestNPV),
                e.paybackMedian.map { .integer(scenario.startYear + $0) } ?? .empty,
                optional(o.deltaNPV?.mean), optional(o.deltaNPV?.standardError),
                optional(o.deltaNPSV?.mean), optional(o.deltaNPSV?.standardError), .integer(rank[i]),
            ])
        }
        return table
    }

    /// `switching_values.csv` of `govsim compare` (``OptionSwitchingStudy``): one row per input,
    /// `input,unit,central,low,high,baseline,mean_base,mean_at_low,mean_at_high,change_at_low,change_at_high,preferred,runner_up,difference_base,difference_at_low,difference_at_high,switching_value,currency`.
    ///
    /// `mean_*` are the baseline option's mean NPSV as given and with the input at its low / high
    /// sweep value, `change_at_*` their differences from `mean_base` (the money tornado);
    /// `difference_*` the mean NPSV of `preferred` (highest mean NPSV) minus `runner_up` (second);
    /// `switching_value` the input value between low and high at which they are equal (empty if
    /// the preferred option does not change within the sweep). Money: NPSV in the scenario's
    /// currency, real base-year prices.
    package static func switching(_ study: OptionSwitchingStudy, scenario: Scenario) -> CSVTable {
        var table = CSVTable(header: [
            "input", "unit", "central", "low", "high", "baseline", "mean_base", "mean_at_low", "mean_at_high",
            "change_at_low", "change_at_high", "preferred", "runner_up", "difference_base",
            "difference_at_low", "difference_at_high", "switching_value", "currency",
        ])
        let currency = "\(scenario.currency), NPSV, real \(scenario.startYear) prices"
        for r in study.rows {
            table.append([
                .text(r.input), .text(r.unit), .number(r.central), .number(r.low), .number(r.high), .text(study.baseline),
                .number(study.baselineMean), .number(r.baselineAtLow), .number(r.baselineAtHigh),
                .number(r.baselineAtLow - study.baselineMean), .number(r.baselineAtHigh - study.baselineMean),
                .text(study.preferred), .text(study.runnerUp), .number(study.difference), .number(r.differenceAtLow),
                .number(r.differenceAtHigh), r.switchingValue.map(CSVTable.Cell.number) ?? .empty, .text(currency),
            ])
        }
        return table
    }

    package static func valueOfInformation(_ a: OptionsAppraisal, scenario: Scenario) -> CSVTable {
        var table = CSVTable(header: ["measure", "input", "value", "se", "unit"])
        let unit = "\(scenario.currency), NPSV, real \(scenario.startYear) prices"
        table.append([.text("evpi"), .empty, .number(a.evpi.value), .number(a.evpi.standardError), .text(unit)])
        for (input, e) in a.evppi { table.append([.text("evppi"), .text(input), .number(e.value), .number(e.standardError), .text(unit)]) }
        return table
    }
}
