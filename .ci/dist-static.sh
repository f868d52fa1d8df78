#!/usr/bin/env bash
# Prepares the static link of `make dist` (.ci/dist.sh sources it):
#   DIR=$(bash .ci/dist-static.sh OUTDIR)   prints OUTDIR after filling it with
#   pkgconfig/libgit2.pc, pkgconfig/yaml-0.1.pc   -L OUTDIR first, so -lgit2 -lyaml find...
#   libgit2.so, libyaml.so, libstdc++.so          ...linker scripts naming static archives
#   libpodgrade-stubs.a                     (.ci/dist-stubs.c)
#   libgit2-rest.a, git2-registry.o, dynamic-list  libgit2 whose git_stream_register is exported (below)
# Build with PKG_CONFIG_PATH=OUTDIR/pkgconfig, -Xlinker -LOUTDIR, -Xlinker
# OUTDIR/git2-registry.o and -Xlinker --dynamic-list=OUTDIR/dynamic-list: the
# binary then needs glibc alone (libc, libm, ld-linux). The archives are Debian's
# own (libgit2-dev, libyaml-dev, libmbedtls-dev, libhttp-parser-dev, libssh2-1-dev,
# libssl-dev, libpcre2-dev, zlib1g-dev; libstdc++-12-dev and libgcc-12-dev for the
# C++ runtime Swift's runtime uses).
set -euo pipefail
OUT="${1:?usage: dist-static.sh OUTDIR}"
mkdir -p "$OUT/pkgconfig"
OUT="$(cd "$OUT" && pwd)"
MULTIARCH="$(gcc -print-multiarch)"
LIBDIR="/usr/lib/$MULTIARCH"

archive() {  # archive NAME PACKAGE: the path of NAME's static archive, or fail naming the package
  local path="$LIBDIR/$1"
  [ -f "$path" ] || { echo "dist-static: $path is missing (install $2)" >&2; exit 1; }
  printf '%s' "$path"
}
gccfile() {
  local path
  path="$(gcc -print-file-name="$1")"
  [ -f "$path" ] || { echo "dist-static: gcc has no $1 (install $2)" >&2; exit 1; }
  printf '%s' "$path"
}

cc -O2 -fPIC -c "$(dirname "$0")/dist-stubs.c" -o "$OUT/stubs.o"
rm -f "$OUT/libpodgrade-stubs.a"
ar rcs "$OUT/libpodgrade-stubs.a" "$OUT/stubs.o"

# PodGradeGit installs its socket stream through git_stream_register, which it
# finds with dlsym (DeadlineSocketStream.swift): that symbol must stay in the
# binary's dynamic symbol table. Symbols of archives are hidden by the static
# Swift runtime's --exclude-libs ALL, so libgit2's registry.c.o is taken out of
# the archive (OUTDIR/libgit2-rest.a) and linked as an object of its own
# (OUTDIR/git2-registry.o, given once on the link line), and OUTDIR/dynamic-list
# (--dynamic-list) exports that symbol alone.
rm -rf "$OUT/git2-objects" && mkdir -p "$OUT/git2-objects"
(cd "$OUT/git2-objects" && ar x "$(archive libgit2.a libgit2-dev)" registry.c.o)
[ -f "$OUT/git2-objects/registry.c.o" ] || { echo "dist-static: libgit2.a has no registry.c.o" >&2; exit 1; }
mv "$OUT/git2-objects/registry.c.o" "$OUT/git2-registry.o"
rm -rf "$OUT/git2-objects"
cp "$(archive libgit2.a libgit2-dev)" "$OUT/libgit2-rest.a"
ar d "$OUT/libgit2-rest.a" registry.c.o
echo '{ git_stream_register; };' >"$OUT/dynamic-list"

# libgit2 and what Debian built it with: HTTPS by mbedTLS, SSH by libssh2 (on
# OpenSSL's libcrypto), http-parser, PCRE2, zlib; GSSAPI replaced by the stub.
git2=(
  "$OUT/libgit2-rest.a"
  "$(archive libmbedtls.a libmbedtls-dev)" "$(archive libmbedx509.a libmbedtls-dev)"
  "$(archive libmbedcrypto.a libmbedtls-dev)" "$(archive libhttp_parser.a libhttp-parser-dev)"
  "$(archive libssh2.a libssh2-1-dev)" "$(archive libcrypto.a libssl-dev)"
  "$(archive libpcre2-8.a libpcre2-dev)" "$(archive libz.a zlib1g-dev)"
  "$OUT/libpodgrade-stubs.a"
)
echo "GROUP ( ${git2[*]} )" >"$OUT/libgit2.so"
echo "GROUP ( $(archive libyaml.a libyaml-dev) )" >"$OUT/libyaml.so"
# The Swift runtime's C++ part: libstdc++ and its unwinder, so neither
# libstdc++.so.6 nor libgcc_s.so.1 is needed (arc4random from the stubs: see there).
echo "GROUP ( $(gccfile libstdc++.a libstdc++-12-dev) $(gccfile libgcc_eh.a libgcc-12-dev) $OUT/libpodgrade-stubs.a )" >"$OUT/libstdc++.so"

for pc in libgit2 yaml-0.1; do
  lib=git2; [ "$pc" = yaml-0.1 ] && lib=yaml
  cat >"$OUT/pkgconfig/$pc.pc" <<PC
Name: $pc
Description: $pc linked statically for make dist (.ci/dist-static.sh)
Version: $(pkg-config --modversion "$pc")
Libs: -L$OUT -l$lib
Cflags: $(pkg-config --cflags "$pc")
PC
done
printf '%s\n' "$OUT"
