/// A shard's `aggregate.bin`: ``ShardAggregate`` in a compact, versioned binary encoding.
///
/// Layout (every integer and double little-endian; doubles as their IEEE-754 bits, so every value
/// comes back bit for bit):
/// - header: the 8 bytes `GOVSIMAG`, u32 format version (``formatVersion``), u32 years, u32
///   metrics, u32 organisations (0 without a portfolio), u32 discount rates, u8 appraisal (1: every run is appraised),
///   u32 benefit lines, u32 correlated inputs, u64 first block, u64 end block, u64 runs;
/// - per stream (the total, then each organisation): u32 nodes; per node u8 level, u64 index, then
///   per cell (metric-major, as ``TrajectoryAccumulator``): u64 count, f64 mean, f64 m2, u64
///   positive, u64 negative, u8 windows (0 for no runs, else one per quantile), per window u64
///   start, u32 length and `length` f64 values;
/// - per run, in run order: f64 × rates NPV, f64 cumulative investment, u16 payback year (0:
///   never), u8 has a benefit–cost ratio and then its f64, f64 final-year productivity gain; per
///   appraisal case (financial, economic) f64 cash-releasing, staff time reinvested,
///   residual value, investment, run cost, final benefit, u16 payback year (0: none), f64 × lines
///   benefit lines, then f64 nominal cumulative cost;
/// - per correlated input, every run's value (f64, run order).
///
/// About 8 × (rates + 22 + 2 × lines + correlated inputs) bytes a run besides the nodes (a few
/// megabytes), against 8 × (inputs + cells) for a run's raw values.
extension ShardAggregate {
    /// The version of the encoding written; a shard of another is refused (re-run it).
    package static let formatVersion = 1
    static let magic = Array("GOVSIMAG".utf8)

    /// The encoding of this aggregate.
    package func encoded() -> [UInt8] {
        var w = Writer()
        let appraisal = budgets.first?.appraisal
        let lines = appraisal?.economic.benefitLines.count ?? 0
        w.bytes.append(contentsOf: Self.magic)
        w.u32(Self.formatVersion)
        let years = total.first?.accumulator.years ?? 0
        w.u32(years)
        w.u32(Metric.allCases.count)
        w.u32(organisations.count)
        w.u32(budgets.first?.npv.count ?? 0)
        w.u8(appraisal == nil ? 0 : 1)
        w.u32(lines)
        w.u32(correlated.count)
        w.u64(firstBlock)
        w.u64(endBlock)
        w.u64(budgets.count)
        for stream in [total] + organisations {
            w.u32(stream.count)
            for node in stream {
                w.u8(node.level)
                w.u64(node.index)
                let a = node.accumulator.sealed()
                for cell in 0..<a.moments.count {
                    let m = a.moments[cell], q = a.windows[cell]
                    w.u64(m.count)
                    w.f64(m.mean)
                    w.f64(m.m2)
                    w.u64(q.positive)
                    w.u64(q.negative)
                    w.u8(q.windows.count)
                    for window in q.windows {
                        w.u64(window.start)
                        w.u32(window.values.count)
                        for x in window.values { w.f64(x) }
                    }
                }
            }
        }
        for b in budgets {
            for x in b.npv { w.f64(x) }
            w.f64(b.cumulativeInvestment)
            w.u16(b.paybackYear ?? 0)
            w.u8(b.benefitCostRatio == nil ? 0 : 1)
            if let r = b.benefitCostRatio { w.f64(r) }
            w.f64(b.finalProductivityGainPct)
            if let a = b.appraisal {
                for c in [a.financial, a.economic] {
                    for x in [c.cashReleasing, c.staffTimeReinvested, c.residualValue, c.investment, c.runCost, c.finalBenefit] { w.f64(x) }
                    w.u16(c.paybackYear ?? 0)
                    for x in c.benefitLines { w.f64(x) }
                }
                w.f64(a.cumulativeCostNominal)
            }
        }
        for column in correlated { for x in column { w.f64(x) } }
        return w.bytes
    }

