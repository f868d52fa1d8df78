#!/usr/bin/env bash
# Installs a released podgrade .deb (made by `make dist`) with apt, so no Swift
# toolchain is needed. action.yml runs it when its `version` or `deb-url` is set.
#   PODGRADE_VERSION=0.1.0 PODGRADE_RELEASES=https://github.com/OWNER/podgrade/releases/download \
#     bash .ci/dist-install.sh     # fetches vVERSION/podgrade_VERSION_ARCH.deb, checked against vVERSION/SHA256SUMS
#   PODGRADE_DEB_URL=https://.../podgrade_0.1.0_amd64.deb [PODGRADE_SHA256=HEX] bash .ci/dist-install.sh
# With $GITHUB_OUTPUT set, writes bin=/usr/bin/podgrade to it.
set -euo pipefail
fail() { echo "podgrade install: $*" >&2; exit 1; }
VERSION="${PODGRADE_VERSION:-}"
URL="${PODGRADE_DEB_URL:-}"
SHA256="${PODGRADE_SHA256:-}"
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
command -v apt-get >/dev/null 2>&1 || fail "the released package is a .deb for Debian 12; this machine has no apt-get"
ARCH="$(dpkg --print-architecture)"

if [ -z "$URL" ]; then
  [ -n "$VERSION" ] || fail "set PODGRADE_VERSION (with PODGRADE_RELEASES) or PODGRADE_DEB_URL"
  [ -n "${PODGRADE_RELEASES:-}" ] || fail "PODGRADE_RELEASES (the releases download URL) is not set"
  case "$VERSION" in v*) VERSION="${VERSION#v}" ;; esac
  DIR="${PODGRADE_RELEASES%/}/v$VERSION"
  URL="$DIR/podgrade_${VERSION}_${ARCH}.deb"
  SUMS="$DIR/SHA256SUMS"
fi

if ! command -v curl >/dev/null 2>&1; then
  echo "podgrade install: installing curl"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends curl ca-certificates >/dev/null
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
DEB="$TMP/$(basename "$URL")"
case "$DEB" in *.deb) ;; *) DEB="$TMP/podgrade.deb" ;; esac
curl -fsSL --retry 3 -o "$DEB" "$URL" || fail "cannot download $URL"
if [ -n "${SUMS:-}" ]; then
  curl -fsSL --retry 3 -o "$TMP/SHA256SUMS" "$SUMS" || fail "cannot download $SUMS (the release must carry make dist's SHA256SUMS)"
  SHA256="$(awk -v f="$(basename "$URL")" '$2 == f || $2 == "*"f {print $1}' "$TMP/SHA256SUMS")"
  [ -n "$SHA256" ] || fail "$SUMS lists no $(basename "$URL")"
fi
if [ -n "$SHA256" ]; then
  echo "$SHA256  $DEB" | sha256sum -c --quiet - || fail "$URL does not match its SHA-256 $SHA256"
fi

# The .deb is built on Debian 12: its Depends name that release's library
# packages (libgit2-1.5...). Say so plainly where they do not exist.
need_update=
deps="$(dpkg-deb -f "$DEB" Depends | sed 's/ *([^)]*)//g; s/,/ /g')"
for pkg in $deps; do apt-cache show "$pkg" >/dev/null 2>&1 || need_update=1; done
if [ -n "$need_update" ]; then
  $SUDO apt-get update -qq
  for pkg in $deps; do
    apt-cache show "$pkg" >/dev/null 2>&1 ||
      fail "$(. /etc/os-release && echo "$PRETTY_NAME") has no package $pkg, which the podgrade .deb (built for Debian 12) needs; run the job in a Debian 12 container (container: debian:12) or build from source (no version input)"
  done
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$DEB" >/dev/null
installed="$(/usr/bin/podgrade --version)" || fail "the installed podgrade does not run"
if [ -n "$VERSION" ] && [ "$installed" != "$VERSION" ]; then
  fail "installed podgrade $installed, expected $VERSION"
fi
echo "podgrade $installed installed: /usr/bin/podgrade"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "bin=/usr/bin/podgrade" >>"$GITHUB_OUTPUT"; fi
