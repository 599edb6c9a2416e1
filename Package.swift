// swift-tools-version:6.0
import PackageDescription

// The library is a stack of layers; each target depends only on the layers below it, so the
// compiler rejects an upward import (docs/architecture.md):
//   CSHA256 → GovSimSupport → GovSimNumerics → GovSimRandom → GovSimAnalysis → GovSimScenario →
//   GovSimModel → GovSimEngine → GovSimOutput → GovSimPipelines → GovSimCore (umbrella) → govsim
// Tools version 6.0: every target builds in the Swift 6 language mode (complete concurrency
// checking); the build has no warnings.
// The layers that compute (support, numerics, random, analysis, model, engine) are optimised in
// debug builds too (`swift build`, `make test`): the test suite simulates hundreds of thousands of
// model runs, and unoptimised numerics took 3.6 times the CPU time (scripts/test.sh: 541 CPU
// seconds at -Onone, 151 at -O, this 2-core machine). The scenario layer, output, pipelines and
// the umbrella stay unoptimised: -O there cost a clean build more than it saved the tests (the
// scenario layer 60 s of build for 2 s of tests, once the few scenario types the model uses per
// run, `PracticeKind` and `PerPractice`, were made public and inlinable; output 42 s for 6 s).
// Preconditions stay on (-O keeps them; only -Ounchecked drops them) and -O does not reassociate
// floating point, so the outputs are the same bytes (the golden test checks it). Unsafe flags
// are allowed in a root package; they would keep govsim from being another package's dependency.
// Every target of this package indexes its own code only, not the system modules it imports
// (Foundation, Glibc, XCTest, Dispatch): SwiftPM indexes while it builds a debug build (its test
// discovery on Linux reads the index), and by default each compile job also checks and writes the
// index of every system module it imports. Clean `swift build --build-tests` on this 2-core
// machine, three times each: 286-303 CPU seconds before, 268-294 after (wall 178-184 s before,
// 160-193 s after: the machine's noise is as large as the gain). Test discovery needs only the
// test targets' own index records.
let indexOwnCode: [SwiftSetting] = [.unsafeFlags(["-index-ignore-system-modules"])]
let optimisedInDebug: [SwiftSetting] = indexOwnCode + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "govsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "govsim", targets: ["govsim"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Reference LAPACK/BLAS from Debian's liblapack-dev and libblas-dev (Fortran ABI).
        .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK"),
        // SHA-256 block compression with the x86 SHA extensions, chosen at run time; only
        // GovSimSupport's SHA256 uses it (the portable Swift code is the fallback). -O2 in debug
        // builds too, like the Swift targets.
        .target(name: "CSHA256", path: "Sources/CSHA256", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        // Number formatting, CSV/JSON/markup writers, diagnostics, SHA-256, control characters.
        .target(name: "GovSimSupport", dependencies: ["CSHA256"], path: "Sources/GovSimSupport", swiftSettings: optimisedInDebug),
        // Special functions, distributions, matrices and LAPACK wrappers, regression, moments,
        // quantile summaries. The only target that links LAPACK.
        .target(
            name: "GovSimNumerics", dependencies: ["GovSimSupport", "CLAPACK"], path: "Sources/GovSimNumerics",
            swiftSettings: optimisedInDebug),
        // Counter-based random streams, sampling designs, Iman–Conover rank correlation.
        .target(name: "GovSimRandom", dependencies: ["GovSimNumerics"], path: "Sources/GovSimRandom", swiftSettings: optimisedInDebug),
        // Sensitivity measures: Sobol' indices, standardised regression coefficients, Spearman.
        .target(name: "GovSimAnalysis", dependencies: ["GovSimRandom"], path: "Sources/GovSimAnalysis", swiftSettings: optimisedInDebug),
        // Parameter catalog, scenario loading and validation, variants, data tables and resolution.
        .target(
            name: "GovSimScenario",
            dependencies: ["GovSimAnalysis", .product(name: "Yams", package: "Yams")],
            path: "Sources/GovSimScenario",
            swiftSettings: indexOwnCode
        ),
        // The model's equations: one run of the model from its parameters.
        .target(name: "GovSimModel", dependencies: ["GovSimScenario"], path: "Sources/GovSimModel", swiftSettings: optimisedInDebug),
        // Sampling into the model's layout, simulation in parallel blocks, studies, appraisal.
        .target(name: "GovSimEngine", dependencies: ["GovSimModel"], path: "Sources/GovSimEngine", swiftSettings: optimisedInDebug),
        // Tables, charts, the HTML report, manifests, output folders, reproduction checks.
        .target(name: "GovSimOutput", dependencies: ["GovSimEngine"], path: "Sources/GovSimOutput", swiftSettings: indexOwnCode),
        // One in-memory pipeline per command: options in, artifacts out.
        .target(name: "GovSimPipelines", dependencies: ["GovSimOutput"], path: "Sources/GovSimPipelines", swiftSettings: indexOwnCode),
        // Umbrella: re-exports every layer, for the CLI and the tests.
        .target(name: "GovSimCore", dependencies: ["GovSimPipelines"], path: "Sources/GovSimCore", swiftSettings: indexOwnCode),
        .executableTarget(
            name: "govsim",
            dependencies: ["GovSimCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/govsim",
            swiftSettings: indexOwnCode
        ),
        // The unit tests: one test target per layer, depending on that layer only (and the shared
        // scenario helpers from the scenario layer up), so each compiles as soon as its layer has
        // and the compiler keeps a layer's tests from reaching above it.
        .testTarget(
            name: "GovSimSupportTests", dependencies: ["GovSimSupport"], path: "Tests/GovSimSupportTests", swiftSettings: indexOwnCode),
        .testTarget(
            name: "GovSimNumericsTests", dependencies: ["GovSimNumerics"], path: "Tests/GovSimNumericsTests", swiftSettings: indexOwnCode),
        .testTarget(
            name: "GovSimRandomTests", dependencies: ["GovSimRandom"], path: "Tests/GovSimRandomTests", swiftSettings: indexOwnCode),
        .testTarget(
            name: "GovSimAnalysisTests", dependencies: ["GovSimAnalysis"], path: "Tests/GovSimAnalysisTests", swiftSettings: indexOwnCode),
        // Helpers for the tests from the scenario layer up (the package root, scenario loading).
        .target(name: "GovSimTestSupport", dependencies: ["GovSimScenario"], path: "Tests/GovSimTestSupport", swiftSettings: indexOwnCode),
        .testTarget(
            name: "GovSimScenarioTests", dependencies: ["GovSimScenario", "GovSimTestSupport"], path: "Tests/GovSimScenarioTests",
            exclude: ["Resources"], swiftSettings: indexOwnCode),
        .testTarget(
            name: "GovSimModelTests", dependencies: ["GovSimModel", "GovSimTestSupport"], path: "Tests/GovSimModelTests",
            swiftSettings: indexOwnCode),
        // The conditioning tests' fixtures, shared by the engine, output and pipeline tests.
        .target(
            name: "GovSimEngineTestSupport", dependencies: ["GovSimEngine", "GovSimTestSupport"], path: "Tests/GovSimEngineTestSupport",
            swiftSettings: indexOwnCode),
        .testTarget(
            name: "GovSimEngineTests", dependencies: ["GovSimEngine", "GovSimTestSupport", "GovSimEngineTestSupport"],
            path: "Tests/GovSimEngineTests",
            swiftSettings: indexOwnCode),
        .testTarget(
            name: "GovSimOutputTests", dependencies: ["GovSimOutput", "GovSimTestSupport", "GovSimEngineTestSupport"],
            path: "Tests/GovSimOutputTests",
            exclude: ["Golden"], swiftSettings: indexOwnCode),
        .testTarget(
            name: "GovSimPipelinesTests", dependencies: ["GovSimPipelines", "GovSimTestSupport", "GovSimEngineTestSupport"],
            path: "Tests/GovSimPipelinesTests",
            swiftSettings: indexOwnCode),
        .testTarget(
            name: "GovSimCLITests",
            // `govsim` for the in-process option tests (`@testable import govsim`).
            dependencies: ["GovSimCore", "govsim"],
            path: "Tests/GovSimCLITests",
            exclude: ["HostileInputs"],
            swiftSettings: indexOwnCode
        ),
    ]
)
