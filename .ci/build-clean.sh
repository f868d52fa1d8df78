#!/usr/bin/env bash
# Runs a build command and fails when the compiler warns about the project's own
# code: the project keeps zero warnings. Warnings of dependencies (under .build/)
# are not ours to fix and are let through.
#   bash .ci/build-clean.sh swift build --build-tests
set -uo pipefail
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || exit "$status"
ours=$(grep -E '^/[^ ]+\.swift:[0-9]+:[0-9]+: warning:' "$log" | grep -v '/\.build' | sort -u)
if [ -n "$ours" ]; then
  echo "build: the compiler warned about the project's code (keep it at zero):" >&2
  echo "$ours" >&2
  exit 1
fi
