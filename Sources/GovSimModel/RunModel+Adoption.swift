extension RunModel {
    /// Section 1 of `docs/model.md`, "Adoption": each practice's achieved adoption
    /// **aᵢ(t) = sᵢ + δ·(Tᵢ − sᵢ)·Pᵢ(t − d)** and planned progress pᵢ(t) = Pᵢ(t − d), for years
    /// 0 … `years` − 1 (both 0 progress in the base year).
    ///
    /// - Returns: per practice, in ``PracticeKind/allCases`` order (parallel to
    ///   ``ModelParameters/practices``' values), the adoption and the planned progress by year.
    static func adoptionPaths(_ m: ModelParameters, years: Int) -> (adoption: [[Double]], planned: [[Double]]) {
        var adoption = [[Double]](repeating: [Double](repeating: 0, count: years), count: m.practices.count)
        var planned = adoption
        adoptionPaths(m, years: years, into: &adoption, planned: &planned)
        return (adoption, planned)
    }

    /// ``adoptionPaths(_:years:)`` written into arrays of one array of `years` values per practice
    /// (no allocation when they are not shared).
    static func adoptionPaths(_ m: ModelParameters, years: Int, into adoption: inout [[Double]], planned: inout [[Double]]) {
        precondition(adoption.count == m.practices.count && planned.count == m.practices.count)
        for (i, p) in m.practices.values.enumerated() {
            for t in 0..<years {
                let progress = t == 0 ? 0 : p.curve.progress(Double(t) - m.delay)
                planned[i][t] = progress
                adoption[i][t] = p.start + m.delivery * (p.target - p.start) * progress
            }
        }
    }
}
