/// `baseline_fits.csv`: the trend fitted to each historical series of a scenario and what it set.
///
/// Columns: `parameter,file,column,n_obs,first_year,last_year,log_growth,log_growth_se,
/// growth_rate,growth_rate_se,intercept,base_year,residual_sd,r_squared,start_year,start_value`.
/// Growth is per year: `log_growth` is ĝ of log value = a + ĝ·(year − base_year), `growth_rate`
/// is e^ĝ − 1; `start_value` is the trend value in the scenario's start year.
package enum BaselineFitsTable {
    package static let header = [
        "parameter", "file", "column", "n_obs", "first_year", "last_year", "log_growth", "log_growth_se",
        "growth_rate", "growth_rate_se", "intercept", "base_year", "residual_sd", "r_squared",
        "start_year", "start_value",
    ]

    package static func make(_ scenario: Scenario) -> CSVTable {
        var table = CSVTable(header: header)
        for b in scenario.baselineFits {
            let f = b.fit
            table.append([
                .text(b.reference.parameter), .text(b.reference.file), .text(b.reference.column), .integer(f.count),
                .integer(b.firstYear), .integer(b.lastYear), .number(f.logGrowthRate), .number(f.logGrowthRateStandardError),
                .number(f.growthRate), .number(f.growthRateStandardError), .number(f.intercept), .number(f.baseYear),
                .number(f.residualStandardDeviation), .number(f.rSquared), .integer(scenario.startYear), .number(b.startValue),
            ])
        }
        return table
    }
}
