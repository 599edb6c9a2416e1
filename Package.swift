// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "govsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "govsim", targets: ["govsim"]),
        .library(name: "GovSimCore", targets: ["GovSimCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Reference LAPACK/BLAS from Debian's liblapack-dev and libblas-dev (Fortran ABI).
        .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK"),
        .target(
            name: "GovSimCore",
            dependencies: ["CLAPACK", .product(name: "Yams", package: "Yams")],
            path: "Sources/GovSimCore"
        ),
        .executableTarget(
            name: "govsim",
            dependencies: ["GovSimCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/govsim"
        ),
        .testTarget(
            name: "GovSimCoreTests",
            dependencies: ["GovSimCore"],
            path: "Tests/GovSimCoreTests",
            exclude: ["Resources", "Output/Golden"]
        ),
        .testTarget(
            name: "GovSimCLITests",
            // `govsim` for the in-process option tests (`@testable import govsim`).
            dependencies: ["GovSimCore", "govsim"],
            path: "Tests/GovSimCLITests",
            exclude: ["HostileInputs"]
        ),
    ]
)
