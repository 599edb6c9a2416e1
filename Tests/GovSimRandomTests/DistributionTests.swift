import XCTest

@testable import GovSimRandom

/// Distribution moments, quantiles and sampling.
///
/// Reference values were computed offline in Python: means, variances and quantiles with mpmath
/// at 40 digits from the exact double parameters (closed forms for the moments; quantiles from
/// the closed-form inverses, Φ⁻¹ through `mp.erfinv`, and bisection on `mp.betainc` for
/// PERT/beta); they agree with `scipy.stats` (`stats(moments="mvk")`, `ppf`) to 1e-15 except
/// scipy's truncnorm ppf (5e-12). Kurtosis κ = scipy's excess kurtosis + 3 and the densities at
/// the 5 %, 50 % and 95 % quantiles (`pdf`) come from scipy; they only set tolerances.
final class DistributionTests: XCTestCase {
    struct Case {
        var name: String
        var distribution: Distribution
        var mean: Double
        var variance: Double
        var kurtosis: Double
        /// Quantiles at `DistributionTests.probabilities`.
        var quantiles: [Double]
        var densityAtP5P50P95: [Double]
    }

    static let probabilities = [1e-6, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]

    static let cases: [Case] = [
        Case(
            name: "uniform", distribution: .uniform(min: 2, max: 5),
            mean: 3.5, variance: 0.75, kurtosis: 1.8,
            quantiles: [2.000003, 2.03, 2.15, 2.75, 3.5, 4.25, 4.8499999999999999, 4.97],
            densityAtP5P50P95: [0.333333, 0.333333, 0.333333]),
        Case(
            name: "triangular", distribution: .triangular(min: 1, mode: 2, max: 6),
            mean: 3.0, variance: 1.1666666666666667, kurtosis: 2.4,
            quantiles: [
                1.0022360679774998, 1.223606797749979, 1.5, 2.1270166537925831, 2.8377223398316207, 3.7639320225002103, 4.9999999999999996,
                5.5527864045000419,
            ],
            densityAtP5P50P95: [0.2, 0.316228, 0.1]),
        Case(
            name: "pert", distribution: .pert(min: 10, mode: 14, max: 30, lambda: 4),
            mean: 16.0, variance: 12.0, kurtosis: 2.77778,
            quantiles: [
                10.002701437985378, 10.462690523845294, 11.179547752236345, 13.268629950445487, 15.533445187850377, 18.284532539089277,
                22.425534480323805, 24.971186572592695,
            ],
            densityAtP5P50P95: [0.0710256, 0.105388, 0.0253866]),
        Case(
            name: "pertLambda2", distribution: .pert(min: 0, mode: 3, max: 10, lambda: 2),
            mean: 4.0, variance: 4.8, kurtosis: 2.2619,
            quantiles: [
                0.00083090553935687843, 0.2665717079859551, 0.7486541053168157, 2.2341710328304777, 3.8191114861196151, 5.6053443019237656,
                7.8682650897358778, 8.932806484967634,
            ],
            densityAtP5P50P95: [0.102359, 0.15471, 0.0537802]),
        Case(
            name: "normal", distribution: .normal(mean: 100, sd: 15),
            mean: 100.0, variance: 225.0, kurtosis: 3,
            quantiles: [
                28.698635367656516, 65.104781889387384, 75.32719559572791, 89.882653747058774, 100.0, 110.11734625294123,
                124.67280440427208, 134.89521811061261,
            ],
            densityAtP5P50P95: [0.00687571, 0.0265962, 0.00687571]),
        Case(
            name: "truncatedNormal", distribution: .truncatedNormal(mean: 0.05, sd: 0.02, lower: 0, upper: 0.08),
            mean: 0.047583790014368025, variance: 0.00029142127042922738, kurtosis: 2.47803,
            quantiles: [
                1.0576289016360245e-6, 0.0068480124943351534, 0.017589322531294805, 0.03574210529893125, 0.048479581837637097,
                0.060571336780035699, 0.074198237195898257, 0.078639284135221837,
            ],
            densityAtP5P50P95: [5.7883, 21.4562, 10.3497]),
        Case(
            name: "truncatedNormalUpperTail", distribution: .truncatedNormal(mean: 0, sd: 1, lower: 2.5, upper: .infinity),
            mean: 2.8227447976639073, variance: 0.088973801421115443, kurtosis: 6.44107,
            quantiles: [
                2.5000003542652682, 2.5035584398589612, 2.5181184346755394, 2.6002901070541461, 2.7364996911371438, 2.9571636669143017,
                3.422287335343579, 3.8376975649770833,
            ],
            densityAtP5P50P95: [2.6973, 1.51967, 0.183909]),
        Case(
            name: "truncatedNormalLowerOnly", distribution: .truncatedNormal(mean: 10, sd: 4, lower: -.infinity, upper: 12),
            mean: 7.9633582646518661, variance: 7.7788069711418737, kurtosis: 3.37301,
            quantiles: [
                -9.3097994362210165, 0.15332674035964832, 2.7301479307009298, 6.2283935545644962, 8.4125152996418218, 10.186529100921592,
                11.615953196152572, 11.921817564206449,
            ],
            densityAtP5P50P95: [0.0276571, 0.133315, 0.132936]),
        Case(
            name: "lognormal", distribution: .lognormal(mu: 0.5, sigma: 0.4),
            mean: 1.7860384307500734, variance: 0.5534881011446779, kurtosis: 6.26001,
            quantiles: [
                0.24625942549782308, 0.65015846752322674, 0.853899775670242, 1.2588569163091832, 1.6487212707001281, 2.1593254906433052,
                3.1833733956955478, 4.1809527434354841,
            ],
            densityAtP5P50P95: [0.301955, 0.604927, 0.0809956]),
        Case(
            name: "lognormalFromQuantiles", distribution: .lognormal(quantile: 0.07, at: 0.05, quantile: 0.15, at: 0.95),
            mean: 0.10525665682917995, variance: 0.00061088752967945878, kurtosis: 3.92885,
            quantiles: [
                0.034066682264745136, 0.059776383496526224, 0.070000000000000007, 0.087645778307625591, 0.10246950765959599,
                0.11980040799165853, 0.14999999999999998, 0.1756546546615719,
            ],
            densityAtP5P50P95: [6.35965, 16.805, 2.96784]),
        Case(
            name: "beta", distribution: .beta(alpha: 2, beta: 5, lower: 0, upper: 1),
            mean: 0.28571428571428571, variance: 0.025510204081632653, kurtosis: 2.88,
            quantiles: [
                0.0002582878293540636, 0.026763191142755057, 0.062849891708354382, 0.16116291679032652, 0.26444998329565996,
                0.38947948520072443, 0.58180340925202583, 0.70568632831970745,
            ],
            densityAtP5P50P95: [1.45433, 2.32227, 0.53385]),
        Case(
            name: "betaUShaped", distribution: .beta(alpha: 0.5, beta: 0.5, lower: -1, upper: 3),
            mean: 1.0, variance: 2.0, kurtosis: 1.5,
            quantiles: [
                -0.9999999999901304, -0.99901312073146311, -0.97537668119027545, -0.41421356237309505, 1.0, 2.414213562373095,
                2.9753766811902754, 2.9990131207314631,
            ],
            densityAtP5P50P95: [1.01739, 0.159155, 1.01739]),
    ]

