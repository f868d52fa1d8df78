#!/usr/bin/env bash
# Installs a released podgrade for action.yml: the tarball of `make dist` (one
# self-contained binary, glibc alone), on the runner itself: no container, no
# Swift, no apt, no root. Checked against the release's SHA256SUMS.
#   PODGRADE_VERSION=0.1.0 PODGRADE_RELEASES=https://github.com/OWNER/podgrade/releases/download \
#     bash .ci/dist-install.sh   # fetches vVERSION/podgrade-VERSION-linux-MACHINE.tar.gz and vVERSION/SHA256SUMS
#   PODGRADE_TARBALL_URL=https://.../podgrade-0.1.0-linux-x86_64.tar.gz [PODGRADE_SHA256=HEX] bash .ci/dist-install.sh
# Installs into $PODGRADE_PREFIX, else $RUNNER_TOOL_CACHE/podgrade/VERSION, else
# ~/.local/share/podgrade/VERSION. With $GITHUB_OUTPUT set writes bin=PREFIX/bin/podgrade
# to it; with $GITHUB_PATH set adds PREFIX/bin to the job's PATH.
set -euo pipefail
fail() { echo "podgrade install: $*" >&2; exit 1; }
VERSION="${PODGRADE_VERSION:-}"
URL="${PODGRADE_TARBALL_URL:-}"
SHA256="${PODGRADE_SHA256:-}"
case "$VERSION" in v*) VERSION="${VERSION#v}" ;; esac
MACHINE="$(uname -m)"
[ "$(uname -s)" = Linux ] || fail "the released podgrade is a Linux binary; this runner is $(uname -s)"

if [ -z "$URL" ]; then
  [ -n "$VERSION" ] || fail "set PODGRADE_VERSION (with PODGRADE_RELEASES) or PODGRADE_TARBALL_URL"
  [ -n "${PODGRADE_RELEASES:-}" ] || fail "PODGRADE_RELEASES (the releases download URL) is not set"
  DIR="${PODGRADE_RELEASES%/}/v$VERSION"
  URL="$DIR/podgrade-$VERSION-linux-$MACHINE.tar.gz"
  SUMS="$DIR/SHA256SUMS"
fi
command -v curl >/dev/null 2>&1 || fail "curl is needed to download $URL"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
TAR="$TMP/podgrade.tar.gz"
curl -fsSL --retry 3 -o "$TAR" "$URL" || fail "cannot download $URL"
if [ -n "${SUMS:-}" ]; then
  curl -fsSL --retry 3 -o "$TMP/SHA256SUMS" "$SUMS" || fail "cannot download $SUMS (the release must carry make dist's SHA256SUMS)"
  SHA256="$(awk -v f="$(basename "$URL")" '$2 == f || $2 == "*"f {print $1}' "$TMP/SHA256SUMS")"
  [ -n "$SHA256" ] || fail "$SUMS lists no $(basename "$URL")"
fi
if [ -n "$SHA256" ]; then
  echo "$SHA256  $TAR" | sha256sum -c --quiet - >/dev/null 2>&1 || fail "$URL does not match its SHA-256 $SHA256"
fi

mkdir -p "$TMP/tree"
tar -xzf "$TAR" -C "$TMP/tree" --strip-components=1 || fail "$URL is not a podgrade tarball"
[ -x "$TMP/tree/bin/podgrade" ] || fail "$URL has no bin/podgrade"
installed="$("$TMP/tree/bin/podgrade" --version)" || fail "the downloaded podgrade does not run on $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") (it needs glibc $(cat "$TMP/tree/GLIBC_FLOOR" 2>/dev/null || echo 2.35) or newer)"
if [ -n "$VERSION" ] && [ "$installed" != "$VERSION" ]; then
  fail "the tarball holds podgrade $installed, expected $VERSION"
fi
PREFIX="${PODGRADE_PREFIX:-}"
if [ -z "$PREFIX" ]; then
  if [ -n "${RUNNER_TOOL_CACHE:-}" ]; then PREFIX="$RUNNER_TOOL_CACHE/podgrade/$installed"
  else PREFIX="${HOME:-/tmp}/.local/share/podgrade/$installed"; fi
fi
rm -rf "$PREFIX"
mkdir -p "$(dirname "$PREFIX")"
mv "$TMP/tree" "$PREFIX"
echo "podgrade $installed installed: $PREFIX/bin/podgrade"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "bin=$PREFIX/bin/podgrade" >>"$GITHUB_OUTPUT"; fi
if [ -n "${GITHUB_PATH:-}" ]; then echo "$PREFIX/bin" >>"$GITHUB_PATH"; fi
