#!/usr/bin/env bash
# Regenerates Tests/Golden/outputs.sha256, the golden test's list of output hashes
# (GovSimCLITests.GoldenOutputTests), from the current sources: builds the debug binary and the
# tests, runs the golden cases once (43 small govsim processes) and rewrites the list.
# A change of the list is deliberate: say in CHANGELOG.md what changed the bytes and why.
# Usage: scripts/update-golden.sh   (from anywhere; SWIFT=... to use another swift)
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
list=Tests/Golden/outputs.sha256
before=$(mktemp)
trap 'rm -f "$before"' EXIT
[ -f "$list" ] && cp "$list" "$before"
"$SWIFT" build --build-tests 2>&1 | tail -5
GOVSIM_UPDATE_GOLDEN=1 "$SWIFT" test --skip-build --filter 'GovSimCLITests.GoldenOutputTests/testEveryShippedScenarioWritesTheGoldenBytes' 2>&1 | tail -5
[ -s "$list" ] || { echo "update-golden: $list was not written; see the test output above" >&2; exit 1; }
if cmp -s "$before" "$list"; then
    echo "update-golden: $list unchanged ($(wc -l < "$list") files)"
else
    echo "update-golden: $list rewritten ($(wc -l < "$list") files); changed lines:"
    comm -3 <(sort "$before") <(sort "$list") | awk '{print "  " $NF}' | sort -u | head -50
    echo "update-golden: note the reason in CHANGELOG.md"
fi
