#!/usr/bin/env bash
# Renders a govsim report.html with headless Chromium to a PNG, to check how the report looks
# in a real browser (charts, bands, labels). Not run in CI; writes nothing into the repository
# unless OUT.png is there.
#
# Usage: scripts/render-report.sh [REPORT.html] [OUT.png]
#   defaults: outputs/reference/report.html and outputs/reference/report.png
# Needs Chromium (Debian: apt-get install chromium); installs it with apt-get when running as
# root and it is missing.
set -euo pipefail
report=${1:-outputs/reference/report.html}
out=${2:-${report%.html}.png}
if [ ! -f "$report" ]; then
  echo "render-report: $report: no such file; run 'govsim run' first (it writes report.html)" >&2
  exit 1
fi
browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "render-report: installing chromium with apt-get..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser=chromium
  else
    echo "render-report: Chromium not found; install it (Debian: sudo apt-get install chromium)" >&2
    exit 1
  fi
fi
abs_report=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
case "$out" in /*) abs_out=$out ;; *) abs_out=$(pwd)/$out ;; esac
width=${WIDTH:-1240}
height=${HEIGHT:-3500}
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --screenshot="$abs_out" --window-size="$width,$height" "file://$abs_report" 2>/dev/null
echo "render-report: wrote $abs_out (${width}x${height})"
