#!/usr/bin/env bash
# make bench, section 7: start-up of the dist binary (the one learners install:
# .ci/dist.sh --binary) beside `git --version`, in one hyperfine run:
#   podgrade --version                         target: within 3x of git --version
#   podgrade check of the sample learner       target: within 6x of git --version
# Alone: `bash bench/startup.sh` prints the three medians and the two ratios.
# BENCH_STARTUP_ROUNDS (default 10) alternating rounds share the runs.
# From bench/run.sh: `bash bench/startup.sh FIGDIR` writes them as figures.
# BENCH_STARTUP_RUNS (default 300) runs of each; BENCH_NO_BUILD=1 with
# PODGRADE_DIST_BIN=FILE measures that binary instead of building one.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FIG="${1:-}"
RUNS="${BENCH_STARTUP_RUNS:-300}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/podgrade-startup.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
BIN="${PODGRADE_DIST_BIN:-$WORK/podgrade}"
if [ "${BENCH_NO_BUILD:-0}" != 1 ] || [ -z "${PODGRADE_DIST_BIN:-}" ]; then
  bash .ci/dist.sh --binary "$BIN" >"$WORK/build.log" 2>&1 || { tail -n 20 "$WORK/build.log" >&2; exit 1; }
fi
command -v hyperfine >/dev/null 2>&1 || { echo "startup: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
SAMPLE="$ROOT/Tests/Fixtures/sample-learner"
# The three commands in alternating rounds (hyperfine runs one command's runs back to back,
# so a machine that slows down midway would skew a single run's ratio); each median is over
# every round's runs.
ROUNDS="${BENCH_STARTUP_ROUNDS:-10}"
for round in $(seq 1 "$ROUNDS"); do
  hyperfine -N -i --warmup 5 --runs "$(( (RUNS + ROUNDS - 1) / ROUNDS ))" --export-json "$WORK/startup-$round.json" \
    "git --version" "$BIN --version" "$BIN check $SAMPLE --color never" >/dev/null 2>&1
done
python3 - "$WORK" "$FIG" <<'PY'
import glob, json, os, statistics, sys
times = [[], [], []]
for path in glob.glob(os.path.join(sys.argv[1], "startup-*.json")):
    for i, result in enumerate(json.load(open(path))["results"]):
        times[i] += result["times"]
git, version, check = (statistics.median(t) * 1000 for t in times)
figures = {"startup_git_ms": git, "startup_version_ms": version, "startup_check_ms": check,
           "startup_version_ratio": version / git, "startup_check_ratio": check / git}
if len(sys.argv) > 2 and sys.argv[2]:
    for name, value in figures.items():
        open(os.path.join(sys.argv[2], name), "w").write(f"{value}\n")
else:
    print(f"git --version {git:.2f} ms; podgrade --version {version:.2f} ms ({version/git:.2f}x, target <= 3); "
          f"podgrade check sample {check:.2f} ms ({check/git:.2f}x, target <= 6) (medians)")
PY
