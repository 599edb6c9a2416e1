/// One value for each ``PracticeKind``, addressed by kind (`practices[.customerFocus]`), never by
/// a position that would silently change meaning when a practice is added.
///
/// Stored in ``PracticeKind/allCases`` order; iterating yields the values in that order, and
/// ``values`` exposes them as an array for code that keeps arrays parallel to it.
///
/// Public and inlinable, so that the model's optimised code specialises it: every model run
/// builds its parameters as `PerPractice` values, and the unspecialised generic calls across the
/// module boundary took about a sixth of a run's time. (`@inlinable package` declarations are
/// accepted but not inlined by clients, as of Swift 6.3.)
public struct PerPractice<Value>: Sequence {
    @usableFromInline var storage: [Value]

    /// The values in ``PracticeKind/allCases`` order (`values[kind.position]` is `self[kind]`).
    @inlinable public var values: [Value] { storage }

    /// A value for every practice, made by `make` in ``PracticeKind/allCases`` order.
    @inlinable public init(_ make: (PracticeKind) throws -> Value) rethrows {
        storage = try PracticeKind.ordered.map(make)
    }

    /// The value of practice `kind`.
    @inlinable public subscript(kind: PracticeKind) -> Value {
        get { storage[kind.position] }
        set { storage[kind.position] = newValue }
    }

    /// The number of practices.
    @inlinable public var count: Int { storage.count }

    /// The (kind, value) pairs in ``PracticeKind/allCases`` order.
    @inlinable public var pairs: Zip2Sequence<[PracticeKind], [Value]> { zip(PracticeKind.ordered, storage) }

    @inlinable public func makeIterator() -> IndexingIterator<[Value]> { storage.makeIterator() }
}

extension PerPractice: Sendable where Value: Sendable {}
extension PerPractice: Equatable where Value: Equatable {}
