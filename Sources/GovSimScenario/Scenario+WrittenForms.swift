extension Scenario {
    /// The parameter at `path` as the scenario file wrote it (``WrittenDistribution/text``), or
    /// nil when the file did not set it or its value was replaced since (by a fit of a history,
    /// `effects.from_fit`, an override or a variant): then only the distribution in effect
    /// describes it.
    package func writtenForm(of path: String) -> String? {
        guard let written = writtenForms[path], parameters[path] == written.value else { return nil }
        return written.text
    }

    /// The parameter at `path` for a reader: as written in the file when it still holds that
    /// value, else the distribution in effect in scenario notation (``ParameterCatalog/describe(_:)``).
    package func describedAsWritten(_ path: String) -> String {
        writtenForm(of: path) ?? ParameterCatalog.describe(self[path])
    }
}
