#!/usr/bin/env bash
# Fuzzes the language server's framing reader and JSON reader with libFuzzer.
#   bash bench/fuzz-lsp.sh [SECONDS]     (default 60)
# Builds Sources/PodGradeLSPFuzz (declared only with PODGRADE_FUZZ=1) in .build-fuzz with
# -sanitize=fuzzer,address, seeds a corpus with frames a client sends (and broken ones),
# and runs libFuzzer. Exits non-zero on a crash or a broken property (see the harness).
set -euo pipefail
SECONDS_TO_FUZZ="${1:-${SECONDS_TO_FUZZ:-60}}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SWIFT="${SWIFT:-swift}"
SCRATCH="${FUZZ_SCRATCH:-$ROOT/.build-fuzz}"
ARTIFACTS="${FUZZ_ARTIFACTS:-$ROOT/bench/work/fuzz-lsp-artifacts}"

echo "== building PodGradeLSPFuzz (release, -sanitize=fuzzer,address) in $SCRATCH"
build_start=$(date +%s)
PODGRADE_FUZZ=1 "$SWIFT" build -c release --product PodGradeLSPFuzz --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address
echo "== build took $(( $(date +%s) - build_start ))s"
BIN="$SCRATCH/release/PodGradeLSPFuzz"

CORPUS="$(mktemp -d "${TMPDIR:-/tmp}/podgrade-fuzz-lsp-corpus.XXXXXX")"
LOG="$CORPUS.log"   # outside the corpus: libFuzzer reads every file in it
trap 'rm -rf "$CORPUS" "$LOG"' EXIT
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
seed() { printf '%s' "$2" > "$CORPUS/$1"; }
manifest="$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' Tests/Fixtures/sample-learner/03-sidecar-logging/pod.yaml)"
seed init "x$(frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file:///tmp/r","capabilities":{}}}')"
seed open "a$(frame "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/r/a.yaml\",\"version\":1,\"text\":$manifest}}}")"
seed change "b$(frame '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///tmp/r/a.yaml","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":3}},"text":"k\u00e9\ud83d\ude42"}]}}')"
seed two "c$(frame '{"id":2,"method":"shutdown"}')$(frame '{"method":"exit"}')"
seed broken "dContent-Type: x"$'\r\n\r\n'"{}Content-Length: 99999999999999999999"$'\r\n\r\n'"$(frame '[1,2.5e3,-0,"\\u0000",{"a":null}]')"
seed partial "eContent-Length: 40"$'\r\n\r\n'"{\"jsonrpc\":"
echo "== seed corpus: $(ls "$CORPUS" | wc -l) streams"
mkdir -p "$ARTIFACTS"

status=0
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" "$BIN" "$CORPUS" -max_total_time="$SECONDS_TO_FUZZ" -max_len=16384 -rss_limit_mb=2048 -timeout=5 \
    -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$ARTIFACTS/" 2>&1 | tee "$LOG" || status=$?
echo "== executions: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$' || echo '?')," \
     "exec/s: $(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$' || echo '?')," \
     "coverage: $(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$LOG" | tail -1 || echo '?')"
crashes=$(grep -Eo "Test unit written to [^ ]+" "$LOG" | awk '{print $NF}' || true)
if [ "$status" -ne 0 ] || [ -n "$crashes" ]; then
    echo "== FINDINGS (exit $status):"
    for c in $crashes; do echo "   crash input: $c"; done
    exit 1
fi
echo "== no crash in ${SECONDS_TO_FUZZ}s"
