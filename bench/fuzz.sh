#!/usr/bin/env bash
# Fuzzes podgrade's whole path from bytes to graded, rendered result with libFuzzer.
#   bash bench/fuzz.sh [SECONDS]     (default 60; `make fuzz SECONDS_TO_FUZZ=600`)
# Builds Sources/PodGradeFuzz (declared only with PODGRADE_FUZZ=1) in .build-fuzz with
# -sanitize=fuzzer,address, seeds a corpus from solutions/, exercises/*/{wrong,starter}/
# and Tests/Fixtures/corpus/, and runs libFuzzer. Exits non-zero on a crash; the crashing
# input's path is printed (FUZZ_ARTIFACTS, default bench/work/fuzz-artifacts/).
set -euo pipefail
SECONDS_TO_FUZZ="${1:-${SECONDS_TO_FUZZ:-60}}"
[ -n "$SECONDS_TO_FUZZ" ] || SECONDS_TO_FUZZ=60
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SWIFT="${SWIFT:-swift}"
SCRATCH="${FUZZ_SCRATCH:-$ROOT/.build-fuzz}"
ARTIFACTS="${FUZZ_ARTIFACTS:-$ROOT/bench/work/fuzz-artifacts}"
JOBS="${FUZZ_JOBS:-1}"   # >1: libFuzzer fork mode with that many workers

echo "== building PodGradeFuzz (release, -sanitize=fuzzer,address) in $SCRATCH"
build_start=$(date +%s)
PODGRADE_FUZZ=1 "$SWIFT" build -c release --product PodGradeFuzz --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address
echo "== build took $(( $(date +%s) - build_start ))s"
BIN="$SCRATCH/release/PodGradeFuzz"

CORPUS="$(mktemp -d "${TMPDIR:-/tmp}/podgrade-fuzz-corpus.XXXXXX")"
trap 'rm -rf "$CORPUS"' EXIT
n=0
copy() { # copy every manifest below $1 under a unique flat name
    [ -d "$1" ] || return 0
    while IFS= read -r -d '' f; do
        n=$((n + 1))
        cp "$f" "$CORPUS/seed-$n-$(basename "$f")"
    done < <(find "$1" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -size -65k -print0)
}
copy solutions
for d in exercises/*/wrong exercises/*/starter; do copy "$d"; done
copy Tests/Fixtures/corpus
echo "== seed corpus: $n files"
mkdir -p "$ARTIFACTS"

status=0
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" "$BIN" "$CORPUS" -max_total_time="$SECONDS_TO_FUZZ" -max_len=65536 -rss_limit_mb=2048 -timeout=5 -detect_leaks=0 \
    $([ "$JOBS" -gt 1 ] && echo "-fork=$JOBS") -print_final_stats=1 -artifact_prefix="$ARTIFACTS/" 2>&1 | tee "$CORPUS/.log" || status=$?
echo "== executions: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$CORPUS/.log" | tail -1 | grep -o '[0-9]*$' || echo '?')," \
     "exec/s: $(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$CORPUS/.log" | tail -1 | grep -o '[0-9]*$' || echo '?')," \
     "coverage: $(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$CORPUS/.log" | tail -1 || echo '?')"
crashes=$(grep -Eo "(Test unit written to|artifact_prefix='[^']*'; Test unit written to) [^ ]+" "$CORPUS/.log" | awk '{print $NF}' || true)
if [ "$status" -ne 0 ] || [ -n "$crashes" ]; then
    echo "== FINDINGS (exit $status):"
    for c in $crashes; do echo "   crash input: $c"; done
    exit 1
fi
echo "== no crash in ${SECONDS_TO_FUZZ}s"
