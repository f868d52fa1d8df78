#!/usr/bin/env bash
# Part of `make dist-test`: dist/'s tarball and .deb in minimal Debian 12 and 13
# roots (.ci/dist-roots.sh) that have no libgit2, libyaml or Swift
# (.ci/dist-in-root.sh says what is checked), then the wheel, pre-commit and the
# action's install script in the Debian 13 root (.ci/dist-in-trixie.sh).
# Loopback servers on the host, reached from inside the roots: a git daemon
# serving the sample learner, and a TLS server with a self-signed certificate.
# Needs root; run `make dist` (and `make wheel`) first.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
fail() { echo "dist-test: $*" >&2; exit 1; }
SUITES="${PODGRADE_DIST_SUITES:-bookworm trixie}"
# The sample's score line as the CLI tests' golden output has it (it moves with the rules).
TOTAL="$(grep '^Total:' Tests/PodGradeCLITests/Golden/sample-learner.en.txt)"
[ -n "$TOTAL" ] || fail "Tests/PodGradeCLITests/Golden/sample-learner.en.txt has no Total: line"

shopt -s nullglob
debs=(dist/podgrade_*.deb); tars=(dist/podgrade-*-linux-*.tar.gz)
[ ${#debs[@]} -eq 1 ] && [ ${#tars[@]} -eq 1 ] || fail "run make dist first (dist/ needs one .deb and one tarball)"
VERSION="$(dpkg-deb -f "${debs[0]}" Version)"

T="$(mktemp -d "${TMPDIR:-/tmp}/podgrade-dist-test.XXXXXX")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$T"; }
trap cleanup EXIT
chmod 0755 "$T"
cp "${debs[0]}" "${tars[0]}" .ci/dist-in-root.sh .ci/dist-in-trixie.sh "$T/"
whls=(dist/podgrade-*-py3-none-manylinux_*.whl)
[ ${#whls[@]} -eq 1 ] || fail "run make wheel first (dist/ needs one podgrade-*.whl)"
cp "${whls[0]}" "$T/"
cp -r Tests/Fixtures/sample-learner "$T/sample"
cp .ci/dist-install.sh "$T/"
cp solutions/06-shared-network/pod.yaml "$T/solution-06.yaml"
# A release as action.yml downloads it: vVERSION/ with the tarball and SHA256SUMS.
mkdir -p "$T/releases/v$VERSION"
cp "${tars[0]}" "$T/releases/v$VERSION/"
(cd dist && sha256sum "$(basename "${tars[0]}")") >"$T/releases/v$VERSION/SHA256SUMS"
# The hooks repository pre-commit clones: this repository's .pre-commit-hooks.yaml.
git init -q "$T/hooks"
cp .pre-commit-hooks.yaml "$T/hooks/"
git -C "$T/hooks" add -A
git -C "$T/hooks" -c user.name=podgrade -c user.email=podgrade@localhost commit -qm hooks
# The sample as a repository: one commit, cloned bare for file:// and git://.
git init -q "$T/learner"
cp -r Tests/Fixtures/sample-learner/. "$T/learner/"
git -C "$T/learner" add -A
git -C "$T/learner" -c user.name=learner -c user.email=learner@localhost commit -qm "lab" --date=2026-01-01T00:00:00Z
git clone -q --bare "$T/learner" "$T/learner.git"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
GIT_PORT="$(free_port)"
git daemon --reuseaddr --export-all --base-path="$T" --listen=127.0.0.1 --port="$GIT_PORT" "$T" >"$T/daemon.log" 2>&1 &
pids+=($!)
TLS_PORT="$(free_port)"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/tls.key" -out "$T/tls.crt" -subj /CN=127.0.0.1 -days 1 >/dev/null 2>&1
openssl s_server -quiet -accept "$TLS_PORT" -cert "$T/tls.crt" -key "$T/tls.key" -www >"$T/tls.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  git ls-remote "git://127.0.0.1:$GIT_PORT/learner.git" >/dev/null 2>&1 && break
  sleep 0.1
done
git ls-remote "git://127.0.0.1:$GIT_PORT/learner.git" >/dev/null || fail "the git daemon does not answer"

for suite in $SUITES; do
  echo "== $suite root: tarball and .deb"
  bash .ci/dist-roots.sh run "$suite" "$T" bash /test/dist-in-root.sh "$GIT_PORT" "$TLS_PORT" "$TOTAL" "$VERSION"
done
if [[ " $SUITES " == *" trixie "* ]]; then
  echo "== trixie root: the wheel (pip, pipx), pre-commit, the action's install script"
  # What the hook's `podgrade check --exercise 06-shared-network` must print for the sample's 06.
  mkdir -p "$T/host" && tar -xzf "${tars[0]}" -C "$T/host" --strip-components=2 --wildcards '*/bin/podgrade'
  TOTAL06="$("$T/host/podgrade" check Tests/Fixtures/sample-learner --exercise 06-shared-network --lang en --color never | grep '^Total:' || true)"
  case "$TOTAL06" in "Total: "*" · 0 of 1 exercise passed") ;; *) fail "the sample's 06 should fail, got \"$TOTAL06\"" ;; esac
  bash .ci/dist-roots.sh run trixie "$T" bash /test/dist-in-trixie.sh "$TOTAL" "$VERSION" "$TOTAL06"
fi
echo "dist-test: the Debian roots passed"
