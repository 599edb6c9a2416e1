import Dispatch
import Foundation

/// Runs work over fixed-size blocks of run indices on a chosen number of Dispatch worker
/// threads and returns the blocks' results in block order.
///
/// Blocks are handed to workers from a shared counter, so a fast worker takes more blocks,
/// but each block's result is stored in its own slot and the caller merges them in block
/// order: the output never depends on the number of threads or on scheduling.
public enum ParallelBlocks {
    /// Runs per block. Fixed (not derived from the thread count) so random streams, designs and
    /// merge order are the same for any `--threads`.
    public static let blockSize = 1024

    /// The half-open run range of each block for `runs` runs.
    public static func blocks(runs: Int, blockSize: Int = blockSize) -> [Range<Int>] {
        stride(from: 0, to: runs, by: blockSize).map { $0..<min($0 + blockSize, runs) }
    }

    /// Evaluates `body` for every block index on `threads` workers; results in block order.
    /// `progress` is called after each block with the number of blocks finished so far.
    public static func map<T>(blockCount: Int, threads: Int, progress: (@Sendable (Int) -> Void)? = nil,
                              _ body: @escaping @Sendable (Int) -> T) -> [T] {
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

    /// The number of threads to use by default: the machine's active processor count.
    public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Lock-protected slots for block results and the next-block counter.
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
