#!/usr/bin/env bash
# Fuzzes podgrade with libFuzzer (Sources/PodGradeFuzz, declared only with PODGRADE_FUZZ=1).
#   bash bench/fuzz.sh [SECONDS]     (default 60; `make fuzz SECONDS_TO_FUZZ=600`)
# FUZZ_MODE chooses what is fuzzed:
#   grade  bytes to a graded, rendered result; byte 0 of an input selects the exercise,
#          byte 1 the language, reporter, placement and validation (see the harness);
#   model  the Pod wiring model alone (PodModel: shell splitting, $VAR expansion, Envoy
#          configs): each input is modelled as a manifest and embedded as a script;
#   both   (default) half the time each.
# FUZZ_RUNS=N stops a mode after N executions (libFuzzer -runs), whichever comes first;
# FUZZ_MODEL_MAX_LEN (default 2048) bounds model inputs (grade: 65536);
# FUZZ_JOBS>1 uses libFuzzer's fork mode; FUZZ_CORPUS=DIR keeps (and reuses) the corpus.
# Builds in .build-fuzz with -sanitize=fuzzer,address, seeds from solutions/,
# exercises/*/{starter,wrong,right,wrong-pending}/, Tests/Fixtures/corpus/ (and for model,
# the scripts and Envoy configurations in bench/fuzz-seeds/model/), uses the
# dictionary bench/fuzz.dict. Exits non-zero on a crash or timeout; the input's path is
# printed (FUZZ_ARTIFACTS, default bench/work/fuzz-artifacts/). Logs go to FUZZ_LOGS
# (default bench/work/fuzz-logs/), never into the corpus (libFuzzer would mutate them).
set -euo pipefail
SECONDS_TO_FUZZ="${1:-${SECONDS_TO_FUZZ:-60}}"
[ -n "$SECONDS_TO_FUZZ" ] || SECONDS_TO_FUZZ=60
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SWIFT="${SWIFT:-swift}"
SCRATCH="${FUZZ_SCRATCH:-$ROOT/.build-fuzz}"
ARTIFACTS="${FUZZ_ARTIFACTS:-$ROOT/bench/work/fuzz-artifacts}"
LOGS="${FUZZ_LOGS:-$ROOT/bench/work/fuzz-logs}"
JOBS="${FUZZ_JOBS:-1}"   # >1: libFuzzer fork mode with that many workers
MODE="${FUZZ_MODE:-both}"
RUNS="${FUZZ_RUNS:--1}"
case "$MODE" in grade|model|both) ;; *) echo "fuzz.sh: FUZZ_MODE must be grade, model or both, not '$MODE'" >&2; exit 2;; esac

echo "== building PodGradeFuzz (release, -sanitize=fuzzer,address) in $SCRATCH"
build_start=$(date +%s)
PODGRADE_FUZZ=1 "$SWIFT" build -c release --product PodGradeFuzz --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address
echo "== build took $(( $(date +%s) - build_start ))s"
BIN="$SCRATCH/release/PodGradeFuzz"
mkdir -p "$ARTIFACTS" "$LOGS"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/podgrade-fuzz.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
# Exercise ids sorted as the harness sorts them: byte 0 of a grade input is an index here.
mapfile -t EXERCISES < <(cd exercises && for d in */; do [ -f "$d/spec.yaml" ] && echo "${d%/}"; done | LC_ALL=C sort)
index_of() { local i; for i in "${!EXERCISES[@]}"; do [ "${EXERCISES[$i]}" = "$1" ] && { echo "$i"; return; }; done; echo $(( n % ${#EXERCISES[@]} )); }

n=0
seed() { # seed MODE DIR SLUG: every manifest below DIR, for grade inputs prefixed with SLUG's index and varied flags
    [ -d "$2" ] || return 0
    local f ex
    while IFS= read -r -d '' f; do
        n=$((n + 1))
        if [ "$1" = grade ]; then
            ex=$(index_of "$3")
            { printf "\\$(printf '%03o' "$ex")\\$(printf '%03o' $(( n % 64 )))"; cat "$f"; } > "$4/seed-$n-$(basename "$f")"
        else
            cp "$f" "$4/seed-$n-$(basename "$f")"
        fi
    done < <(find "$2" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) ! -name cases.yaml -size -65k -print0)
}
seeds() { # seeds MODE DIR
    n=0
    local d slug
    for d in solutions/*/; do slug=$(basename "$d"); seed "$1" "$d" "$slug" "$2"; done
    for d in exercises/*/starter exercises/*/wrong exercises/*/right exercises/*/wrong-pending; do
        slug=$(basename "$(dirname "$d")"); seed "$1" "$d" "$slug" "$2"
    done
    seed "$1" Tests/Fixtures/corpus "" "$2"
    if [ "$1" = model ]; then # scripts and Envoy configurations, modelled embedded in a Pod
        for f in bench/fuzz-seeds/model/*; do n=$((n + 1)); cp "$f" "$2/seed-$n-$(basename "$f")"; done
    fi
}

campaign() { # campaign MODE SECONDS
    local mode="$1" seconds="$2" corpus status=0 log maxlen=65536
    [ "$mode" = model ] && maxlen="${FUZZ_MODEL_MAX_LEN:-2048}"   # scripts and Pods; longer ones only cost time
    corpus="${FUZZ_CORPUS:+$FUZZ_CORPUS/$mode}"
    corpus="${corpus:-$TMP/corpus-$mode}"
    mkdir -p "$corpus" "$TMP/seeds-$mode"
    seeds "$mode" "$TMP/seeds-$mode"
    log="$LOGS/fuzz-$mode-$(date -u +%Y%m%dT%H%M%SZ).log"
    echo "== mode $mode: ${seconds}s, runs $RUNS, seed corpus $n files, log $log"
    PODGRADE_FUZZ_MODE="$mode" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:malloc_context_size=2:max_malloc_fill_size=0}" "$BIN" "$corpus" "$TMP/seeds-$mode" \
        -max_total_time="$seconds" -runs="$RUNS" -dict=bench/fuzz.dict -max_len="$maxlen" -rss_limit_mb=2048 -timeout=5 \
        -detect_leaks=0 $([ "$JOBS" -gt 1 ] && echo "-fork=$JOBS") -print_final_stats=1 -artifact_prefix="$ARTIFACTS/" \
        2>&1 | tee "$log" || status=$?
    echo "== $mode: executions: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')," \
         "exec/s: $(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')," \
         "coverage: $(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || echo '?')," \
         "peak RSS: $(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?') MB," \
         "load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
    local crashes
    crashes=$(grep -Eo "Test unit written to [^ ]+" "$log" | awk '{print $NF}' || true)
    if [ "$status" -ne 0 ] || [ -n "$crashes" ]; then
        echo "== FINDINGS in mode $mode (exit $status; reproduce: PODGRADE_FUZZ_MODE=$mode $BIN INPUT):"
        for c in $crashes; do echo "   crash input: $c"; done
        return 1
    fi
    echo "== $mode: no crash or timeout"
}

failed=0
case "$MODE" in
    both)
        first=$(( SECONDS_TO_FUZZ / 2 )); [ "$first" -gt 0 ] || first=1
        second=$(( SECONDS_TO_FUZZ - first )); [ "$second" -gt 0 ] || second=1
        campaign grade "$first" || failed=1
        campaign model "$second" || failed=1 ;;
    *) campaign "$MODE" "$SECONDS_TO_FUZZ" || failed=1 ;;
esac
exit "$failed"
