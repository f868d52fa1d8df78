#!/usr/bin/env bash
# make dist-test: installs dist/podgrade_*.deb with dpkg -i and runs it with the
# Swift toolchain hidden (its folder covered by an empty tmpfs in a private mount
# namespace), proving a learner needs nothing from Swift. Then removes the package.
# Then: the tarball and the .deb in minimal Debian 12 and 13 roots, the wheel,
# pre-commit and the action's install script in Debian 13 (.ci/dist-test-roots.sh);
# the batch image and the Job's pod template under podman (.ci/dist-image-test.sh).
# Needs root (dpkg, unshare, debootstrap, podman); run `make dist wheel` first
# (the make target does).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
SWIFT="${SWIFT:-swift}"
fail() { echo "dist-test: $*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  exec sudo -E env "PATH=$PATH" bash "$0" "$@"
fi
bash .ci/dist-deps.sh
shopt -s nullglob
debs=(dist/podgrade_*.deb)
tars=(dist/podgrade-*-linux-*.tar.gz)
[ ${#debs[@]} -eq 1 ] || fail "expected one dist/podgrade_*.deb (run make dist), found ${#debs[@]}"
[ ${#tars[@]} -eq 1 ] || fail "expected one dist/podgrade-*-linux-*.tar.gz (run make dist), found ${#tars[@]}"
DEB="${debs[0]}"
if dpkg-query -W -f '${Status}' podgrade 2>/dev/null | grep -q 'installed'; then
  fail "podgrade is already installed as a package; this test would replace and remove it (dpkg -r podgrade first)"
fi

# Where the toolchain lives: /opt/swift for /opt/swift/usr/bin/swift. A toolchain
# installed into /usr itself cannot be hidden whole; its Swift libraries are.
SWIFT_BIN="$(readlink -f "$(command -v "$SWIFT")")"
TOOLCHAIN="$(dirname "$(dirname "$(dirname "$SWIFT_BIN")")")"
HIDE=("$TOOLCHAIN")
if [ "$TOOLCHAIN" = "/" ] || [ "$TOOLCHAIN" = "/usr" ] || [ "$TOOLCHAIN" = "/usr/local" ]; then
  HIDE=("$TOOLCHAIN/lib/swift" "$TOOLCHAIN/lib/swift_static" "$(dirname "$SWIFT_BIN")")
fi
[ -e "${HIDE[0]}/usr/lib/swift/linux/libswiftCore.so" ] || [ -e "${HIDE[0]}/linux/libswiftCore.so" ] ||
  echo "dist-test: note: no libswiftCore.so found under ${HIDE[0]}"

trap 'dpkg -r podgrade >/dev/null 2>&1 || true' EXIT
echo "== dpkg -i $DEB"
dpkg -i "$DEB" >/dev/null

echo "== the installed package, toolchain hidden (${HIDE[*]})"
mounts=""
for dir in "${HIDE[@]}"; do mounts+="mount -t tmpfs -o ro,size=1k none '$dir'; "; done
PODGRADE_LANG=en unshare -m --propagation private bash -euo pipefail -c "$mounts"'
  fail() { echo "dist-test: $*" >&2; exit 1; }
  cd "$1"
  ! command -v swift >/dev/null 2>&1 || fail "swift is still on PATH: $(command -v swift)"
  ! ldconfig -p | grep -q libswiftCore || fail "libswiftCore is still known to the loader"
  missing=$(ldd /usr/bin/podgrade | grep "not found" || true)
  [ -z "$missing" ] || fail "podgrade needs libraries that are missing: $missing"

  [ "$(command -v podgrade)" = /usr/bin/podgrade ] || fail "podgrade on PATH is $(command -v podgrade), not /usr/bin/podgrade"
  version=$(podgrade --version)
  [ "$version" = "$2" ] || fail "podgrade --version printed \"$version\", expected \"$2\""
  echo "podgrade --version: $version"

  set +e
  out=$(podgrade check Tests/Fixtures/sample-learner --color never 2>&1)
  status=$?
  set -e
  [ "$status" -eq 1 ] || { echo "$out"; fail "podgrade check on the sample learner exited $status, expected 1"; }
  total=$(printf "%s\n" "$out" | grep "^Total:" || true)
  [ "$total" = "$(grep "^Total:" Tests/PodGradeCLITests/Golden/sample-learner.en.txt)" ] ||
    { echo "$out"; fail "unexpected score line: \"$total\""; }
  echo "podgrade check Tests/Fixtures/sample-learner: exit 1, $total"

  # The man page names every subcommand the binary has; completions are installed.
  subs=$(podgrade --experimental-dump-help | python3 -c "import json,sys; print(\" \".join(s[\"commandName\"] for s in json.load(sys.stdin)[\"command\"][\"subcommands\"]))")
  page=$(gzip -dc /usr/share/man/man1/podgrade.1.gz)
  for sub in $subs; do
    printf "%s\n" "$page" | grep -qx ".SS \"podgrade $sub\"" || fail "the man page has no section for podgrade $sub"
  done
  echo "man page: a section for each of: $subs"
  ru=$(gzip -dc /usr/share/man/ru/man1/podgrade.1.gz)
  # groff spells Cyrillic as \[uXXXX]: "Проверить" begins the description of check.
  printf "%s\n" "$ru" | grep -qF "\[u041F]\[u0440]\[u043E]\[u0432]\[u0435]\[u0440]\[u0438]\[u0442]\[u044C]" || fail "the Russian man page is not in Russian"
  printf "%s\n" "$page" | grep -q "Grade a repository" || fail "the English man page is not in English"
  for f in /usr/share/bash-completion/completions/podgrade /usr/share/zsh/vendor-completions/_podgrade \
           /usr/share/fish/vendor_completions.d/podgrade.fish /usr/share/doc/podgrade/copyright; do
    [ -s "$f" ] || fail "$f is missing or empty"
  done
  bash -n /usr/share/bash-completion/completions/podgrade || fail "the bash completion script does not parse"
  grep -q "check" /usr/share/bash-completion/completions/podgrade || fail "the bash completion does not offer check"
  echo "completions and copyright installed"
' dist-test "$REPO" "$(dpkg-deb -f "$DEB" Version)"

echo "== dpkg -r podgrade"
dpkg -r podgrade >/dev/null
trap - EXIT
[ ! -e /usr/bin/podgrade ] || fail "/usr/bin/podgrade is still there after dpkg -r"

# action.yml's path for a published release: .ci/dist-install.sh fetches
# vVERSION/podgrade-VERSION-linux-MACHINE.tar.gz, checks it against vVERSION/SHA256SUMS
# and unpacks it (no root; the Debian 13 root runs it too, with a bad checksum);
# then the action's Grade step runs on the sample learner.
VERSION="$(dpkg-deb -f "$DEB" Version)"
REL="$(mktemp -d)"
trap 'rm -rf "$REL"' EXIT
mkdir -p "$REL/releases/v$VERSION" "$REL/learner"
cp "${tars[0]}" dist/SHA256SUMS "$REL/releases/v$VERSION/"
echo "== action.yml: install release $VERSION from file://$REL/releases"
PODGRADE_VERSION="$VERSION" PODGRADE_RELEASES="file://$REL/releases" GITHUB_OUTPUT="$REL/output" \
  RUNNER_TOOL_CACHE="$REL/toolcache" bash .ci/dist-install.sh
BIN_INSTALLED="$REL/toolcache/podgrade/$VERSION/bin/podgrade"
[ "$(cat "$REL/output")" = "bin=$BIN_INSTALLED" ] || fail "dist-install.sh wrote \"$(cat "$REL/output")\" to GITHUB_OUTPUT"
cp -r Tests/Fixtures/sample-learner/. "$REL/learner/"
python3 -c 'import sys, yaml
steps = yaml.safe_load(open(sys.argv[1]))["runs"]["steps"]
print(next(s["run"] for s in steps if s["name"] == "Grade"))' action.yml >"$REL/grade.sh"
set +e
(cd "$REL/learner" && PODGRADE="$BIN_INSTALLED" PODGRADE_LANG=en EXERCISES="03-sidecar-logging" SARIF=out.sarif \
  bash -euo pipefail "$REL/grade.sh" >"$REL/grade.out" 2>&1)
status=$?
set -e
[ "$status" -le 1 ] || { cat "$REL/grade.out"; fail "action.yml's Grade step exited $status"; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"] == "2.1.0", d.get("version")' "$REL/learner/out.sarif" ||
  fail "action.yml's Grade step wrote no SARIF 2.1.0 file"
grep -q '^::' "$REL/grade.out" || { cat "$REL/grade.out"; fail "action.yml's Grade step printed no workflow commands"; }
echo "action.yml Grade step: exit $status, out.sarif and workflow commands written"
rm -rf "$REL"
trap - EXIT

# The tarball: the same binary and the files README promises.
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
tar -xzf "${tars[0]}" -C "$TMP"
top="$TMP/$(basename "${tars[0]}" .tar.gz)"
for f in bin/podgrade completions/podgrade.bash completions/_podgrade completions/podgrade.fish man/man1/podgrade.1 man/ru/man1/podgrade.1 README; do
  [ -s "$top/$f" ] || fail "the tarball has no $f"
done
[ "$("$top/bin/podgrade" --version)" = "$(dpkg-deb -f "$DEB" Version)" ] || fail "the tarball's podgrade has another version"
echo "tarball: bin/, completions/, man/, README present"
# The tarball and the .deb in minimal Debian 12 and 13 roots without libgit2,
# libyaml or Swift; the wheel, pre-commit and the action's install script in Debian 13.
bash .ci/dist-test-roots.sh
# The batch image (FROM scratch) built with podman, the grade Job's pod template
# played for indexes 0-3, the merged shards equal to a lone run.
bash .ci/dist-image-test.sh
echo "dist-test: passed"