    private func assertClose(
        _ actual: Double, _ expected: Double, tolerance: Double, _ message: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssert(
            abs(actual - expected) <= tolerance,
            "\(message): got \(actual), expected \(expected), difference \(abs(actual - expected)) > \(tolerance)",
            file: file, line: line)
    }

    // MARK: Analytic moments

    func testMeanAndVarianceAgainstReferences() {
        for c in Self.cases {
            assertClose(
                c.distribution.mean, c.mean, tolerance: 1e-14 * abs(c.mean) + 1e-15 * c.variance.squareRoot(),
                "\(c.name) mean")
            // The truncated normal variance is 1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)², which
            // cancels by about a factor 100 in the upper-tail case.
            assertClose(c.distribution.variance, c.variance, tolerance: 1e-13 * c.variance, "\(c.name) variance")
            assertClose(
                c.distribution.standardDeviation, c.variance.squareRoot(), tolerance: 1e-13 * c.variance.squareRoot(),
                "\(c.name) sd")
        }
    }

    func testFixed() {
        let d = Distribution.fixed(4.25)
        XCTAssert(d.isFixed)
        XCTAssertEqual(d.mean, 4.25)
        XCTAssertEqual(d.variance, 0)
        XCTAssertEqual(d.support, 4.25...4.25)
        for u in [1e-16, 0.3, 0.5, 1 - 1e-16] { XCTAssertEqual(d.quantile(u), 4.25) }
        XCTAssertEqual(d.cdf(4.2), 0)
        XCTAssertEqual(d.cdf(4.25), 1)
        let stream = RandomStream(seed: 1, run: 0)
        XCTAssert((0..<1000).allSatisfy { d.quantile(stream.uniform(channel: 9, index: UInt32($0))) == 4.25 })
    }

