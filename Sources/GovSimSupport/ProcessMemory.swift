#if canImport(Glibc)
    import Glibc
#endif

/// The process's heap, for studies that free large amounts of small arrays as they go (the
/// quantile windows of a portfolio's tens of thousands of cells, replaced at every tree
/// combination) or run in phases (`compare`: the simulation, then value of information, then the
/// switching sweeps).
///
/// glibc's allocator keeps memory freed in the middle of its heaps resident (only the top of a
/// heap is given back), and each worker thread allocates from its own arena: the freed windows
/// of one block stay in the resident set while the next block's arrays are placed beside them,
/// so the peak would grow with the allocation history instead of the live data (measured: the
/// 50-organisation portfolio peaked at 1.50 GB against about 1.0 GB live; docs/performance.md).
/// ``returnFreedMemory()`` gives the free pages back.
package enum ProcessMemory {
    /// Returns the heap's free pages to the system: glibc's `malloc_trim(0)` (which since glibc
    /// 2.8 releases free whole pages anywhere in every arena, not only at a heap's top), looked up
    /// at run time because Swift's Glibc module does not export `<malloc.h>`; a no-op where the
    /// C library has none. Changes no value the program computes; costs a walk over the free
    /// chunks (about a millisecond for a heap of 1 GiB), so callers use it between large steps,
    /// not per run.
    package static func returnFreedMemory() {
        #if canImport(Glibc)
            if mallocTrimAddress != 0, let symbol = UnsafeRawPointer(bitPattern: mallocTrimAddress) {
                _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
            }
        #endif
    }

    #if canImport(Glibc)
        private typealias MallocTrim = @convention(c) (Int) -> Int32
        /// The address of `malloc_trim` in the C library the program is linked with (0 if it has
        /// none), found once; kept as an integer, which is Sendable, and called as `MallocTrim`.
        private static let mallocTrimAddress: UInt = {
            guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return 0 }
            return UInt(bitPattern: symbol)
        }()
    #endif
}
