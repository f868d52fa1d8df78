#!/usr/bin/env bash
# Builds the baseline's PodGradeBench for `make bench`'s ratios (see bench/run.sh).
#
#   bash bench/baseline.sh [COMMIT]     prints the path of the baseline's PodGradeBench
#
# The baseline is the grading code of COMMIT (default: BENCH_BASELINE or 264cf07, the tree
# issue 20's "within 10% of today's" refers to; 7a72e94 is issue 12's), taken with `git archive` into
# bench/.baseline/COMMIT (git-ignored; Package.swift, Sources and Tests only) and built release
# once; later runs reuse it.
# Only the harness of a tree older than --unit is changed, by bench/baseline-harness.patch: it adds `--unit DIR`, so
# the baseline and this tree grade the same files. The grading code is the commit's own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMIT="${1:-${BENCH_BASELINE:-264cf07}}"
DIR="$ROOT/bench/.baseline/$COMMIT"
BIN="$DIR/.build/release/PodGradeBench"
if [ ! -x "$BIN" ]; then
  if [ ! -f "$DIR/Package.swift" ]; then
    rm -rf "$DIR"; mkdir -p "$DIR"
    # Only what the package needs to build: no scripts of that tree (its .ci/ read files
    # outside the repository then) lie in this one.
    git -C "$ROOT" archive "$COMMIT" Package.swift Sources Tests | tar -x -C "$DIR"
    # A tree older than the harness's --unit gets it; a newer one has it.
    grep -q -- '--unit' "$DIR/Sources/PodGradeBench/main.swift" || patch -s -p1 -d "$DIR" < "$ROOT/bench/baseline-harness.patch"
  fi
  printf '[bench] building the baseline %s (once)\n' "$COMMIT" >&2
  (cd "$DIR" && swift build -c release --product PodGradeBench 2>&1 | tail -n 1 >&2)
fi
printf '%s\n' "$BIN"
