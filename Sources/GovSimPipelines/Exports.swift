// GovSimPipelines is built on the layers below it and re-exports them, so that its files and its clients
// see one stack of APIs. The package manifest lists the one layer each target depends on; an
// import of a layer above this one does not compile (docs/architecture.md).
@_exported import GovSimOutput
