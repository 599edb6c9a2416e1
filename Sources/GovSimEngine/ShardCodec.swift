/// Encodes the runs of a block for a shard's `runs.bin` and decodes them for `govsim merge`.
///
/// Each run is a fixed number of little-endian IEEE-754 doubles: the run index, the uncertain
/// inputs (``PlanSimulator/inputCount``), the total trajectory (metrics × years, metric-major)
/// and each organisation's trajectory in a portfolio. Budget measures and records are derived
/// from these on merge exactly as in a run, so merged outputs equal the unsharded ones byte for
/// byte when quantiles are exact.
public struct ShardCodec: Sendable {
    let inputs: Int
    let cells: Int
    let organisations: Int
    let plan: PlanSimulator

    public init(plan: PlanSimulator) {
        self.plan = plan
        inputs = plan.inputCount
        cells = Metric.allCases.count * (plan.scenario.horizon + 1)
        organisations = plan.isPortfolio ? plan.organisationNames.count : 0
    }

    /// Doubles per run.
    var width: Int { 1 + inputs + cells * (1 + organisations) }
    /// Bytes per run in `runs.bin`.
    public var bytesPerRun: Int { 8 * width }

    func encode(run: Int, _ work: PlanRun, into out: inout [UInt8]) {
        func put(_ x: Double) { withUnsafeBytes(of: x.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        put(Double(run))
        for x in work.inputs { put(x) }
        for x in work.total.values { put(x) }
        for trajectory in work.organisations { for x in trajectory.values { put(x) } }
    }

    /// An error in a shard file.
    public struct DecodeError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Decodes the runs of one block, which must be exactly the runs `expected` in order:
    /// a run index that is not the next expected one (out of range, repeated, reordered, not a
    /// whole number, NaN) or a size that is not `expected.count` runs is refused.
    public func decode(_ bytes: [UInt8], expected: Range<Int>) throws -> [(Int, PlanRun)] {
        let stride = width * 8
        guard bytes.count == expected.count * stride else {
            throw DecodeError(description: "a block of \(bytes.count) bytes is not the \(expected.count) runs of \(stride) bytes expected; the shard file is damaged or from another scenario")
        }
        var out: [(Int, PlanRun)] = []
        out.reserveCapacity(expected.count)
        var offset = 0
        func take() -> Double {
            var bits: UInt64 = 0
            for k in 0..<8 { bits |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
            offset += 8
            return Double(bitPattern: bits)
        }
        for run in expected {
            let index = take()
            guard index == Double(run) else {
                throw DecodeError(description: "run \(run) is recorded with run index \(CSVTable.formatNumber(index)); the shard file is damaged")
            }
            var work = plan.makeRun()
            work.inputs = (0..<inputs).map { _ in take() }
            for i in 0..<cells { work.total.values[i] = take() }
            for o in 0..<organisations { for i in 0..<cells { work.organisations[o].values[i] = take() } }
            work.budget = BudgetMeasures(trajectory: work.total, discountRates: plan.scenario.discountRates, appraisal: plan.scenario.appraisal)
            out.append((run, work))
        }
        return out
    }
}
