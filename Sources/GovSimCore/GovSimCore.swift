@_exported import GovSimAnalysis
@_exported import GovSimEngine
@_exported import GovSimModel
@_exported import GovSimNumerics
@_exported import GovSimOutput
@_exported import GovSimPipelines
@_exported import GovSimRandom
@_exported import GovSimScenario
// The umbrella module: `import GovSimCore` brings in every layer of the library, so the CLI, the
// tests and code written against the single-target layout keep compiling. Library code imports
// the layers it needs instead (docs/architecture.md).
@_exported import GovSimSupport
