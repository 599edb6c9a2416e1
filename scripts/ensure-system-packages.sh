#!/usr/bin/env bash
# Installs the Debian packages govsim needs to build (reference BLAS and LAPACK) when they are
# missing: with apt-get when running as root, with sudo otherwise, and with a clear message
# when neither is possible. Safe to run repeatedly: it does nothing when they are present.
set -euo pipefail
# Build needs BLAS and LAPACK; extra package names given as arguments (the test suite asks for
# `time`, whose GNU time measures child processes' peak memory) are installed too.
packages=(libblas-dev liblapack-dev "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "govsim: installing ${missing[*]}..." >&2
if [ "$(id -u)" -eq 0 ]; then
  runner=()
elif command -v sudo >/dev/null 2>&1; then
  runner=(sudo)
else
  echo "govsim: cannot install ${missing[*]}: not root and sudo is not available." >&2
  echo "govsim: ask an administrator to run: apt-get install ${missing[*]}" >&2
  exit 1
fi
if ! { "${runner[@]}" apt-get update -qq && "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
  echo "govsim: installing ${missing[*]} failed; run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
