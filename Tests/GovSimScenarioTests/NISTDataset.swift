import Foundation

@testable import GovSimScenario

/// One NIST StRD linear least-squares dataset, parsed from the original `.dat` file in
/// `Tests/GovSimScenarioTests/Resources/nist-strd/` (located through `#filePath`).
///
/// The header's "Certified Values (lines a to b)" and "Data (lines c to d)" say where things
/// are. The model line (`y = B0 + B1*x + ...`) tells whether there is an intercept (B0); a
/// dataset with a single x column and more slope parameters than one is a polynomial, whose
/// design columns x, x², …, x^k are built here.
struct NISTDataset {
    let name: String
    let certifiedEstimates: [Double]
    let certifiedStandardErrors: [Double]
    let certifiedResidualSD: Double
    let certifiedRSquared: Double
    let hasIntercept: Bool
    /// Predictor column names (x1…xk) and their values, in model order.
    let predictorNames: [String]
    let predictors: [[Double]]
    let response: [Double]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/nist-strd")

    init(_ name: String) throws {
        self.name = name
        let text = try String(contentsOf: NISTDataset.folder.appendingPathComponent("\(name).dat"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        func range(_ label: String) throws -> ClosedRange<Int> {
            guard let line = lines.prefix(12).first(where: { $0.hasPrefix(label) }),
                let match = line.range(of: #"lines\s+(\d+)\s+to\s+(\d+)"#, options: .regularExpression)
            else {
                throw NSError(domain: "NIST", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(name): no '\(label)' line"])
            }
            let numbers = line[match].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            return numbers[0]...numbers[1]
        }
        let certified = try range("Certified Values")
        // "File Format:   ASCII" shares the line with nothing else; the data range line starts with "Data".
        let dataLine = lines.prefix(12).firstIndex { $0.hasPrefix("Data") && $0.contains("lines") }!
        let numbers = lines[dataLine].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let data = numbers[0]...numbers[1]

        var estimates: [Double] = [], errors: [Double] = []
        var residualSD = Double.nan, rSquared = Double.nan
        var firstParameter = ""
        for lineNumber in certified {
            let tokens = lines[lineNumber - 1].split(separator: " ").map(String.init)
            guard let first = tokens.first else { continue }
            if first.range(of: #"^B\d+$"#, options: .regularExpression) != nil {
                if firstParameter.isEmpty { firstParameter = first }
                estimates.append(Double(tokens[1])!)
                errors.append(Double(tokens[2])!)
            } else if lines[lineNumber - 1].hasPrefix("Standard Deviation"), let value = Double(tokens.last!) {
                residualSD = value
            } else if first == "R-Squared" {
                rSquared = Double(tokens.last!)!
            }
        }
        let rows = data.map { lines[$0 - 1].split(separator: " ").map { Double($0)! } }
        self.certifiedEstimates = estimates
        self.certifiedStandardErrors = errors
        self.certifiedResidualSD = residualSD
        self.certifiedRSquared = rSquared
        self.hasIntercept = firstParameter == "B0"
        self.response = rows.map { $0[0] }
        let xColumns = rows[0].count - 1
        let slopes = estimates.count - (hasIntercept ? 1 : 0)
        if xColumns == 1 {
            // Polynomial (or straight line): x, x², …, x^slopes by repeated multiplication.
            let x = rows.map { $0[1] }
            var powers: [[Double]] = [x]
            for _ in 1..<max(1, slopes) { powers.append(zip(powers.last!, x).map { $0 * $1 }) }
            self.predictors = powers
            self.predictorNames = (1...slopes).map { $0 == 1 ? "x" : "x\($0)" }
        } else {
            self.predictors = (1...xColumns).map { j in rows.map { $0[j] } }
            self.predictorNames = (1...xColumns).map { "x\($0)" }
        }
        precondition(predictors.count == slopes, "\(name): \(predictors.count) predictors for \(slopes) slopes")
        precondition(!residualSD.isNaN && !rSquared.isNaN, "\(name): certified values not found")
    }

    /// The data as CSV text (shortest round-trip numbers), for the same path as `govsim fit`.
    var csv: String {
        var table = CSVTable(header: ["y"] + predictorNames)
        for i in response.indices {
            table.append([.number(response[i])] + predictors.map { .number($0[i]) })
        }
        return table.render()
    }
}

/// Log relative error as NIST defines it: −log10(|x − c|/|c|), or −log10|x| for c = 0; capped at
/// 15 and floored at 0 (NaN counts as 0 correct digits).
func logRelativeError(_ x: Double, certified c: Double) -> Double {
    guard x.isFinite else { return 0 }
    let error = c == 0 ? abs(x) : abs(x - c) / abs(c)
    if error == 0 { return 15 }
    return min(15, max(0, -log10(error)))
}
