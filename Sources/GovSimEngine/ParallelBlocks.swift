import Dispatch
import Foundation

/// Runs work over fixed-size blocks of run indices on a chosen number of Dispatch worker
/// threads and returns the blocks' results in block order.
///
/// Blocks are handed to workers from a shared counter, so a fast worker takes more blocks,
/// but each block's result is stored in its own slot and the caller merges them in block
/// order: the output never depends on the number of threads or on scheduling.
package enum ParallelBlocks {
    /// Runs per block. Fixed (not derived from the thread count) so random streams, designs and
    /// merge order are the same for any `--threads`.
    package static let blockSize = 1024

    /// The half-open run range of each block for `runs` runs.
    package static func blocks(runs: Int, blockSize: Int = blockSize) -> [Range<Int>] {
        stride(from: 0, to: runs, by: blockSize).map { $0..<min($0 + blockSize, runs) }
    }

    /// Evaluates `body` for every block index on `threads` workers; results in block order.
    /// `progress` is called after each block with the number of blocks finished so far.
    package static func map<T>(
        blockCount: Int, threads: Int, progress: (@Sendable (Int) -> Void)? = nil,
        _ body: @escaping @Sendable (Int) -> T
    ) -> [T] {
        let box = ResultBox<T>(count: blockCount)
        let workers = max(1, min(threads, blockCount))
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "govsim.blocks", qos: .userInitiated, attributes: .concurrent)
        for _ in 0..<workers {
            queue.async(group: group) {
                while let index = box.claim() {
                    let result = body(index)
                    let done = box.store(result, at: index)
                    progress?(done)
                }
            }
        }
        group.wait()
        return box.results()
    }

    /// Evaluates `body` for every block index on `threads` workers and hands each result to
    /// `consume` in block order, on one thread at a time, as soon as the blocks before it are
    /// done. At most `maxAhead` blocks (by default `2 × threads + 2`) are claimed and not yet
    /// consumed at any moment, so memory stays bounded however many blocks there are.
    package static func forEachOrdered<T>(
        blockCount: Int, threads: Int, _ body: @escaping @Sendable (Int) -> T,
        maxAhead: Int? = nil, consume: @escaping (Int, T) -> Void
    ) {
        let state = OrderedState<T>(maxAhead: max(1, maxAhead ?? 2 * max(1, threads) + 2), consume: consume)
        let workers = max(1, min(threads, blockCount))
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "govsim.blocks.ordered", qos: .userInitiated, attributes: .concurrent)
        for _ in 0..<workers {
            queue.async(group: group) {
                while let index = state.claim(limit: blockCount) {
                    state.deliver(index, body(index))
                }
            }
        }
        group.wait()
    }

    /// Bytes of block results that may wait for the in-order consumer (beyond one a worker).
    package static let waitingBytes = 128.0 * 1024 * 1024

    /// How many blocks ``forEachOrdered(blockCount:threads:_:maxAhead:consume:)`` may have claimed
    /// and not consumed when each run has `cellsPerRun` (metric, year) cells of every
    /// organisation and the total: `2 × threads + 2` for blocks of up to a few MiB (a single
    /// organisation), down to one a worker when a block's values are larger than
    /// ``waitingBytes`` (a portfolio's: 50 organisations × 20 years hold about 160 MiB a block
    /// while it is accumulated), so the blocks in flight stay within `threads` blocks plus
    /// ``waitingBytes``: a worker that finishes a block before the one the consumer needs waits
    /// instead of starting another beside it. The order of consumption, and so the bytes of every
    /// output, does not depend on it.
    package static func maxAhead(threads: Int, cellsPerRun: Int) -> Int {
        let t = max(1, threads)
        let blockBytes = Double(blockSize) * Double(max(1, cellsPerRun)) * 8
        return min(2 * t + 2, t + Int(waitingBytes / blockBytes))
    }

    /// The number of threads to use by default: the machine's active processor count.
    package static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Lock-protected slots for block results and the next-block counter.
///
/// `@unchecked Sendable` is safe: every stored `var` (`slots`, `next`, `finished`) is read and
/// written only while holding `lock`, and each slot's value is written by the one worker that
/// claimed its index and read only by ``results()`` after the workers' group has finished.
final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]
    private var next = 0
    private var finished = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ value: T, at index: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
        finished += 1
        return finished
    }

    func results() -> [T] {
        lock.lock(); defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// Shared state of ``ParallelBlocks/forEachOrdered(blockCount:threads:_:maxAhead:consume:)``.
///
/// `@unchecked Sendable` is safe: every stored `var` is read and written only while holding
/// `condition`; `maxAhead` and `consume` are immutable. `consume` (not `@Sendable`) is called by
/// one thread at a time: only the thread that set `consuming` under the lock calls it, and
/// the lock's release and acquisition order each call before the next, so the state it
/// captures is never touched concurrently.
final class OrderedState<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var next = 0
    private var nextToConsume = 0
    private var consuming = false
    private var ready: [Int: T] = [:]
    private let maxAhead: Int
    private let consume: (Int, T) -> Void

    init(maxAhead: Int, consume: @escaping (Int, T) -> Void) {
        self.maxAhead = maxAhead
        self.consume = consume
    }

    /// The next block to compute, waiting while too many results are pending.
    func claim(limit: Int) -> Int? {
        condition.lock(); defer { condition.unlock() }
        while next < limit && next - nextToConsume >= maxAhead { condition.wait() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }

    /// Stores a result and consumes every result that is next in order (one consumer at a time).
    func deliver(_ index: Int, _ value: T) {
        condition.lock()
        ready[index] = value
        if consuming { condition.unlock(); return }
        consuming = true
        while let item = ready.removeValue(forKey: nextToConsume) {
            let i = nextToConsume
            condition.unlock()
            consume(i, item)
            condition.lock()
            nextToConsume += 1
            condition.broadcast()
        }
        consuming = false
        condition.unlock()
    }
}

/// Follows a computation made of phases, some known only as it goes: called as each phase
/// starts, with its label (e.g. `prior`, or empty), its number of units and their name (`runs`,
/// `regressions`, `inputs`), it returns the callback that receives the units done in that
/// phase so far, or nil.
package typealias PhaseProgress = (_ phase: String, _ total: Int, _ unit: String) -> (@Sendable (Int) -> Void)?
