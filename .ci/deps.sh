#!/usr/bin/env bash
# Installs what podgrade needs from Debian's packages, only when it is missing:
# libyaml and libgit2 (system libraries the package links), git (tests build
# real repositories), xmllint and jsonschema (output tests validate against
# the shared schemas), neovim (the language server's end-to-end test drives it),
# chromium (the class report is rendered headless at 1280 px).
set -euo pipefail

missing=()
pkg-config --exists yaml-0.1 2>/dev/null || missing+=(libyaml-dev)
pkg-config --exists libgit2 2>/dev/null || missing+=(libgit2-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
python3 -c 'import jsonschema' >/dev/null 2>&1 || missing+=(python3-jsonschema)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
# python3-jsonschema serves Debian's python; a python3 of its own (pyenv) may need pip.
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  python3 -m pip install -q jsonschema || true
fi