    /// An `aggregate.bin` that is not the aggregate of the shard it belongs to.
    package struct DecodeError: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    /// Decodes the aggregate of the blocks `firstBlock..<endBlock` of a run of `runs` runs of
    /// `plan`, refusing anything else: another format version, another shape (years, metrics,
    /// organisations, discount rates, appraisal, correlated inputs), nodes that are not the
    /// canonical decomposition of those blocks or do not hold their runs, windows or moments that
    /// cannot be those of their runs, payback years outside the horizon or appraisal period, and
    /// bytes missing or left over. Never allocates more than the bytes given can fill.
    package static func decode(_ bytes: [UInt8], plan: PlanSimulator, runs: Int, firstBlock: Int, endBlock: Int) throws -> ShardAggregate {
        var r = Reader(bytes: bytes)
        func fail(_ message: String) -> DecodeError { DecodeError(description: message) }
        guard bytes.count >= 8, Array(bytes[0..<8]) == magic else { throw fail("does not start with GOVSIMAG (not a shard aggregate)") }
        r.offset = 8
        let version = try r.u32()
        guard version == formatVersion else {
            throw fail("is in format \(version), this govsim reads format \(formatVersion)")
        }
        let s = plan.scenario
        let years = s.horizon + 1
        let organisationCount = plan.isPortfolio ? plan.organisationNames.count : 0
        let correlatedCount = ResultAssembler.correlatedIndices(plan).count
        let shape = (try r.u32(), try r.u32(), try r.u32(), try r.u32(), try r.u8())
        // Every run of a plan is appraised (``PlanSimulator``): the appraisal flag is 1.
        guard shape == (years, Metric.allCases.count, organisationCount, s.discountRates.count, 1) else {
            throw fail(
                "holds \(shape.0) years, \(shape.1) metrics, \(shape.2) organisations, \(shape.3) discount rates and appraisal \(shape.4), not the scenario's \(years), \(Metric.allCases.count), \(organisationCount), \(s.discountRates.count) and 1"
            )
        }
        let lines = try r.u32()
        guard lines <= 4096 else { throw fail("holds \(lines) benefit lines") }
        let correlatedGiven = try r.u32()
        guard correlatedGiven == correlatedCount else {
            throw fail("holds \(correlatedGiven) correlated inputs, not the scenario's \(correlatedCount)")
        }
        let first = try r.u64(), end = try r.u64(), runCount = try r.u64()
        let blockSize = ParallelBlocks.blockSize
        let expectedRuns = min(endBlock * blockSize, runs) - firstBlock * blockSize
        guard first == firstBlock, end == endBlock, runCount == expectedRuns else {
            throw fail(
                "holds blocks \(first)..<\(end) (\(runCount) runs), not the shard's \(firstBlock)..<\(endBlock) (\(expectedRuns) runs)")
        }
        let canonical = canonicalNodes(firstBlock..<endBlock)
        let cells = Metric.allCases.count * years
        let quantiles = QuantileSummary.probabilities.count

        func stream() throws -> [TrajectoryAggregate.Node] {
            let count = try r.u32()
            guard count == canonical.count else { throw fail("holds \(count) tree nodes where the shard's blocks make \(canonical.count)") }
            var nodes: [TrajectoryAggregate.Node] = []
            for expected in canonical {
                let level = try r.u8(), index = try r.u64()
                guard level == expected.level, index == expected.index else {
                    throw fail("holds tree node (\(level), \(index)) where (\(expected.level), \(expected.index)) belongs")
                }
                let covered = (index + 1) << level  // inside the shard's blocks (canonical)
                let nodeRuns = min(covered * blockSize, runs) - (index << level) * blockSize
                var moments: [MomentAccumulator] = []
                var windows: [QuantileWindows] = []
                moments.reserveCapacity(cells)
                windows.reserveCapacity(cells)
                for cell in 0..<cells {
                    let n = try r.u64(), mean = try r.f64(), m2 = try r.f64(), positive = try r.u64(), negative = try r.u64()
                    let windowCount = try r.u8()
                    guard n == nodeRuns, windowCount == (n == 0 ? 0 : quantiles), let m = MomentAccumulator(count: n, mean: mean, m2: m2)
                    else {
                        throw fail("holds a cell \(cell) of tree node (\(level), \(index)) that is not the summary of its \(nodeRuns) runs")
                    }
                    var list: [QuantileWindows.Window] = []
                    for _ in 0..<windowCount {
                        let start = try r.u64(), length = try r.u32()
                        guard length <= n, r.remaining >= 8 * length else { throw fail("ends inside a quantile window") }
                        var values = [Double](repeating: 0, count: length)
                        for i in 0..<length { values[i] = try r.f64() }
                        list.append(.init(start: start, values: values))
                    }
                    guard let w = QuantileWindows(count: n, positive: positive, negative: negative, windows: list) else {
                        throw fail(
                            "holds quantile windows of cell \(cell) of tree node (\(level), \(index)) that cannot be those of its runs")
                    }
                    moments.append(m)
                    windows.append(w)
                }
                guard let accumulator = TrajectoryAccumulator(years: years, moments: moments, windows: windows) else {
                    throw fail("holds tree node (\(level), \(index)) of the wrong size")
                }
                nodes.append(.init(level: level, index: index, accumulator: accumulator))
            }
            return nodes
        }
        let total = try stream()
        var organisations: [[TrajectoryAggregate.Node]] = []
        for _ in 0..<organisationCount { organisations.append(try stream()) }

        let rates = s.discountRates.count, horizon = s.horizon, period = s.appraisal.period
        // The smallest run (no ratio): refuse a run count the bytes left cannot hold before reserving.
        let smallest = 8 * (rates + 2) + 3 + 2 * (6 * 8 + 2 + 8 * lines) + 8 + 8 * correlatedCount
        guard r.remaining >= runCount * smallest else { throw fail("ends before its \(runCount) runs' values") }
        var budgets: [BudgetMeasures] = []
        budgets.reserveCapacity(runCount)
        for run in 0..<runCount {
            var npv = [Double](repeating: 0, count: rates)
            for i in 0..<rates { npv[i] = try r.f64() }
            let investment = try r.f64()
            let payback = try r.u16()
            guard payback <= horizon else {
                throw fail("gives run \(firstBlock * blockSize + run) payback year \(payback), beyond the horizon")
            }
            let hasRatio = try r.u8()
            guard hasRatio <= 1 else { throw fail("is damaged at run \(firstBlock * blockSize + run)") }
            let ratio = hasRatio == 1 ? try r.f64() : nil
            let gain = try r.f64()
            var appraisal: RunAppraisal?
            do {
                var cases: [RunAppraisal.CaseValues] = []
                for _ in 0..<2 {
                    var c = RunAppraisal.CaseValues()
                    c.cashReleasing = try r.f64()
                    c.staffTimeReinvested = try r.f64()
                    c.residualValue = try r.f64()
                    c.investment = try r.f64()
                    c.runCost = try r.f64()
                    c.finalBenefit = try r.f64()
                    let year = try r.u16()
                    guard year <= period else {
                        throw fail("gives run \(firstBlock * blockSize + run) appraisal payback year \(year), beyond the period")
                    }
                    c.paybackYear = year == 0 ? nil : year
                    var values = [Double](repeating: 0, count: lines)
                    for k in 0..<lines { values[k] = try r.f64() }
                    c.benefitLines = values
                    cases.append(c)
                }
                var a = RunAppraisal(financial: cases[0], economic: cases[1])
                a.cumulativeCostNominal = try r.f64()
                appraisal = a
            }
            budgets.append(
                BudgetMeasures(
                    npv: npv, cumulativeInvestment: investment, paybackYear: payback == 0 ? nil : payback,
                    benefitCostRatio: ratio, appraisal: appraisal, finalProductivityGainPct: gain))
        }
        var correlated: [[Double]] = []
        for _ in 0..<correlatedCount {
            guard r.remaining >= 8 * runCount else { throw fail("ends before its correlated inputs") }
            var column = [Double](repeating: 0, count: runCount)
            for i in 0..<runCount { column[i] = try r.f64() }
            correlated.append(column)
        }
        guard r.remaining == 0 else { throw fail("has \(r.remaining) bytes after its last value") }
        return ShardAggregate(
            firstBlock: firstBlock, endBlock: endBlock, total: total, organisations: organisations,
            budgets: budgets, correlated: correlated)
    }

