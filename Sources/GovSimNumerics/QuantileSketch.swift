/// The values of one output cell (a metric in a year) over runs, kept exactly while there are at
/// most `capacity` of them and summarised beyond that by a mergeable, deterministic sketch.
///
/// Exact mode stores every value; quantiles are then exact type-7 sample quantiles. When a merge
/// makes the count exceed `capacity`, the merged sorted list is compressed to `capacity` items
/// of equal weight n/capacity, taken at the ranks (j + ½)·n/capacity (a deterministic
/// compactor in the manner of Manku, Rajagopalan & Lindsay 1998). Each compression moves any
/// rank by at most n/capacity, so after L compression levels the rank error is at most
/// L/capacity of n. The engine merges blocks of 1,024 runs as a binary counter (equal sizes
/// merge), so L ≤ log₂(runs/capacity) + 1: with capacity 8,192 and a million runs, L ≤ 7 and
/// the rank error ≤ 0.00086 (checked in the tests against exact quantiles).
public struct QuantileSketch: Sendable, Equatable {
    /// Items kept in compressed mode; 8,192 bounds the rank error by 0.001 up to ~4 million runs.
    public static let defaultCapacity = 8192

    public let capacity: Int
    /// Values (exact mode) or equal-weight items (compressed), sorted unless ``isSorted`` is false.
    public private(set) var items: [Double] = []
    /// Number of values summarised.
    public private(set) var count: Int = 0
    /// Number of compressions any item has been through (0 in exact mode).
    public private(set) var compressionLevels: Int = 0
    private(set) var isSorted = true

    public init(capacity: Int = Int.max) {
        self.capacity = capacity
    }

    public var isExact: Bool { compressionLevels == 0 }
    /// Upper bound of the rank error as a share of the count.
    public var rankErrorBound: Double { isExact ? 0 : Double(compressionLevels) / Double(capacity) }

    /// Adds one value (exact mode only; the engine adds within a block, then merges blocks).
    public mutating func append(_ x: Double) {
        precondition(isExact, "append to a compressed sketch")
        items.append(x)
        count += 1
        isSorted = false
    }

    public mutating func reserve(_ n: Int) { items.reserveCapacity(n) }

    mutating func sort() {
        if !isSorted { items.sort(); isSorted = true }
    }

    /// Merges `other` (values of other runs) into this sketch, compressing if over capacity.
    public mutating func merge(_ other: QuantileSketch) {
        var other = other
        if isExact && other.isExact && count + other.count <= capacity {
            items.append(contentsOf: other.items)
            count += other.count
            isSorted = false
            return
        }
        sort()
        other.sort()
        let wa = count > 0 ? Double(count) / Double(items.count) : 0
        let wb = other.count > 0 ? Double(other.count) / Double(other.items.count) : 0
        let total = count + other.count
        let n = Double(total)
        var out = [Double](repeating: 0, count: min(capacity, total))
        // Walk both weighted lists in order; item j of the output sits at rank (j + ½)·n/k.
        let k = out.count
        var i = 0, j = 0, cumulative = 0.0
        for slot in 0..<k {
            let target = (Double(slot) + 0.5) * n / Double(k)
            while true {
                let takeA: Bool
                if i < items.count && j < other.items.count { takeA = items[i] <= other.items[j] }
                else { takeA = i < items.count }
                let w = takeA ? wa : wb
                let v = takeA ? items[i] : other.items[j]
                if cumulative + w >= target || (i + j + 1) >= items.count + other.items.count {
                    out[slot] = v
                    break
                }
                cumulative += w
                if takeA { i += 1 } else { j += 1 }
            }
        }
        let levels = max(compressionLevels, other.compressionLevels) + (total > capacity ? 1 : 0)
        items = out
        count = total
        compressionLevels = levels
        isSorted = true
    }

    /// The sorted items (exact values in exact mode).
    public mutating func sortedItems() -> [Double] {
        sort()
        return items
    }
}
