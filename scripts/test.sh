#!/usr/bin/env bash
# Runs the built test suite (`swift build --build-tests` first; `make test` does both) with one
# XCTest process per test class, JOBS (default: the number of cores) at a time, the longest
# classes first. XCTest runs a process's tests one after another, and most unit tests use one
# core, so this is what keeps every core busy. The classes share nothing: each test works in its
# own temporary folder (GovSimProcess.temporaryFolder). The golden test and the multi-process
# determinism test read the same runs (GoldenRuns, computed once per process), so they are one job.
#
# Prints each failing class's log, then one line per class and a total; exits 1 if any test
# failed or a test process crashed. Elsewhere than Linux (no runnable .xctest bundle) it falls
# back to `swift test --skip-build`.
# Usage: scripts/test.sh [REGEX]   (only the classes whose Module.Class name matches REGEX;
#        SWIFT=... for another swift, JOBS=N for N processes at a time)
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
only="${1:-.}"

bin=$("$SWIFT" build --show-bin-path)
bundle="$bin/govsimPackageTests.xctest"
if [ "$(uname -s)" != Linux ] || [ ! -x "$bundle" ]; then
    [ "$only" = . ] && exec "$SWIFT" test --skip-build
    exec "$SWIFT" test --skip-build --filter "$only"
fi

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# Test classes, longest first (a scheduling hint only: any order gives the same results).
first=(
    GovSimEngineTests.SimulationBasedCalibrationTests
    "GovSimCLITests.GoldenOutputTests,GovSimCLITests.MultiProcessDeterminismTests"
    GovSimCLITests.ShardCommandTests
    GovSimOutputTests.SimulationEngineTests
    GovSimCLITests.VerifyCommandTests
    GovSimCLITests.CompareCommandTests
    GovSimCLITests.HostileResultsFolderTests
    GovSimCLITests.InterruptTests
    GovSimOutputTests.OptionSwitchingStudyTests
    GovSimCLITests.ReproducibilityTests
)
classes=$("$bundle" --list-tests | grep '/' | sed 's,/.*,,' | sort -u)
listed=",$(IFS=,; echo "${first[*]}"),"
{
    printf '%s\n' "${first[@]}"
    for c in $classes; do
        case "$listed" in *",$c,"*) ;; *) echo "$c" ;; esac
    done
} > "$logs/all-jobs"
# Every listed class is in exactly one job.
missing=$(comm -3 <(tr ',' '\n' < "$logs/all-jobs" | sort) <(echo "$classes"))
[ -z "$missing" ] || { echo "test.sh: the job list and the test classes differ: $missing" >&2; exit 1; }
grep -E -- "$only" "$logs/all-jobs" > "$logs/jobs" || { echo "test.sh: no test class matches $only" >&2; exit 1; }

start=$(date +%s)
export bundle logs
xargs -P "$JOBS" -I{} sh -c '"$bundle" "$1" > "$logs/$1.log" 2>&1; echo $? > "$logs/$1.rc"' _ {} < "$logs/jobs" || true
elapsed=$(( $(date +%s) - start ))

total=0 failures=0 skipped=0 bad=0
while read -r job; do
    rc=$(cat "$logs/$job.rc" 2>/dev/null || echo missing)
    line=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?" "$logs/$job.log" | tail -1 || true)
    n=$(echo "$line" | sed -nE 's/.*Executed ([0-9]+) tests?.*/\1/p')
    f=$(echo "$line" | sed -nE 's/.* ([0-9]+) failures? \(.*/\1/p')
    s=$(echo "$line" | sed -nE 's/.*with ([0-9]+) tests? skipped.*/\1/p')
    total=$((total + ${n:-0})) failures=$((failures + ${f:-0})) skipped=$((skipped + ${s:-0}))
    if [ "$rc" != 0 ] || [ -z "$n" ]; then
        bad=$((bad + 1))
        echo "=== $job (exit $rc) ==="
        grep -E "error|failed|Fatal|crash" "$logs/$job.log" | head -40 || tail -20 "$logs/$job.log"
    fi
    printf '%-90s %s\n' "$job" "$(echo "$line" | sed -E 's/^[[:space:]]*//')"
done < "$logs/jobs"
echo "Executed $total tests, with $skipped skipped and $failures failures, in $(wc -l < "$logs/jobs") processes ($JOBS at a time), ${elapsed} s wall"
[ "$bad" = 0 ] && [ "$failures" = 0 ]
