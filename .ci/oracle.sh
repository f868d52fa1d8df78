#!/usr/bin/env bash
# make oracle / make oracle-ci: runs Pods for real with podman and compares what they did
# with what the Pod model predicted (Sources/PodGradeOracle). Sets up what it needs:
#   - podman, runc and busybox-static from Debian's packages, when missing;
#   - .ci/containers.conf (cgroupfs, runc, ulimits these machines accept) through
#     CONTAINERS_CONF, unless the caller gives one;
#   - the images (.ci/oracle-images.sh): busybox from busybox-static; nginx, redis and
#     node-exporter from their Debian packages (no registry is reachable), tagged with the
#     names manifests use.
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

# The images: busybox, nginx, redis and node-exporter, built from Debian's packages.
bash .ci/oracle-images.sh "$WORK"

"$SWIFT" build --product PodGradeOracle >/dev/null
BIN="$("$SWIFT" build --show-bin-path)/PodGradeOracle"
# The oracle checks that it leaves none of its Pods behind (they carry its process id).
status=0
"$BIN" --limits bench/oracle-limits.tsv "$@" || status=$?
[ -n "${PODGRADE_ORACLE_WORK:-}" ] || rm -rf "$WORK"
exit $status
