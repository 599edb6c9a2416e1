/// `calibration.csv`: the output layer renders the engine's ``CalibrationResult``.
extension CalibrationResult {
    /// `calibration.csv` (`statistic,value`).
    package func table() -> CSVTable {
        var t = CSVTable(header: ["statistic", "value"])
        let rows: [(String, CSVTable.Cell)] = [
            ("leader_adoption", .number(leaderAdoption)), ("peer_adoption", .number(peerAdoption)),
            ("gap_p5_pct", .number(p5)), ("gap_p50_pct", .number(p50)), ("gap_p95_pct", .number(p95)),
            ("gap_mean_pct", .number(mean)),
            ("gap_lower_pct", .number(lower)), ("gap_upper_pct", .number(upper)),
            ("gap_lower_mc_se_pct", .number(lowerSE)), ("gap_upper_mc_se_pct", .number(upperSE)),
            ("target_low_pct", .number(targetLowPct)), ("target_high_pct", .number(targetHighPct)),
            ("coverage", .number(coverage)), ("tolerance_pct", .number(CalibrationStudy.tolerancePct)),
            ("within_tolerance", .integer(passed ? 1 : 0)), ("runs", .integer(runs)), ("seed", .text(String(seed))),
        ]
        for (k, v) in rows { t.append([.text(k), v]) }
        return t
    }
}