    func testLognormalFromTwoQuantiles() {
        // p5 = 0.07, p95 = 0.15: σ = ln(0.15/0.07)/(2·z_0.95), μ = ln 0.07 + z_0.95·σ (mpmath).
        let d = Distribution.lognormal(quantile: 0.07, at: 0.05, quantile: 0.15, at: 0.95)
        guard case .lognormal(let mu, let sigma) = d else { return XCTFail("not a lognormal: \(d)") }
        assertClose(mu, -2.2781900109093296534, tolerance: 1e-15 * 2.28, "mu")
        assertClose(sigma, 0.23167412575775098481, tolerance: 1e-15 * 0.232, "sigma")
        assertClose(d.quantile(0.05), 0.07, tolerance: 1e-15 * 0.07, "p5")
        assertClose(d.quantile(0.95), 0.15, tolerance: 1e-15 * 0.15, "p95")
        assertClose(d.cdf(0.07), 0.05, tolerance: 1e-15, "cdf(p5)")
    }

    func testLognormalFromMeanAndSD() {
        let d = Distribution.lognormal(mean: 2.5, sd: 0.75)
        assertClose(d.mean, 2.5, tolerance: 1e-15 * 2.5, "mean")
        assertClose(d.standardDeviation, 0.75, tolerance: 1e-14 * 0.75, "sd")
    }

    func testBetaDefaultsToUnitInterval() {
        XCTAssertEqual(Distribution.beta(alpha: 2, beta: 5), .beta(alpha: 2, beta: 5, lower: 0, upper: 1))
        XCTAssertEqual(Distribution.beta(alpha: 2, beta: 5).support, 0...1)
    }

    func testTruncatedNormalFarUpperTail() {
        // Φ(10) rounds to 1, so Φ(β) − Φ(α) was 0 and the moments NaN; the retained mass is now
        // formed from upper tails. mpmath: mean = φ(10)/Q(10), var = 1 + 10·λ − λ². The variance
        // formula cancels by a factor ~1e4 here, hence the looser tolerance.
        let d = Distribution.truncatedNormal(mean: 0, sd: 1, lower: 10, upper: .infinity)
        assertClose(d.mean, 10.098093233962511963, tolerance: 1e-14 * 10.1, "mean")
        assertClose(d.variance, 0.0094453778256562611641, tolerance: 1e-10 * 0.0094, "variance")
        for (u, x) in [(0.05, 10.005078238108956215), (0.5, 10.068411836081429405), (0.95, 10.292467137788024419)] {
            assertClose(d.quantile(u), x, tolerance: 1e-14 * x, "quantile(\(u))")
            assertClose(d.cdf(x), u, tolerance: 1e-13, "cdf(\(x))")
        }
        let between = Distribution.truncatedNormal(mean: 3, sd: 2, lower: 19, upper: 21)  // z in [8, 9]
        assertClose(between.mean, 3 + 2 * 8.1211889929797971226, tolerance: 1e-14 * 19.2, "mean [8, 9]")
        assertClose(between.variance, 4 * 0.014148542782748111039, tolerance: 1e-11 * 0.057, "variance [8, 9]")
    }

