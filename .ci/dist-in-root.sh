#!/usr/bin/env bash
# Runs inside a minimal Debian root (.ci/dist-roots.sh run), as root, with /test
# prepared by .ci/dist-test-roots.sh: the tarball and .deb of `make dist`, the
# sample learner as a folder (sample/) and as a bare repository (learner.git), and
# the ports of loopback servers on the host (git daemon, a TLS server).
#   bash /test/dist-in-root.sh GIT_PORT TLS_PORT EXPECTED_TOTAL VERSION
# Proves: no libgit2, libyaml or Swift in the root; ldd lists glibc alone; the
# tarball's binary grades the sample from a folder, file:// and git://, and reaches
# a TLS handshake over https://; the .deb installs with dpkg -i and grades.
set -euo pipefail
GIT_PORT="$1" TLS_PORT="$2" TOTAL="$3" VERSION="$4"
RELEASE="$(. /etc/os-release && echo "Debian $VERSION_ID")"
fail() { echo "dist-test [$RELEASE]: $*" >&2; exit 1; }
say() { echo "[$RELEASE] $*"; }

# The root holds none of what the binary links statically.
pkgs=$(dpkg-query -W -f '${Package} ${Status}\n' | awk '$NF == "installed" {print $1}' | grep -E '^(libgit2|libyaml)' || true)
[ -z "$pkgs" ] || fail "the root has packages the test must run without: $(echo $pkgs)"
libs=$(ls /usr/lib/*/libgit2.so* /usr/lib/*/libyaml*.so* 2>/dev/null || true)
[ -z "$libs" ] || fail "the root has libgit2 or libyaml: $libs"
! command -v swift >/dev/null 2>&1 || fail "swift is on PATH"
say "no libgit2, libyaml or Swift; glibc $(ldd --version | sed -n '1s/.* //p')"

grade() { # grade SOURCE: the binary ($PODGRADE) must exit 1 with the sample's score line
  local out status
  set +e
  out=$("$PODGRADE" check "$1" --lang en --color never 2>&1)
  status=$?
  set -e
  [ "$status" -eq 1 ] || { echo "$out" >&2; fail "podgrade check $1 exited $status, expected 1"; }
  local total
  total=$(printf '%s\n' "$out" | grep '^Total:' || true)
  [ "$total" = "$TOTAL" ] || { echo "$out" >&2; fail "podgrade check $1: \"$total\", expected \"$TOTAL\""; }
  say "podgrade check $1: exit 1, $total"
}

# ---- the tarball
mkdir -p /opt/podgrade
tar -xzf /test/podgrade-*-linux-*.tar.gz -C /opt/podgrade --strip-components=1
PODGRADE=/opt/podgrade/bin/podgrade
linked=$(ldd "$PODGRADE" | awk '{print $1}' | sed 's|.*/||' | sort | tr '\n' ' ')
[ "$linked" = "ld-linux-x86-64.so.2 libc.so.6 libm.so.6 linux-vdso.so.1 " ] || fail "ldd lists $linked"
say "ldd: $linked"
[ "$("$PODGRADE" --version)" = "$VERSION" ] || fail "--version printed $("$PODGRADE" --version)"
grade /test/sample
grade file:///test/learner.git
grade "git://127.0.0.1:$GIT_PORT/learner.git"
# https:// reaches a TLS handshake with the loopback server, whose self-signed
# certificate is refused: one line on stderr, exit 2.
set +e
err=$(HOME=/tmp "$PODGRADE" check "https://127.0.0.1:$TLS_PORT/learner.git" --lang en 2>&1 >/dev/null)
status=$?
set -e
[ "$status" -eq 2 ] || fail "check over https:// with an untrusted certificate exited $status: $err"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "check over https:// printed more than one line: $err"
printf '%s\n' "$err" | grep -qi 'certificate' || fail "check over https:// failed without naming the certificate: $err"
say "https://127.0.0.1 (self-signed): exit 2, $err"
rm -rf /opt/podgrade

# ---- the .deb, from the same binary
dpkg -i /test/podgrade_*.deb >/dev/null || fail "dpkg -i of the .deb failed"
[ "$(dpkg-query -W -f '${Status}' podgrade)" = "install ok installed" ] || fail "podgrade is not installed after dpkg -i"
say "dpkg -i: installed, Depends: $(dpkg-query -W -f '${Depends}' podgrade)"
PODGRADE=/usr/bin/podgrade
grade /test/sample
[ -s /usr/share/man/man1/podgrade.1.gz ] || fail "the .deb installed no man page"
dpkg -r podgrade >/dev/null
[ ! -e /usr/bin/podgrade ] || fail "/usr/bin/podgrade is still there after dpkg -r"
say "dpkg -r: removed"
