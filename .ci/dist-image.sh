#!/usr/bin/env bash
# make image: the batch image of deploy/kubernetes/, built with podman from dist/'s
# binary alone: FROM scratch, the binary, the three files of glibc it loads (the
# dynamic loader, libc, libm: the binary is static but for glibc), Debian's CA
# certificates (Mozilla's set, for https:// clones) and /etc/passwd and /etc/group
# naming the non-root user 65532 the Jobs run as. No shell, no package manager.
#   bash .ci/dist-image.sh [IMAGE]     default localhost/podgrade:VERSION
# Context: .build/dist-image/ (rootfs/ and deploy/Containerfile). podman must work
# with CONTAINERS_CONF as README's "The batch image" says (.ci/containers.conf is used
# when CONTAINERS_CONF is unset).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "image: $*" >&2; exit 1; }
export CONTAINERS_CONF="${CONTAINERS_CONF:-$(pwd)/.ci/containers.conf}"
command -v podman >/dev/null 2>&1 || fail "podman is not installed (apt-get install podman runc)"
shopt -s nullglob
tars=(dist/podgrade-*-linux-*.tar.gz)
[ ${#tars[@]} -eq 1 ] || fail "run make dist first (dist/ needs one tarball)"
CTX=.build/dist-image
rm -rf "$CTX" && mkdir -p "$CTX/rootfs/usr/bin" "$CTX/rootfs/etc/ssl/certs" "$CTX/rootfs/tmp"
tar -xzf "${tars[0]}" -C "$CTX" --wildcards '*/bin/podgrade'
mv "$CTX"/podgrade-*/bin/podgrade "$CTX/rootfs/usr/bin/podgrade"
rm -rf "$CTX"/podgrade-*/
BIN="$CTX/rootfs/usr/bin/podgrade"
VERSION="$("$BIN" --version)"
IMAGE="${1:-localhost/podgrade:$VERSION}"

# glibc, as the binary asks for it: each NEEDED library and the interpreter, at the
# paths the build machine's loader finds them.
interp=$(readelf -l "$BIN" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
[ -n "$interp" ] || fail "the binary names no program interpreter"
libs=("$interp")
while read -r lib path; do
  case "$lib" in libc.so.6|libm.so.6) libs+=("$path") ;; *) fail "the binary needs $lib, which is not glibc's" ;; esac
done < <(ldd "$BIN" | awk '$2 == "=>" {print $1, $3}')
for path in "${libs[@]}"; do
  mkdir -p "$CTX/rootfs$(dirname "$path")"
  cp -L "$path" "$CTX/rootfs$path"
done

# Mozilla's CA set as Debian ships it (not the build machine's own additions).
[ -d /usr/share/ca-certificates/mozilla ] || fail "/usr/share/ca-certificates/mozilla is missing (apt-get install ca-certificates)"
cat /usr/share/ca-certificates/mozilla/*.crt >"$CTX/rootfs/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\npodgrade:x:65532:65532:podgrade:/tmp:/sbin/nologin\n' >"$CTX/rootfs/etc/passwd"
printf 'root:x:0:\npodgrade:x:65532:\n' >"$CTX/rootfs/etc/group"
printf 'hosts: files dns\n' >"$CTX/rootfs/etc/nsswitch.conf"
chmod 1777 "$CTX/rootfs/tmp"
cp deploy/Containerfile "$CTX/Containerfile"

podman build --quiet --no-cache -f "$CTX/Containerfile" -t "$IMAGE" "$CTX" >/dev/null ||
  fail "podman build failed"
[ "$(podman run --rm --network none "$IMAGE" --version)" = "$VERSION" ] || fail "$IMAGE does not run podgrade --version"
echo "$IMAGE: $(podman image inspect --format '{{.Size}}' "$IMAGE") bytes, user $(podman image inspect --format '{{.Config.User}}' "$IMAGE")"
