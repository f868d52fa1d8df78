#!/usr/bin/env bash
# Runs inside the minimal Debian 13 root (.ci/dist-roots.sh run trixie), as root,
# with /test prepared by .ci/dist-test-roots.sh (the wheel, the tarball and its
# SHA256SUMS, the sample learner, the hooks repository, the solution of 06).
#   bash /test/dist-in-trixie.sh EXPECTED_TOTAL VERSION EXPECTED_TOTAL_OF_06
# Proves: the wheel installs with pip into a fresh venv and with pipx, and the
# podgrade it puts on PATH grades the sample; pre-commit (from PyPI) runs the
# hooks of .pre-commit-hooks.yaml on a learner repository, failing a commit of a
# wrong exercise and passing it once fixed; the action's install script installs
# the tarball (no Swift, no container, no root needed) and refuses a bad checksum.
set -euo pipefail
TOTAL="$1" VERSION="$2" TOTAL06="$3"
fail() { echo "dist-test [Debian 13]: $*" >&2; exit 1; }
say() { echo "[Debian 13] $*"; }
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

grade() { # grade BIN SOURCE: exit 1 and the sample's score line
  local out status total
  set +e
  out=$("$1" check "$2" --lang en --color never 2>&1)
  status=$?
  set -e
  total=$(printf '%s\n' "$out" | grep '^Total:' || true)
  [ "$status" -eq 1 ] && [ "$total" = "$TOTAL" ] || { echo "$out" >&2; fail "$1 check $2: exit $status, \"$total\""; }
  say "$1 check $2: exit 1, $total"
}

# ---- the wheel, pip in a fresh venv
whl=(/test/podgrade-*-py3-none-manylinux_*.whl)
[ -f "${whl[0]}" ] || fail "no wheel in /test (make wheel)"
python3 -m venv /tmp/venv
/tmp/venv/bin/pip install -q "${whl[0]}" || fail "pip install of $(basename "${whl[0]}") failed"
[ -x /tmp/venv/bin/podgrade ] || fail "pip put no podgrade into the venv's bin/"
[ "$(/tmp/venv/bin/podgrade --version)" = "$VERSION" ] || fail "the venv's podgrade is not $VERSION"
grade /tmp/venv/bin/podgrade /test/sample
[ "$(/tmp/venv/bin/python -m podgrade --version)" = "$VERSION" ] || fail "python -m podgrade does not run the binary"
say "pip install $(basename "${whl[0]}"): podgrade and python -m podgrade on the venv's PATH"

# ---- pipx
PIPX_HOME=/tmp/pipx PIPX_BIN_DIR=/tmp/pipx-bin pipx install "${whl[0]}" >/dev/null 2>&1 || fail "pipx install failed"
grade /tmp/pipx-bin/podgrade /test/sample
say "pipx install: /tmp/pipx-bin/podgrade"

# ---- pre-commit from PyPI, the hooks of .pre-commit-hooks.yaml
/tmp/venv/bin/pip install -q pre-commit || fail "pip install pre-commit (from PyPI) failed"
say "pre-commit $(/tmp/venv/bin/pre-commit --version | sed 's/^pre-commit //') from PyPI"
export PATH="/tmp/venv/bin:$PATH" PODGRADE_LANG=en
git config --global user.name learner
git config --global user.email learner@localhost
git config --global init.defaultBranch main
git config --global --add safe.directory '*'
hooks=$(git -C /test/hooks rev-parse HEAD)
rm -rf /tmp/lab && mkdir /tmp/lab && cp -r /test/sample/. /tmp/lab/ && cd /tmp/lab
git init -q .
cat >.pre-commit-config.yaml <<YAML
repos:
- repo: /test/hooks
  rev: $hooks
  hooks:
  - id: podgrade-validate
  - id: podgrade-check
