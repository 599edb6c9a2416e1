/// One value for each ``PracticeKind``, addressed by kind (`practices[.customerFocus]`), never by
/// a position that would silently change meaning when a practice is added.
///
/// Stored in ``PracticeKind/allCases`` order; iterating yields the values in that order, and
/// ``values`` exposes them as an array for code that keeps arrays parallel to it.
package struct PerPractice<Value>: Sequence {
    /// The values in ``PracticeKind/allCases`` order (`values[kind.position]` is `self[kind]`).
    package private(set) var values: [Value]

    /// A value for every practice, made by `make` in ``PracticeKind/allCases`` order.
    package init(_ make: (PracticeKind) throws -> Value) rethrows {
        values = try PracticeKind.allCases.map(make)
    }

    /// The value of practice `kind`.
    package subscript(kind: PracticeKind) -> Value {
        get { values[kind.position] }
        set { values[kind.position] = newValue }
    }

    /// The number of practices.
    package var count: Int { values.count }

    /// The (kind, value) pairs in ``PracticeKind/allCases`` order.
    package var pairs: Zip2Sequence<[PracticeKind], [Value]> { zip(PracticeKind.allCases, values) }

    package func makeIterator() -> IndexingIterator<[Value]> { values.makeIterator() }
}

extension PerPractice: Sendable where Value: Sendable {}
extension PerPractice: Equatable where Value: Equatable {}