    /// A mean 30 or more standard deviations beyond a bound (a spending history's trend fitted far
    /// outside the parameter's range drew every run at the *other* bound, because Φ at both bounds
    /// underflowed to 0). References: mpmath at 60 digits, solving S(x) = S(a) − u(S(a) − S(b))
    /// for the exact double parameters; `scipy.stats.truncnorm.ppf` agrees to 1e-15 relative
    /// except the last case (6e-13).
    func testTruncatedNormalMeanFarBeyondABound() {
        let cases: [(Distribution, Double, Double)] = [
            (.truncatedNormal(mean: 0, sd: 1, lower: 40, upper: .infinity), 0.5, 40.01731412676465110613599),
            (.truncatedNormal(mean: 0, sd: 1, lower: 40, upper: .infinity), 1e-10, 40.0000000000024984404207),
            (.truncatedNormal(mean: 0, sd: 1, lower: 40, upper: .infinity), 1 - 0x1p-30, 40.51620931239465575120723),
            (.truncatedNormal(mean: 0, sd: 1, lower: 50, upper: 50.1), 0.3, 50.00707290281646259326549),
            (.truncatedNormal(mean: 0.6, sd: 0.001, lower: -0.5, upper: 0.5), 0.5, 0.499993069461247570584013),
            (.truncatedNormal(mean: 0.6, sd: 0.001, lower: -0.5, upper: 0.5), 0.999, 0.4999999899959973647984206),
            (.truncatedNormal(mean: 0.6, sd: 0.001, lower: -0.5, upper: 0.5), 1e-6, 0.4998619539702815016603712),
            (.truncatedNormal(mean: 0, sd: 1, lower: -.infinity, upper: -1000), 0.25, -1000.001386292013928836215),
        ]
        for (d, u, expected) in cases {
            let x = d.quantile(u)
            // The distance from the near bound is what the tail determines; compare it relatively.
            let bound =
                abs(expected - d.support.lowerBound) < abs(expected - d.support.upperBound) ? d.support.lowerBound : d.support.upperBound
            // Tolerances: 1e-12 relative, plus the rounding of x itself (an ulp of the bound, and
            // for the CDF that ulp times the density, at most (z + 1)/sd near a bound z sd away).
            guard case .truncatedNormal(let mean, let sd, _, _) = d else { return XCTFail() }
            assertClose(x - bound, expected - bound, tolerance: 1e-12 * abs(expected - bound) + 2 * bound.ulp, "\(d) quantile(\(u))")
            let density = (abs(bound - mean) / sd + 1) / sd
            assertClose(d.cdf(expected), u, tolerance: 1e-12 * min(u, 1 - u) + 2 * density * expected.ulp, "\(d) cdf")
        }
    }

    // MARK: Quantile function

    func testQuantilesAgainstReferences() {
        for c in Self.cases {
            let sd = c.variance.squareRoot()
            for (p, expected) in zip(Self.probabilities, c.quantiles) {
                let x = c.distribution.quantile(p)
                assertClose(x, expected, tolerance: 1e-13 * (abs(expected) + sd), "\(c.name) quantile(\(p))")
                XCTAssert(c.distribution.support.contains(x), "\(c.name): quantile(\(p)) = \(x) outside the support")
            }
        }
    }

