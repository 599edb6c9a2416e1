#!/bin/sh
# Checks that a debug and a release build of govsim write byte-identical results.
#
# Builds both (swift build, swift build -c release), runs the reference scenario (its 10,000
# runs), calibrate (20,000 runs) and a fit of the example panel with each, and compares every
# output file except manifest.json with cmp. Then each build verifies the other's results
# (govsim verify re-runs the recorded command and compares every file's SHA-256 with the
# manifest), which also covers the manifests' recorded hashes. Exits non-zero on any difference.
#
# Usage: scripts/check-debug-release.sh [RUNS]   (RUNS of the reference run, default 10000)
set -eu
cd "$(dirname "$0")/.."
runs="${1:-10000}"

swift build --product govsim
swift build -c release --product govsim

work="$(mktemp -d "${TMPDIR:-/tmp}/govsim-debug-release.XXXXXX")"
trap 'rm -rf "$work"' EXIT INT TERM

for config in debug release; do
    bin=".build/$config/govsim"
    echo "== $config: run, calibrate, fit"
    "$bin" run --runs "$runs" --out "$work/$config/run" > /dev/null
    status=0; "$bin" calibrate --runs 20000 --seed 1 --out "$work/$config/calibrate" > /dev/null || status=$?
    [ "$status" -le 2 ] || exit "$status"    # 2 = not calibrated, still written
    "$bin" fit scenarios/data/example-panel.csv --response productivity \
        --predictors customer_focus,data_as_product,rapid_iteration,outcome_accountability \
        --out "$work/$config/fit" > /dev/null
done

differences=0
for result in run calibrate fit; do
    for file in "$work/debug/$result"/*; do
        name="$(basename "$file")"
        [ "$name" = manifest.json ] && continue
        if cmp -s "$file" "$work/release/$result/$name"; then
            echo "identical  $result/$name ($(wc -c < "$file") bytes)"
        else
            echo "DIFFERENT  $result/$name: $(cmp "$file" "$work/release/$result/$name" 2>&1 | head -1)"
            differences=$((differences + 1))
        fi
    done
done

echo "== each build verifies the other's results"
for result in run calibrate fit; do
    .build/release/govsim verify "$work/debug/$result" || differences=$((differences + 1))
    .build/debug/govsim verify "$work/release/$result" || differences=$((differences + 1))
done

if [ "$differences" -eq 0 ]; then
    echo "debug and release outputs are byte-identical"
else
    echo "debug and release outputs differ ($differences problems)"
    exit 1
fi
