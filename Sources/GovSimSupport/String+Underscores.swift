extension String {
    /// The text with each `_` written as a space (`customer_focus` → `customer focus`), for
    /// labels made from identifiers.
    package func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