YAML
git add -A && git commit -qm "the lab so far" --no-verify
pre-commit install >/dev/null
# A change to 06, still wrong: the commit is refused, with podgrade's verdict.
printf '# still trying\n' >>06-shared-network/pod.yaml
git add 06-shared-network/pod.yaml
set +e
git commit -qm "06: try again" >/tmp/commit1.out 2>&1
status=$?
set -e
[ "$status" -ne 0 ] || { cat /tmp/commit1.out; fail "the commit of a failing 06 was not refused"; }
grep -q "podgrade check (the exercises staged).*Failed" /tmp/commit1.out || { cat /tmp/commit1.out; fail "podgrade-check did not fail"; }
grep -q "06-shared-network" /tmp/commit1.out || { cat /tmp/commit1.out; fail "the refusal does not name 06-shared-network"; }
grep -qF "$TOTAL06" /tmp/commit1.out || { cat /tmp/commit1.out; fail "podgrade-check did not grade 06 alone ($TOTAL06)"; }
grep -q "podgrade validate (the manifests staged).*Passed" /tmp/commit1.out || { cat /tmp/commit1.out; fail "podgrade-validate did not pass"; }
[ "$(git rev-list --count HEAD)" -eq 1 ] || fail "a commit was made anyway"
say "pre-commit: a wrong 06 is refused (podgrade-check Failed, $TOTAL06)"
# A malformed manifest: validate fails too.
cp 06-shared-network/pod.yaml /tmp/pod.keep
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containerz: []\n' >06-shared-network/pod.yaml
git add 06-shared-network/pod.yaml
set +e
pre-commit run podgrade-validate >/tmp/validate.out 2>&1
status=$?
set -e
[ "$status" -eq 1 ] && grep -q "Failed" /tmp/validate.out && grep -q "containerz" /tmp/validate.out ||
  { cat /tmp/validate.out; fail "podgrade-validate did not refuse an unknown field"; }
say "pre-commit: podgrade-validate refuses spec.containerz"
# The solution: the commit goes through.
cp /test/solution-06.yaml 06-shared-network/pod.yaml
git add 06-shared-network/pod.yaml
git commit -qm "06: solved" >/tmp/commit2.out 2>&1 || { cat /tmp/commit2.out; fail "the commit of a passing 06 was refused"; }
grep -q "podgrade check (the exercises staged).*Passed" /tmp/commit2.out || { cat /tmp/commit2.out; fail "podgrade-check did not pass"; }
[ "$(git rev-list --count HEAD)" -eq 2 ] || fail "the passing commit was not made"
say "pre-commit: the solved 06 is committed (podgrade-check Passed)"
cd /

# ---- the action's install script: the tarball of a release, no root needed
mkdir -p /tmp/gh && : >/tmp/gh/output && : >/tmp/gh/path
PODGRADE_VERSION="$VERSION" PODGRADE_RELEASES="file:///test/releases" RUNNER_TOOL_CACHE=/tmp/toolcache \
  GITHUB_OUTPUT=/tmp/gh/output GITHUB_PATH=/tmp/gh/path bash /test/dist-install.sh >/tmp/install.out 2>&1 ||
  { cat /tmp/install.out; fail "dist-install.sh failed"; }
bin=$(sed -n 's/^bin=//p' /tmp/gh/output)
[ -x "$bin" ] || fail "dist-install.sh wrote bin=$bin to GITHUB_OUTPUT, not an executable"
[ "$(cat /tmp/gh/path)" = "$(dirname "$bin")" ] || fail "dist-install.sh added $(cat /tmp/gh/path) to GITHUB_PATH, not $(dirname "$bin")"
grade "$bin" /test/sample
say "dist-install.sh: $bin (GITHUB_OUTPUT and GITHUB_PATH written)"
sed -i 's/^[0-9a-f]\{64\}  podgrade-/0000000000000000000000000000000000000000000000000000000000000000  podgrade-/' /test/releases/v"$VERSION"/SHA256SUMS
set +e
PODGRADE_VERSION="$VERSION" PODGRADE_RELEASES="file:///test/releases" RUNNER_TOOL_CACHE=/tmp/toolcache2 \
  bash /test/dist-install.sh >/tmp/install2.out 2>&1
status=$?
set -e
[ "$status" -ne 0 ] && grep -q "does not match its SHA-256" /tmp/install2.out || { cat /tmp/install2.out; fail "dist-install.sh accepted a tarball that does not match SHA256SUMS"; }
[ ! -e /tmp/toolcache2/podgrade/"$VERSION"/bin/podgrade ] || fail "dist-install.sh left a binary behind after a bad checksum"
say "dist-install.sh refuses a tarball that does not match SHA256SUMS"
