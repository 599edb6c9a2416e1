/// A failure reported by a LAPACK routine through its `INFO` argument.
///
/// `info < 0` means argument number `-info` was invalid, which is a bug in govsim's wrapper,
/// never a property of the data; `info > 0` has a routine-specific meaning (for example an
/// exactly zero diagonal element of a triangular matrix, or an SVD that did not converge),
/// given in ``reason``.
package struct LAPACKError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The Fortran routine name, e.g. `"dtrtri"`.
    package let routine: String
    /// The routine's `INFO` value (non-zero).
    package let info: Int
    /// What the non-zero `INFO` means for this routine.
    package let reason: String

    package init(routine: String, info: Int, reason: String? = nil) {
        self.routine = routine
        self.info = info
        if let reason {
            self.reason = reason
        } else if info < 0 {
            self.reason = "argument \(-info) had an illegal value (a bug in govsim; please report it)"
        } else {
            self.reason = "failed with INFO = \(info)"
        }
    }

    package var description: String { "LAPACK \(routine): \(reason)" }
}

/// Converts a dimension to the 32-bit `INTEGER` of the reference LAPACK ABI.
@inline(__always)
func lapackInt(_ value: Int) -> Int32 {
    precondition(value >= 0 && value <= Int(Int32.max), "dimension \(value) does not fit LAPACK's 32-bit INTEGER")
    return Int32(value)
}

/// A Fortran `CHARACTER*1` argument.
@inline(__always)
func lapackChar(_ c: Unicode.Scalar) -> CChar {
    CChar(bitPattern: UInt8(ascii: c))
}

/// The optimal workspace size from a workspace query (`LWORK = -1`), at least `minimum`.
@inline(__always)
func lapackWorkspaceSize(_ query: Double, minimum: Int) -> Int {
    let size = query.isFinite ? Int(query.rounded(.up)) : minimum
    return max(size, minimum, 1)
}
