#!/usr/bin/env bash
# What `make dist-test` needs beyond `make deps`, installed with apt only when
# missing: debootstrap (the Debian 12 and 13 roots), dpkg-dev (dpkg-shlibdeps),
# openssl (the loopback TLS server), python3-yaml (reading action.yml and the Job),
# podman with runc and catatonit (the batch image and the Job's pod template).
set -euo pipefail
missing=()
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v dpkg-shlibdeps >/dev/null 2>&1 || missing+=(dpkg-dev)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v runc >/dev/null 2>&1 || missing+=(runc)
command -v catatonit >/dev/null 2>&1 || [ -x /usr/libexec/podman/catatonit ] || missing+=(catatonit)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "dist-deps: installing ${missing[*]}"
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
