/// A parameter's value as the scenario file wrote it: a plain number, or a distribution's name
/// with its parameters in file order, each number as its source text (in the scenario's units,
/// `1.0` stays `1.0`, a lognormal given by `p5` and `p95` keeps them), together with the
/// ``Distribution`` it was read as.
///
/// The report shows ``text`` rather than the distribution govsim samples from (which may be
/// normalised: a lognormal's μ and σ, a truncated normal's default bounds), so that a reader can
/// find the line of the file it came from. ``value`` lets a reader of the scenario tell whether
/// the parameter still holds what was written (a fit, an override or a variant may replace it).
package struct WrittenDistribution: Sendable, Equatable {
    /// One parameter of the distribution: its key as written (`min`, `p5`) and its number's text.
    package struct Parameter: Sendable, Equatable {
        package var key: String
        package var text: String
        package init(key: String, text: String) {
            self.key = key
            self.text = text
        }
    }

    /// The distribution's name (`pert`, `lognormal`), or nil for a plain number.
    package var kind: String?
    /// The parameters in file order; for a plain number or `{fixed: x}` one, keyed `value`.
    package var parameters: [Parameter]
    /// The distribution read from these parameters.
    package var value: Distribution

    /// The longest number text kept as written; the loader records a longer one (thousands of
    /// digits) in govsim's shortest round-trip form instead, so one field cannot flood the report.
    package static let maximumNumberLength = 32

    /// `source` as written, or `number` in shortest round-trip form when `source` is longer
    /// than ``maximumNumberLength``.
    package static func numberText(_ source: String, _ number: Double) -> String {
        source.count <= maximumNumberLength ? source : CSVTable.formatNumber(number)
    }

    package init(kind: String?, parameters: [Parameter], value: Distribution) {
        self.kind = kind
        self.parameters = parameters
        self.value = value
    }

    /// `pert(min 0.5, mode 0.8, max 1.0)`; a plain number or `{fixed: 3}` as its number, `3`.
    package var text: String {
        guard let kind, kind != "fixed" else { return parameters.first?.text ?? "" }
        return "\(kind)(" + parameters.map { "\($0.key) \($0.text)" }.joined(separator: ", ") + ")"
    }
}