    /// Appends little-endian values.
    struct Writer {
        var bytes: [UInt8] = []
        mutating func u8(_ x: Int) { bytes.append(UInt8(x)) }
        mutating func u16(_ x: Int) { withUnsafeBytes(of: UInt16(x).littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func u32(_ x: Int) { withUnsafeBytes(of: UInt32(x).littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func u64(_ x: Int) { withUnsafeBytes(of: UInt64(x).littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func f64(_ x: Double) { withUnsafeBytes(of: x.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    }

    /// Reads little-endian values, refusing to read past the end.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var remaining: Int { bytes.count - offset }

        mutating func take(_ n: Int) throws -> UInt64 {
            guard remaining >= n else { throw DecodeError(description: "ends after \(bytes.count) bytes, inside a value") }
            if n == 8 {
                let x = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
                offset += 8
                return x
            }
            var x: UInt64 = 0
            for k in 0..<n { x |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
            offset += n
            return x
        }
        mutating func u8() throws -> Int { Int(try take(1)) }
        mutating func u16() throws -> Int { Int(try take(2)) }
        mutating func u32() throws -> Int { Int(try take(4)) }
        /// A count or index: at most 2⁶², so arithmetic on it cannot overflow.
        mutating func u64() throws -> Int {
            let x = try take(8)
            guard x <= 1 << 62 else { throw DecodeError(description: "holds the count \(x), larger than any run") }
            return Int(x)
        }
        mutating func f64() throws -> Double { Double(bitPattern: try take(8)) }
    }
}
