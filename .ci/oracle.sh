#!/usr/bin/env bash
# make oracle / make oracle-ci: runs Pods for real with podman and compares what they did
# with what the Pod model predicted (Sources/PodGradeOracle). Sets up what it needs:
#   - podman, runc and busybox-static from Debian's packages, when missing;
#   - .ci/containers.conf (cgroupfs, runc, ulimits these machines accept) through
#     CONTAINERS_CONF, unless the caller gives one;
#   - the busybox image, built from busybox-static (no registry is reachable) and tagged
#     with the names manifests use.
#   bash .ci/oracle.sh [PodGradeOracle options...]    e.g. --pods 40 --strict
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"

missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v runc >/dev/null 2>&1 || missing+=(runc)
[ -x /bin/busybox ] || missing+=(busybox-static)
if [ ${#missing[@]} -gt 0 ]; then
  echo "oracle: installing ${missing[*]}"
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

WORK="${PODGRADE_ORACLE_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/podgrade-oracle.XXXXXX")}"
mkdir -p "$WORK"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/.ci/containers.conf}"

# The busybox image: busybox-static's binary and a link for each applet, PATH as the official image's.
if ! podman image exists localhost/podgrade-oracle-busybox:latest; then
  root="$WORK/busybox-root"
  rm -rf "$root" && mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/root" "$root/var/www"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
  echo 'root:x:0:' > "$root/etc/group"
  chmod 1777 "$root/tmp"
  tar -C "$root" -cf "$WORK/busybox.tar" .
  podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["sh"]' \
    "$WORK/busybox.tar" localhost/podgrade-oracle-busybox:latest >/dev/null
fi
for tag in busybox:latest busybox:1.36 busybox:1.36.1 busybox:1.37 busybox:1.35 busybox:stable; do
  podman tag localhost/podgrade-oracle-busybox:latest "docker.io/library/$tag"
done

"$SWIFT" build --product PodGradeOracle >/dev/null
BIN="$("$SWIFT" build --show-bin-path)/PodGradeOracle"
status=0
"$BIN" --limits bench/oracle-limits.tsv "$@" || status=$?
# Nothing is left behind: the oracle removes each Pod it starts.
left=$(podman pod ls --format '{{.Name}}' | grep -c '^podgrade-oracle-' || true)
if [ "$left" -gt 0 ]; then
  echo "oracle: $left Pods were left behind" >&2
  podman pod ls --format '{{.Name}}' | grep '^podgrade-oracle-' | xargs -r podman pod rm -f -t 0 >/dev/null
  status=1
fi
[ -n "${PODGRADE_ORACLE_WORK:-}" ] || rm -rf "$WORK"
exit $status
