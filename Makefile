# govsim: the two set-up commands of the README are `make run` and `make test`.
# Both install the system packages they need (libblas-dev, liblapack-dev) when missing.

SWIFT ?= swift
RUN_ARGS ?=

.PHONY: run test build release deps calibrate golden cluster-test clean format lint

deps:
	@scripts/ensure-system-packages.sh

## Build (release) and run the built-in reference scenario into outputs/reference/.
run: deps
	$(SWIFT) build -c release --product govsim
	.build/release/govsim run $(RUN_ARGS)

## Build and run the whole test suite (unit and end-to-end tests), one process per test class,
## as many at a time as there are cores (scripts/test.sh; `swift test` runs the same tests serially).
test:
	@scripts/ensure-system-packages.sh time
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/test.sh
	@$(MAKE) --no-print-directory lint

## Check that the sources follow .swift-format (`make format` rewrites them); swift-format ships
## with the Swift 6 toolchains.
lint:
	$(SWIFT) format lint --strict --parallel --recursive Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --parallel --recursive Package.swift Sources Tests

## Regenerate the golden test's list of output hashes (a deliberate change: note it in CHANGELOG.md).
golden:
	@scripts/ensure-system-packages.sh
	scripts/update-golden.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product govsim

calibrate: release
	.build/release/govsim calibrate --runs 20000 --seed 1

## The cluster recipes of docs/cluster.md: the Slurm scripts on a single-node cluster started
## for the test (installs slurm-wlm and munge), the Kubernetes manifests validated.
cluster-test: release
	scripts/slurm-test.sh .build/release/govsim
	scripts/kubernetes-validate.sh

clean:
	rm -rf .build
