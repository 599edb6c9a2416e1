#!/bin/sh
# Fuzzes the scenario loader (YAML text -> Scenario or located diagnostics) with libFuzzer and
# AddressSanitizer, outside the package build: GovSimCore's sources, Yams and libyaml are
# compiled with -sanitize=fuzzer,address into .build/fuzz/fuzz-scenario-loader, together with
# scripts/fuzz/ScenarioLoaderFuzzer.swift (the LLVMFuzzerTestOneInput entry point).
#
# Usage: scripts/fuzz-scenario-loader.sh [SECONDS] [extra libFuzzer options...]
#   SECONDS defaults to 60. The corpus grows in .build/fuzz/corpus (seeded with the shipped
#   scenarios and Tests/GovSimCLITests/HostileInputs); a crash is saved as
#   .build/fuzz/crash-<sha1> and the script exits non-zero. Replay one with
#   .build/fuzz/fuzz-scenario-loader .build/fuzz/crash-<sha1>
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-60}"
[ $# -gt 0 ] && shift

if [ ! -d .build/checkouts/Yams ]; then swift package resolve; fi
yams=.build/checkouts/Yams/Sources
out=.build/fuzz
mkdir -p "$out/obj" "$out/modules" "$out/corpus"

bin="$out/fuzz-scenario-loader"
# The layers up to the scenario loader, compiled as one module (their Exports.swift files, which
# re-export the layer below, are left out).
layers="Sources/GovSimSupport Sources/GovSimNumerics Sources/GovSimRandom Sources/GovSimAnalysis Sources/GovSimScenario"
if [ -x "$bin" ] && [ -z "$(find $layers scripts/fuzz "$yams" -newer "$bin" -name '*.[cs]*' | head -1)" ]; then
    echo "== $bin is up to date"
else
echo "== compiling libyaml (C) with coverage and ASan"
for c in "$yams"/CYaml/src/*.c; do
    clang -c -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$yams/CYaml/include" \
        "$c" -o "$out/obj/$(basename "$c" .c).o"
done

echo "== compiling Yams"
swiftc -module-name Yams -parse-as-library -emit-module -emit-module-path "$out/modules/Yams.swiftmodule" \
    -emit-object -wmo -O -g -sanitize=fuzzer,address -D SWIFT_PACKAGE -I "$yams/CYaml/include" -Xcc -DYAML_DECLARE_STATIC \
    "$yams"/Yams/*.swift -o "$out/obj/Yams.o"

echo "== compiling the scenario layers with the fuzz target"
swiftc -module-name GovSimFuzz -package-name govsim -parse-as-library -O -g -sanitize=fuzzer,address \
    -I "$out/modules" -I "$yams/CYaml/include" -I Sources/CLAPACK -Xcc -DYAML_DECLARE_STATIC \
    $(find $layers -name '*.swift' ! -name Exports.swift | sort) scripts/fuzz/ScenarioLoaderFuzzer.swift \
    "$out"/obj/*.o -llapack -lblas -o "$bin"
fi

echo "== seeding the corpus"
cp scenarios/*.yaml Tests/GovSimCLITests/HostileInputs/*.yaml "$out/corpus/"

echo "== fuzzing for $seconds s"
"$bin" "$out/corpus" -dict=scripts/fuzz/yaml.dict -max_total_time="$seconds" \
    -max_len=8192 -timeout=2 -rss_limit_mb=1024 -artifact_prefix="$out/" -print_final_stats=1 "$@"
