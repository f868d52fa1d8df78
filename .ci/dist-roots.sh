#!/usr/bin/env bash
# Minimal Debian roots for `make dist-test`, made with debootstrap from Debian's
# archive and kept under .dist-roots/ (git-ignored), so a second run starts at once;
# a fresh clone (CI) makes them again (about 2 minutes each).
#   bash .ci/dist-roots.sh ensure SUITE           prints the root of SUITE (bookworm, trixie)
#   bash .ci/dist-roots.sh run SUITE DIR CMD...   runs CMD inside a throwaway copy of the root
# `run` mounts an overlay over the root (nothing a test does reaches the cache), the
# host's /dev and a fresh /proc, and DIR at /test, in a private mount namespace that
# ends with the command; the network is the host's (loopback servers are reachable).
# Neither root has libgit2, libyaml or Swift; trixie adds git, python3-venv, pipx,
# curl and ca-certificates (the wheel, pre-commit and action tests use them).
# Needs root (debootstrap, chroot, mount).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOTS="${PODGRADE_ROOTS:-$(pwd)/.dist-roots}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

packages() {
  case "$1" in
    bookworm) echo "" ;;
    trixie) echo "git,python3,python3-venv,pipx,ca-certificates,curl" ;;
    *) echo "dist-roots: unknown suite '$1' (bookworm or trixie)" >&2; exit 2 ;;
  esac
}

ensure() {
  local suite="$1" root="$ROOTS/$1" include stamp
  include="$(packages "$suite")"
  stamp="debootstrap --variant=minbase --include=$include $suite"
  if [ -f "$root/.podgrade-root" ] && [ "$(cat "$root/.podgrade-root")" = "$stamp" ]; then
    printf '%s\n' "$root"; return
  fi
  if ! command -v debootstrap >/dev/null 2>&1; then
    echo "dist-roots: installing debootstrap" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap >&2
  fi
  echo "dist-roots: debootstrap $suite into $root (Debian's archive: $MIRROR)" >&2
  rm -rf "$root" "$root.tmp"
  mkdir -p "$ROOTS"
  local args=(--variant=minbase)
  [ -z "$include" ] || args+=("--include=$include")
  debootstrap "${args[@]}" "$suite" "$root.tmp" "$MIRROR" >"$ROOTS/$suite.log" 2>&1 ||
    { tail -n 20 "$ROOTS/$suite.log" >&2; echo "dist-roots: debootstrap $suite failed (log: $ROOTS/$suite.log)" >&2; exit 1; }
  printf '%s\n' "$stamp" >"$root.tmp/.podgrade-root"
  mv "$root.tmp" "$root"
  printf '%s\n' "$root"
}

run() {
  local suite="$1" dir="$2"; shift 2
  local root scratch
  root="$(ensure "$suite")"
  dir="$(cd "$dir" && pwd)"
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/podgrade-root.XXXXXX")"
  mkdir -p "$scratch/upper" "$scratch/work" "$scratch/merged"
  set +e
  unshare -m --propagation private bash -euo pipefail -c '
    root="$1" scratch="$2" dir="$3"; shift 3
    m="$scratch/merged"
    mount -t overlay overlay -o "lowerdir=$root,upperdir=$scratch/upper,workdir=$scratch/work" "$m"
    mount -t proc proc "$m/proc"
    mount --rbind /dev "$m/dev"
    mkdir -p "$m/test"
    mount --bind "$dir" "$m/test"
    cp /etc/resolv.conf "$m/etc/resolv.conf" 2>/dev/null || true
    # The host'"'"'s trust store, so pip reaches PyPI wherever the host does (a proxy'"'"'s CA included).
    if [ -d "$m/etc/ssl/certs" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
      cp /etc/ssl/certs/ca-certificates.crt "$m/etc/ssl/certs/ca-certificates.crt"
    fi
    exec chroot "$m" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      HOME=/root LANG=C.UTF-8 TERM=dumb ${HTTPS_PROXY:+HTTPS_PROXY=$HTTPS_PROXY} ${https_proxy:+https_proxy=$https_proxy} "$@"
  ' dist-roots "$root" "$scratch" "$dir" "$@"
  local status=$?
  set -e
  rm -rf "$scratch"
  return "$status"
}

[ "$(id -u)" -eq 0 ] || { echo "dist-roots: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
case "${1:-}" in
  ensure) ensure "${2:?suite}" ;;
  run) shift; run "$@" ;;
  *) echo "usage: dist-roots.sh ensure SUITE | run SUITE DIR CMD..." >&2; exit 2 ;;
esac
