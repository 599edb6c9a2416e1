extension ParameterCatalog {
    /// Every parameter (all curve kinds, and the factors of a benefit line `benefits.<name>.…`)
    /// with unit, allowed range, default and source, as rows of text:
    /// `path, unit, allowed, default, source, summary`.
    package static func describedRows() -> [[String]] {
        var seen = Set<String>()
        var rows: [[String]] = []
        let all =
            general + spendingTrend
            + PracticeKind.allCases.flatMap { kind in
                [AdoptionCurveKind.bass, .logistic].flatMap { practice(kind, curve: $0) }
            }
        for spec in all where !seen.contains(spec.path) {
            seen.insert(spec.path)
            rows.append([
                spec.path, spec.unit, spec.rangeDescription + (spec.allowsUncertainty ? "" : "; a plain number"),
                describe(spec.defaultValue), spec.source, spec.summary,
            ])
        }
        // Benefit-line factors (``BenefitLine``): one set per line, required, no default.
        for category in BenefitLine.Category.allCases {
            for spec in BenefitLine(name: "<name>", category: category, driver: PracticeKind.allCases[0]).specs
            where !seen.contains(spec.path) {
                seen.insert(spec.path)
                let users = BenefitLine.Category.allCases.filter { $0.factors.contains(String(spec.path.split(separator: ".").last!)) }
                let optional = users.allSatisfy { $0.optionalFactors.contains(String(spec.path.split(separator: ".").last!)) }
                rows.append([
                    spec.path, spec.unit, spec.rangeDescription + (spec.allowsUncertainty ? "" : "; a plain number"),
                    (optional ? "0 (none); optional in a line of category " : "none: required in a line of category ")
                        + users.map(\.rawValue).joined(separator: " or "),
                    spec.source, String(spec.summary.dropFirst("<name>: ".count)),
                ])
            }
        }
        return rows
    }

    /// A distribution in the scenario file's own notation.
    package static func describe(_ d: Distribution) -> String {
        let f = CSVTable.formatNumber
        func r(_ x: Double) -> String { f((x * 1e6).rounded() / 1e6) }
        switch d {
        case .fixed(let v): return f(v)
        case .uniform(let a, let b): return "uniform(min \(r(a)), max \(r(b)))"
        case .triangular(let a, let m, let b): return "triangular(min \(r(a)), mode \(r(m)), max \(r(b)))"
        case .pert(let a, let m, let b, let l): return "pert(min \(r(a)), mode \(r(m)), max \(r(b))\(l == 4 ? "" : ", lambda \(r(l))"))"
        case .normal(let m, let s): return "normal(mean \(r(m)), sd \(r(s)))"
        case .truncatedNormal(let m, let s, let lo, let hi):
            return "truncated_normal(mean \(r(m)), sd \(r(s)), lower \(r(lo)), upper \(r(hi)))"
        case .lognormal(let mu, let sigma):
            return "lognormal(p5 \(r(d.quantile(0.05))), p95 \(r(d.quantile(0.95)))); mu \(r(mu)), sigma \(r(sigma))"
        case .beta(let a, let b, let lo, let hi):
            return "beta(alpha \(r(a)), beta \(r(b))\(lo == 0 && hi == 1 ? "" : ", lower \(r(lo)), upper \(r(hi))"))"
        case .studentT(let loc, let scale, let df): return "student_t(location \(r(loc)), scale \(r(scale)), df \(r(df)))"
        }
    }
}
