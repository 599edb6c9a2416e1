import Foundation

/// Replaces a scenario's references to external data with the parameters they imply:
/// historical series become fitted trends, a fit's coefficients become effect priors.
///
/// The resolver does no file I/O itself: the caller supplies `read`, which returns a file's bytes
/// for a path as written in the scenario (the CLI resolves it relative to the scenario file).
///
/// - Spending history: a log-linear trend log S = a + g·(year − year₀) (``TrendFit``, LAPACK QR).
///   `baseline.spending` becomes the trend value in the start year, `baseline.spending_trend`
///   becomes Normal(ĝ, se(ĝ)) — so each run samples its growth from the coefficient's sampling
///   distribution — and `baseline.spending_noise_sd` the residual SD.
/// - Productivity history (an index): `baseline.productivity_trend` becomes
///   Normal(e^ĝ − 1, e^ĝ·se(ĝ)) (delta method) and `baseline.productivity_shock_sd` the residual SD.
/// - Satisfaction history: `baseline.satisfaction` becomes the trend value in the start year
///   (within 0–100), `baseline.satisfaction_trend` Normal(s₀(e^ĝ − 1), s₀e^ĝ·se(ĝ)) points a year,
///   and `satisfaction.noise_sd` the residual SD times s₀.
/// - Effect priors from a fit: with coefficients βᵢ (per unit of adoption of practice i) and
///   standard errors seᵢ, the full-adoption uplift is U = Σβᵢ with SE √Σseᵢ² (coefficients
///   treated as independent: coefficients.csv has no covariances), as a normal truncated to
///   U ≥ 0, or a Student t with the fit's residual degrees of freedom; the practice weights
///   become βᵢ/Σβ, and complementarity 0 (the fit is additive) unless the scenario sets it.
///
/// Every derived value must pass the range check of the parameter it sets, exactly as a value
/// written in the scenario (``DerivedValueCheck``: a growth beyond ±0.5 a year, an infinite trend
/// value, a residual SD beyond the noise parameter's range, an uplift beyond 10); standard errors
/// must be positive, history years whole years from 1000 to 3000, and t degrees of freedom within
/// ``DistributionLimits``. Nothing is clamped silently except the satisfaction start level (to
/// 0–100).
package enum ScenarioDataResolver {
    /// Resolves every reference. Throws ``ScenarioError`` with the location of the reference in
    /// the scenario file, or ``DataTableError`` naming the data file's row and column.
    package static func resolve(_ scenario: Scenario, scenarioFile: String, read: (String) throws -> Data) throws -> Scenario {
        var s = scenario
        func fail(_ line: Int, _ column: Int, _ message: String, _ hint: String) -> ScenarioError {
            ScenarioError([Diagnostic(file: scenarioFile, line: line, column: column, message: message, hint: hint)])
        }
        for reference in scenario.histories {
            let data: Data
            do { data = try read(reference.file) } catch {
                throw fail(
                    reference.line, reference.columnInFile, "\(reference.parameter): cannot read history file \(reference.file): \(error)",
                    "check the path; it is relative to the scenario file")
            }
            let table = try DataTable(data: data, fileName: reference.file)
            let years = try table.yearColumn(reference.yearColumn)
            let values = try table.numericColumn(reference.column)
            let fit: TrendFit
            do { fit = try TrendFit(years: years, values: values) } catch {
                throw fail(
                    reference.line, reference.columnInFile,
                    "\(reference.parameter): history \(reference.file) column \(reference.column): \(error)",
                    "correct the data file")
            }
            let startValue = fit.trendValue(atYear: Double(s.startYear))
            let g = fit.logGrowthRate, se = fit.logGrowthRateStandardError, resid = fit.residualStandardDeviation
            // Every derived value passes the range check of the parameter it sets, as if it had
            // been written in the scenario at the reference.
            func derived(_ path: String, _ value: Double, _ what: String) throws -> Double {
                if let problem = DerivedValueCheck.problem(value, path: path, what: what) {
                    throw fail(
                        reference.line, reference.columnInFile,
                        "\(reference.parameter): the history \(reference.file) (column \(reference.column)) gives \(problem)",
                        "check that the column holds one series in one unit throughout and its years are right, or give \(path) in the scenario instead of a history"
                    )
                }
                return value
            }
            func trend(_ path: String, mean: Double, sd: Double, what: String) throws -> Distribution {
                let spec = DerivedValueCheck.spec(path)!
                _ = try derived(path, mean, what)
                guard sd.isFinite else { _ = try derived(path, sd, "the standard error of \(what)"); return .fixed(mean) }
                return sd > 0 ? .truncatedNormal(mean: mean, sd: sd, lower: spec.lower, upper: spec.upper) : .fixed(mean)
            }
            switch reference.parameter {
            case "baseline.spending":
                s["baseline.spending"] = .fixed(try derived("baseline.spending", startValue, "a trend value in \(s.startYear)"))
                s["baseline.spending_trend"] = try trend("baseline.spending_trend", mean: g, sd: se, what: "a log growth rate")
                s["baseline.spending_noise_sd"] = .fixed(try derived("baseline.spending_noise_sd", resid, "a residual SD"))
            case "baseline.productivity_trend":
                let mean = expm1(g), sd = exp(g) * se
                s["baseline.productivity_trend"] = try trend("baseline.productivity_trend", mean: mean, sd: sd, what: "a growth rate")
                s["baseline.productivity_shock_sd"] = .fixed(try derived("baseline.productivity_shock_sd", resid, "a residual SD"))
                s.explicitPaths.insert("baseline.productivity_shock_sd")
            case "baseline.satisfaction":
                // The start level is clamped to 0–100 (an index extrapolated a little beyond its
                // scale), but it must be finite.
                let level = try derived(
                    "baseline.satisfaction", startValue.isFinite ? min(100, max(0, startValue)) : startValue,
                    "a trend value in \(s.startYear)")
                s["baseline.satisfaction"] = .fixed(level)
                let mean = level * expm1(g), sd = level * exp(g) * se
                s["baseline.satisfaction_trend"] = try trend("baseline.satisfaction_trend", mean: mean, sd: sd, what: "a yearly change")
                s["satisfaction.noise_sd"] = .fixed(try derived("satisfaction.noise_sd", resid * level, "a residual SD"))
                s.explicitPaths.formUnion(["baseline.satisfaction_trend", "satisfaction.noise_sd"])
            default:
                break
            }
            s.explicitPaths.insert(reference.parameter)
            s.baselineFits.append(
                BaselineFit(
                    reference: reference, fit: fit, firstYear: Int(years.min()!), lastYear: Int(years.max()!),
                    startValue: startValue))
        }
        if let prior = scenario.fitPrior {
            try applyFitPrior(prior, to: &s, scenarioFile: scenarioFile, read: read)
        }
        s.histories = []
        s.fitPrior = nil
        return s
    }

    static func applyFitPrior(_ prior: FitPriorReference, to s: inout Scenario, scenarioFile: String, read: (String) throws -> Data) throws
    {
        func fail(_ message: String, _ hint: String) -> ScenarioError {
            ScenarioError([Diagnostic(file: scenarioFile, line: prior.line, column: prior.columnInFile, message: message, hint: hint)])
        }
        let data: Data
        do { data = try read(prior.file) } catch {
            throw fail("effects.from_fit: cannot read \(prior.file): \(error)", "check the path; it is relative to the scenario file")
        }
        let table = try DataTable(data: data, fileName: prior.file)
        let termIndex = try table.columnIndex("term")
        let estimates = try table.numericColumn("estimate")
        let errors = try table.numericColumn("std_error")
        let scale = prior.unit == .percent ? 0.01 : 1
        var betas: [PracticeKind: (Double, Double)] = [:]
        for (row, cells) in table.rows.enumerated() {
            guard let kind = PracticeKind(rawValue: cells[termIndex]) else { continue }
            guard errors[row] > 0 else {
                throw fail(
                    "effects.from_fit: \(prior.file) line \(table.lineNumbers[row]) gives \(kind.rawValue) a std_error of \(CSVTable.formatNumber(errors[row])), but a standard error must be positive",
                    "use the coefficients.csv that govsim fit wrote, or set effects.full_adoption_uplift by hand")
            }
            betas[kind] = (estimates[row] * scale, errors[row] * scale)
        }
        let missing = PracticeKind.allCases.filter { betas[$0] == nil }.map(\.rawValue)
        guard missing.isEmpty else {
            throw fail(
                "effects.from_fit: \(prior.file) has no coefficient for \(missing.joined(separator: ", "))",
                "fit with --predictors \(PracticeKind.allCases.map(\.rawValue).joined(separator: ","))")
        }
        for kind in PracticeKind.allCases where !(betas[kind]!.0 > 0) {
            let beta = betas[kind]!.0
            throw fail(
                "effects.from_fit: the coefficient of \(kind.rawValue) is \(CSVTable.formatNumber(beta / scale)), but an effect weight must be positive",
                "remove the practice from the fit's question or set effects.full_adoption_uplift and the weights by hand")
        }
        // Summed in PracticeKind.allCases order, never in the Dictionary's: its iteration order
        // changes from process to process, and floating-point addition is not associative.
        let ordered = PracticeKind.allCases.map { betas[$0]! }
        let total = ordered.reduce(0) { $0 + $1.0 }
        let se = ordered.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
        let unitNote = prior.unit == .percent ? " (the coefficients are read as percent; use `unit: share` if they are shares)" : ""
        if let problem = DerivedValueCheck.problem(total, path: "effects.full_adoption_uplift", what: "a sum of coefficients")
            ?? DerivedValueCheck.problem(se, path: "effects.full_adoption_uplift", what: "a standard error of that sum")
        {
            throw fail(
                "effects.from_fit: \(prior.file) gives \(problem)\(unitNote)",
                "check that the fit's response is the productivity gain, or set effects.full_adoption_uplift by hand")
        }
        switch prior.form {
        case .normal:
            s["effects.full_adoption_uplift"] = .truncatedNormal(mean: total, sd: se, lower: 0, upper: 10)
        case .t:
            var df = prior.degreesOfFreedom
            if df == nil {
                let statisticsPath =
                    (prior.file as NSString).deletingLastPathComponent.isEmpty
                    ? "statistics.csv"
                    : ((prior.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("statistics.csv")
                // A statistics.csv that exists must be readable: its errors name its row.
                if let statsData = try? read(statisticsPath) {
                    let stats = try DataTable(data: statsData, fileName: statisticsPath)
                    let nameIndex = try stats.columnIndex("statistic")
                    if let row = stats.rows.firstIndex(where: { $0[nameIndex] == "df_residual" }) {
                        let valueIndex = try stats.columnIndex("value")
                        guard let value = DataTable.number(from: stats.rows[row][valueIndex]) else {
                            throw stats.cellError(cell: stats.rows[row][valueIndex], line: stats.lineNumbers[row], column: valueIndex)
                        }
                        df = value
                    }
                }
            }
            guard let df, df > 0 else {
                throw fail(
                    "effects.from_fit: the t form needs degrees of freedom, and no statistics.csv with df_residual was found beside \(prior.file)",
                    "add `df: <residual degrees of freedom>` under from_fit")
            }
            if let problem = DistributionLimits.studentTDegreesOfFreedomProblem(df) {
                throw fail(
                    "effects.from_fit: the fit's degrees of freedom are \(CSVTable.formatNumber(df)); \(problem)",
                    "use `distribution: normal` under from_fit (a t with that many degrees of freedom is a normal)")
            }
            s["effects.full_adoption_uplift"] = .studentT(location: total, scale: se, df: df)
        }
        for kind in PracticeKind.allCases {
            s["effects.weights.\(kind.rawValue)"] = .fixed(betas[kind]!.0 / total)
        }
        if !s.explicitPaths.contains("effects.complementarity") { s["effects.complementarity"] = .fixed(0) }
        s.explicitPaths.insert("effects.full_adoption_uplift")
    }
}
