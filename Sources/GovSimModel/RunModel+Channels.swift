extension RunModel {
    /// `docs/model.md`, "Benefit lines and channels": the real value B(t) of one benefit line in
    /// year `t` (currency, base-year prices; 0 in the base year).
    ///
    /// - `legacy`: B(t) = R_L if the mean achieved adoption of the drivers has reached the
    ///   decommissioning level a_L in some year 1 … t, else 0; plus the replacement cost K_L in
    ///   year Y_L (1 ≤ Y_L < H) if decommissioned by then (the counterfactual replaces the legacy
    ///   system anyway, the programme does not). Y_L must be before the horizon: the final year is
    ///   extended beyond it, and a one-off must not be.
    /// - every other category: **B(t) = V · (1/|D|)·Σ_{i∈D} max(0, Mᵢ(t) − sᵢ) / (Tᵢ − sᵢ)** over the
    ///   drivers D (a driver with Tᵢ ≤ sᵢ contributes 0).
    static func benefitLineValue(
        _ line: ModelParameters.BenefitLineValue, _ m: ModelParameters, adoption: [[Double]],
        maturity: [Double], year t: Int
    ) -> Double {
        guard t > 0 else { return 0 }
        let practices = m.practices.values
        let share = 1 / Double(line.drivers.count)
        if line.category == .legacy {
            let f = line.factors
            let runCost = f[0], level = f[1], replacement = f[2], replacementYear = Int(f[3].rounded())
            var decommissionedIn: Int?
            for k in 1...t {
                let a = line.drivers.reduce(0) { $0 + adoption[$1][k] } * share
                if a >= level { decommissionedIn = k; break }
            }
            guard decommissionedIn != nil else { return 0 }
            let replaced = replacementYear >= 1 && replacementYear < m.horizon && t == replacementYear ? replacement : 0
            return runCost + replaced
        }
        var r = 0.0
        for i in line.drivers {
            let p = practices[i]
            let planned = p.target - p.start
            if planned > 0 { r += max(0, maturity[i] - p.start) / planned }
        }
        return line.fullValue * r * share
    }
}
