/// Limits on distribution parameters that bound the cost and keep the accuracy of a draw.
///
/// The beta, PERT and Student t quantiles invert the regularised incomplete beta function, whose
/// continued fraction needs more terms as the shapes grow (a beta with shapes 1e15 cost 57 ms a
/// draw) and which is verified to double precision for shapes from 0.01 to 1e5
/// (``SpecialFunctions``). Parameters outside these ranges are refused, in the scenario and when
/// derived from a fit, with the limit in the message; each limit is far beyond any meaningful
/// value (a beta with shapes 1e5 has a standard deviation below 0.002 of its range; a t with
/// 1e5 degrees of freedom differs from the normal by less than 1e-5 of its scale).
package enum DistributionLimits {
    /// Allowed beta shapes α and β.
    package static let betaShape = 0.01...1e5
    /// Largest PERT λ (the shapes are 1 + λ·(mode − min)/(max − min) and the like).
    package static let pertLambdaMaximum = 1e4
    /// Allowed Student t degrees of freedom (shape df/2 of the incomplete beta).
    package static let studentTDegreesOfFreedom = 0.02...1e5

    /// Nil when `shape` is an allowed beta shape; otherwise what is wrong.
    package static func betaShapeProblem(_ name: String, _ shape: Double) -> String? {
        betaShape.contains(shape)
            ? nil
            : "beta \(name) is \(CSVTable.formatNumber(shape)), but beta shapes must be between \(CSVTable.formatNumber(betaShape.lowerBound)) and \(CSVTable.formatNumber(betaShape.upperBound)) (larger shapes make every draw slow)"
    }

    /// Nil when `lambda` is an allowed PERT λ; otherwise what is wrong.
    package static func pertLambdaProblem(_ lambda: Double) -> String? {
        lambda > 0 && lambda <= pertLambdaMaximum
            ? nil
            : "pert lambda is \(CSVTable.formatNumber(lambda)), but it must be greater than 0 and at most \(CSVTable.formatNumber(pertLambdaMaximum)) (larger values make every draw slow)"
    }

    /// Nil when `df` is an allowed number of degrees of freedom; otherwise what is wrong.
    package static func studentTDegreesOfFreedomProblem(_ df: Double) -> String? {
        studentTDegreesOfFreedom.contains(df)
            ? nil
            : "student_t df must be between \(CSVTable.formatNumber(studentTDegreesOfFreedom.lowerBound)) and \(CSVTable.formatNumber(studentTDegreesOfFreedom.upperBound)) (more degrees of freedom make every draw slow and change nothing: the t is then a normal)"
    }
}
