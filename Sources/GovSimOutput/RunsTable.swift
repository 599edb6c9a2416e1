/// `runs.csv`: one row per run with its sampled uncertain inputs (one column per input, named by
/// its scenario path) and its key results.
package enum RunsTable {
    package static let resultColumns = [
        "final_productivity_gain_pct", "cumulative_net_savings", "final_satisfaction",
        "final_satisfaction_gain", "total_investment", "npv_net_savings", "payback_year", "benefit_cost_ratio",
    ]

    package static func make(_ result: SimulationResult) -> CSVTable {
        var table = CSVTable(header: ["run"] + result.inputNames + resultColumns)
        for r in result.records { table.append(row(r, startYear: result.scenario.startYear)) }
        return table
    }

    /// The header line (with its newline) for these input names.
    package static func headerLine(inputNames: [String]) -> String {
        CSVTable(header: ["run"] + inputNames + resultColumns).render()
    }

    /// The CSV lines of some records (for writing `runs.csv` in pieces).
    package static func lines<C: Collection>(_ records: C, startYear: Int) -> String where C.Element == RunRecord {
        var out = ""
        for r in records {
            var first = true
            for cell in row(r, startYear: startYear) {
                if !first { out += "," }
                first = false
                out += CSVTable.format(cell)
            }
            out += "\n"
        }
        return out
    }

    /// The CSV lines of some records as UTF-8 bytes: the same bytes as ``lines(_:startYear:)``,
    /// written straight into one buffer (no cell or string per value), for the workers that
    /// format runs.csv block by block.
    package static func bytes<C: Collection>(_ records: C, startYear: Int) -> [UInt8] where C.Element == RunRecord {
        var out: [UInt8] = []
        out.reserveCapacity(records.count * (8 + 24 * ((records.first?.inputs.count ?? 0) + resultColumns.count)))
        func cell(_ x: Double) {
            out.append(comma)
            appendNumber(x, to: &out)
        }
        for r in records {
            appendInteger(r.run, to: &out)
            for x in r.inputs { cell(x) }
            cell(r.finalProductivityGainPct)
            cell(r.cumulativeNetSavings)
            cell(r.finalSatisfaction)
            cell(r.finalSatisfactionGain)
            cell(r.totalInvestment)
            cell(r.budget.npv[0])
            out.append(comma)
            // Empty for a run that never pays back within the horizon (a number column holds numbers only).
            if let year = r.budget.paybackYear { appendInteger(startYear + year, to: &out) }
            out.append(comma)
            if let ratio = r.budget.benefitCostRatio { appendNumber(ratio, to: &out) }
            out.append(newline)
        }
        return out
    }

    private static let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")

    /// Appends ``CSVTable/formatNumber(_:)`` of `x`.
    static func appendNumber(_ x: Double, to out: inout [UInt8]) {
        if x.isNaN { out.append(contentsOf: "NaN".utf8); return }
        if x.isInfinite { out.append(contentsOf: (x > 0 ? "Inf" : "-Inf").utf8); return }
        if x == 0 { out.append(UInt8(ascii: "0")); return }
        if x == x.rounded(), abs(x) < 1e15 { appendInteger(Int(x), to: &out); return }
        // Copied from the string's contiguous UTF-8 in one piece (appending its `utf8` view
        // went byte by byte).
        var text = x.description
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends the decimal digits of `n` (with a minus sign when negative).
    static func appendInteger(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(digits[i]) }
        }
    }

    static func row(_ r: RunRecord, startYear: Int) -> [CSVTable.Cell] {
        [.integer(r.run)] + r.inputs.map { .number($0) } + [
            .number(r.finalProductivityGainPct), .number(r.cumulativeNetSavings), .number(r.finalSatisfaction),
            .number(r.finalSatisfactionGain), .number(r.totalInvestment), .number(r.budget.npv[0]),
            r.budget.paybackYear.map { .integer(startYear + $0) } ?? .empty,
            r.budget.benefitCostRatio.map { .number($0) } ?? .empty,
        ]
    }
}
