import Foundation

/// `appraisal.csv`: per plan variant, the economic and financial case of the appraisal
/// (``AppraisalSummary``) in tidy long form
/// `variant,case,measure,statistic,value,unit,price_basis`.
///
/// Cases: `financial` (Exchequer, cash) and `economic` (social value). Measures:
/// `pv_benefits_cash_releasing`, `pv_benefits_staff_time_reinvested`, one
/// `pv_benefits_line_<name>` per benefit line of the scenario (economic case only; 0 in the
/// financial case, as the lines release no cash), `pv_benefits_residual_value`,
/// `pv_benefits`, `pv_costs_investment`, `pv_costs_run_cost`, `pv_costs` (statistic `mean`);
/// `npv` (NPV in the financial case, net present social value in the economic case; statistics
/// `mean` = mean PV benefits − mean PV costs, `sd`, `p5` … `p95`, `mc_se`, `prob_positive`);
/// `bcr` (statistic `ratio_of_means`: mean PV benefits ÷ mean PV costs, the Green Book ratio);
/// `bcr_per_run` (the spread of per-run ratios over runs with a cost: `mean`, `p5`, `p50`,
/// `p95`; not the BCR); `payback_year` (`share_<calendar year>` per appraised year,
/// `share_never`, `median` as a calendar year, empty if most runs never pay back). A
/// `costs` block gives the contingency figures: `cumulative_cost_nominal` (investment + run cost
/// summed over the simulated years, nominal) and `pv_costs` at `p50`, `p80`, `p90`. A last
/// `financial_by_year` block gives the financial case by year, nominal and real
/// (``appendYearly(variant:yearly:scenario:to:)``). A last `settings` block records the
/// conventions (`discounting`, `period_end_year`, `benefit_decay`, `gdp_deflator`,
/// `residual_years`, `financial_year_start_month`).
package enum AppraisalTable {
    package static let header = ["variant", "case", "measure", "statistic", "value", "unit", "price_basis"]

    /// Appends the rows of one variant; with the variant's yearly summaries (`yearly`), also the
    /// financial case by year (``appendYearly(variant:yearly:scenario:to:)``) before the settings.
    package static func append(
        variant: String, summary: AppraisalSummary, scenario: Scenario,
        yearly: [Metric: [QuantileSummary]]? = nil, to table: inout CSVTable
    ) {
        let money = scenario.currency
        let settings = summary.settings
        let basis = "real \(scenario.startYear) prices, present value at \(scenario.startYear) (\(settings.schedule.kind.rawValue))"
        func row(_ caseName: String, _ measure: String, _ statistic: String, _ value: CSVTable.Cell, _ unit: String, _ priceBasis: String) {
            table.append([.text(variant), .text(caseName), .text(measure), .text(statistic), value, .text(unit), .text(priceBasis)])
        }
        for (name, c) in [("financial", summary.financial), ("economic", summary.economic)] {
            let lines = scenario.benefitLines.enumerated().map { k, line in
                ("pv_benefits_line_\(line.name)", k < c.benefitLines.count ? c.benefitLines[k] : 0)
            }
            for (measure, value) in [
                ("pv_benefits_cash_releasing", c.cashReleasing),
                ("pv_benefits_staff_time_reinvested", c.staffTimeReinvested),
            ] + lines
                + [
                    ("pv_benefits_residual_value", c.residualValue), ("pv_benefits", c.benefits),
                    ("pv_costs_investment", c.investment), ("pv_costs_run_cost", c.runCost), ("pv_costs", c.costs),
                ]
            {
                row(name, measure, "mean", .number(value), money, basis)
            }
            let q = c.npvDistribution
            var stats: [(String, Double)] = [("mean", c.npv), ("sd", q.standardDeviation)]
            for (p, v) in zip(["p5", "p25", "p50", "p75", "p95"], q.quantiles) { stats.append((p, v)) }
            stats.append(("mc_se", q.standardError))
            for (statistic, value) in stats { row(name, "npv", statistic, .number(value), money, basis) }
            row(name, "npv", "prob_positive", .number(c.probabilityPositive), "probability", basis)
            row(name, "bcr", "ratio_of_means", c.benefitCostRatio.map(CSVTable.Cell.number) ?? .empty, "ratio", basis)
            if let r = c.perRunRatios {
                for (statistic, value) in [("mean", r.mean), ("p5", r.p5), ("p50", r.p50), ("p95", r.p95)] {
                    row(name, "bcr_per_run", statistic, .number(value), "ratio", basis)
                }
            }
            for year in 1..<c.paybackShares.count {
                row(
                    name, "payback_year", "share_\(scenario.startYear + year)", .number(c.paybackShares[year]), "share of runs",
                    "discounted, cumulative")
            }
            row(name, "payback_year", "share_never", .number(c.paybackNever), "share of runs", "discounted, cumulative")
            row(
                name, "payback_year", "median", c.paybackMedian.map { .integer(scenario.startYear + $0) } ?? .empty, "calendar year",
                "discounted, cumulative")
        }
        for (k, p) in ["p50", "p80", "p90"].enumerated() {
            row(
                "costs", "cumulative_cost_nominal", p, .number(summary.cumulativeCostQuantiles[k]), money,
                "nominal, undiscounted, \(scenario.startYear + 1)–\(scenario.startYear + min(scenario.horizon, settings.period))")
        }
        for (k, p) in ["p50", "p80", "p90"].enumerated() {
            row("costs", "pv_costs", p, .number(summary.pvCostQuantiles[k]), money, basis)
        }
        if let yearly { appendYearly(variant: variant, yearly: yearly, scenario: scenario, to: &table) }
        // The schedule's name is the statistic and `value` stays empty: a number column holds numbers only.
        row(
            "settings", "discounting", settings.schedule.kind.rawValue, .empty, "",
            settings.schedule.kind == .flat
                ? "flat \(CSVTable.formatNumber(settings.schedule.rate(year: 1))) real" : "Green Book declining STPR")
        row("settings", "period_end_year", "value", .integer(scenario.startYear + settings.period), "calendar year", "")
        row(
            "settings", "benefit_decay", "value", .number(settings.benefitDecay), "share per year",
            "after \(scenario.startYear + scenario.horizon)")
        row("settings", "gdp_deflator", "value", .number(settings.gdpDeflator), "per year", "")
        row("settings", "residual_years", "value", .number(settings.residualYears), "years", "")
        row(
            "settings", "financial_year_start_month", "value", .integer(scenario.financialYears.startMonth), "month",
            scenario.financialYears.basisDescription)
    }

    /// The measures of the financial case by year, in the order written.
    package static let yearlyMeasures = ["cash_releasing_savings", "investment", "run_cost", "net_cash_benefit"]

    /// The financial (Exchequer) case by year over the simulated years: case `financial_by_year`,
    /// measures ``yearlyMeasures`` (cash-releasing savings = counterfactual − actual spending +
    /// investment + run cost; net cash benefit = cash-releasing savings − investment − run cost =
    /// net savings), statistic `mean_<period>` (the mean over runs), each once `nominal` and once
    /// in `real <base year> prices` (divided by the GDP deflator index (1 + g)^t, undiscounted).
    /// Periods are calendar years, or financial years from `appraisal.financial_year_start_month`
    /// split pro rata (``FinancialYears``); means add, so the split of the means is the mean of the
    /// split.
    package static func appendYearly(variant: String, yearly: [Metric: [QuantileSummary]], scenario: Scenario, to table: inout CSVTable) {
        guard let net = yearly[.netSavings], let inv = yearly[.investment], let run = yearly[.runCost] else { return }
        let years = scenario.financialYears
        let h = min(net.count, inv.count, run.count) - 1
        guard h >= 1 else { return }
        let investment = inv.prefix(h + 1).map(\.mean), runCost = run.prefix(h + 1).map(\.mean)
        let netBenefit = net.prefix(h + 1).map(\.mean)
        let savings: [Double] = (0...h).map { (t: Int) -> Double in netBenefit[t] + investment[t] + runCost[t] }
        let g = scenario.appraisal.gdpDeflator
        let index = (0...h).map { pow(1 + g, Double($0)) }
        let periods = years.periods(firstYear: scenario.startYear, first: 1, last: h)
        let label = years.isCalendar ? "calendar year" : "financial year from month \(years.startMonth)"
        for (basis, deflate) in [("nominal", false), ("real \(scenario.startYear) prices", true)] {
            for (measure, values) in zip(yearlyMeasures, [savings, investment, runCost, netBenefit]) {
                let v = deflate ? zip(values, index).map { $0 / $1 } : values
                for p in periods {
                    table.append([
                        .text(variant), .text("financial_by_year"), .text(measure), .text("mean_\(p.label)"),
                        .number(years.value(p, of: v)), .text("\(scenario.currency) per \(label)"),
                        .text("\(basis), undiscounted" + (years.isCalendar ? "" : ", pro rata from calendar years")),
                    ])
                }
            }
        }
    }

    /// The appraisal summary of a set of budgets (those without an appraisal are skipped).
    package static func summary(_ budgets: [BudgetMeasures], scenario: Scenario) -> AppraisalSummary {
        AppraisalSummary(budgets.compactMap(\.appraisal), settings: scenario.appraisal)
    }

    /// The appraisal summary of runs gathered in columns.
    package static func summary(_ budgets: BudgetColumns, scenario: Scenario) -> AppraisalSummary {
        AppraisalSummary(budgets.appraisal, settings: scenario.appraisal)
    }

    /// The appraisal table of a single simulation.
    package static func make(_ result: SimulationResult) -> CSVTable {
        make(result, summary: summary(result.budgets, scenario: result.scenario))
    }

    /// The appraisal table of a single simulation with its appraisal summary (``OutputSummaries``).
    package static func make(_ result: SimulationResult, summary: AppraisalSummary) -> CSVTable {
        var table = CSVTable(header: header)
        append(variant: result.scenario.name, summary: summary, scenario: result.scenario, yearly: result.summary, to: &table)
        return table
    }
}