    func testCDFInvertsQuantile() {
        for c in Self.cases {
            for u in Self.probabilities + [1e-12, 0.1, 0.4, 0.6, 0.9, 1 - 1e-9] {
                let x = c.distribution.quantile(u)
                // Relative 1e-12 in the lower tail; near 1 the CDF is only known to absolute eps.
                // Plus what one ulp of x is worth: x = lower + (upper − lower)·t cannot hold t
                // to better than ulp(lower) (for the beta on [−1, 3] at u = 1e-6 that is a
                // relative 3e-6 in u).
                let ulpWorth = c.distribution.cdf(x.nextUp) - c.distribution.cdf(x.nextDown)
                assertClose(
                    c.distribution.cdf(x), u, tolerance: 1e-12 * u + 5e-16 + ulpWorth,
                    "\(c.name) cdf(quantile(\(u)))")
            }
        }
    }

    func testQuantileIsMonotoneAndFiniteAtTheExtremeUniforms() {
        // The smallest and largest values RandomStream can produce.
        let extremes = [RandomStream.openUnit(0), RandomStream.openUnit((1 << 53) - 1)]
        for c in Self.cases {
            let lo = c.distribution.quantile(extremes[0]), hi = c.distribution.quantile(extremes[1])
            XCTAssert(lo.isFinite && hi.isFinite, "\(c.name): \(lo), \(hi)")
            var previous = -Double.infinity
            for u in [extremes[0], 1e-9, 0.001, 0.2, 0.5, 0.8, 0.999, 1 - 1e-9, extremes[1]] {
                let x = c.distribution.quantile(u)
                XCTAssertGreaterThanOrEqual(x, previous, "\(c.name) at \(u)")
                previous = x
            }
        }
    }

    // MARK: Sampling by inversion

    /// Draws n values by quantile(u) with u from RandomStream, and checks the sample mean,
    /// variance and 5 %, 50 %, 95 % quantiles against the true values.
    ///
    /// Tolerances are 4 standard errors, two-sided false-alarm rate 6e-5 each under the normal
    /// approximation (about 0.4 % for the 65 checks together; the seed is fixed, so the test is
    /// deterministic and a failure means a real change):
    /// - mean: SE = σ/√n;
    /// - variance: the sample variance has Var(s²) ≈ (μ₄ − σ⁴)/n = σ⁴(κ − 1)/n, κ = μ₄/σ⁴ the
    ///   kurtosis, so SE = σ²·√((κ − 1)/n);
    /// - p-quantile: the sample quantile is asymptotically normal with SE = √(p(1 − p)/n)/f(x_p),
    ///   f the density.
    func testSamplingByInversion() {
        // The tolerances are 4 Monte Carlo standard errors at this n (mean: σ/√n; variance:
        // σ²·√((κ − 1)/n); quantile: √(p(1 − p)/n)/f(q)), so each check fails by chance with
        // probability about 6·10⁻⁵ whatever n is; 20,000 draws (not 200,000) keep the asymptotic
        // normal approximations good and still detect a quantile function off by 3% of σ.
        let n = 20_000
        let stream = RandomStream(seed: 0x5EED_2024, run: 0)
        for c in Self.cases {
            let channel = RandomStream.channel("test." + c.name)
            var x = (0..<n).map { c.distribution.quantile(stream.uniform(channel: channel, index: UInt32($0))) }
            let nn = Double(n)
            let mean = x.reduce(0, +) / nn
            let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (nn - 1)
            let sd = c.variance.squareRoot()
            assertClose(mean, c.mean, tolerance: 4 * sd / nn.squareRoot(), "\(c.name) sample mean")
            assertClose(
                variance, c.variance, tolerance: 4 * c.variance * ((c.kurtosis - 1) / nn).squareRoot(),
                "\(c.name) sample variance")
            x.sort()
            for (k, p) in [0.05, 0.5, 0.95].enumerated() {
                let sample = x[Int((nn * p).rounded(.up)) - 1]
                let expected = c.quantiles[Self.probabilities.firstIndex(of: p)!]
                let se = (p * (1 - p) / nn).squareRoot() / c.densityAtP5P50P95[k]
                assertClose(sample, expected, tolerance: 4 * se, "\(c.name) sample \(p)-quantile")
            }
        }
    }
}
