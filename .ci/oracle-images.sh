#!/usr/bin/env bash
# The images the oracle and `check --run`'s tests run, built here since no registry is
# reachable: each a root made of busybox-static's applets plus, for the servers, the program
# of a Debian package (unpacked with dpkg-deb, never installed on the host) and the shared
# libraries it needs, configured as the official image is, and tagged with the names
# manifests use.
#   bash .ci/oracle-images.sh WORKDIR        (CONTAINERS_CONF as .ci/oracle.sh sets it)
set -euo pipefail
WORK="$1"
mkdir -p "$WORK"

# A root with busybox and its applets, the way the official busybox image is laid out.
busybox_root() {
  local root="$1"
  rm -rf "$root" && mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/root" "$root/var/www" "$root/var/run"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  chmod 1777 "$root/tmp"
}

# Copies a program and the shared libraries it loads (with the loader) into a root.
with_libraries() {
  local root="$1" program="$2"
  for lib in $(LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu" ldd "$program" | awk '/=>/ {print $3} /ld-linux/ {print $1}' | grep '^/' | grep -v "^$root"); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

unpack() { # unpack PACKAGE... into $WORK/debs
  mkdir -p "$WORK/debs"
  (cd "$WORK/debs" && for p in "$@"; do ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download -qq "$p" 2>/dev/null; done)
  for p in "$@"; do dpkg-deb -x "$WORK/debs/${p}"_*.deb "$WORK/unpacked"; done
}

import() { # import ROOT NAME CHANGES... then tag NAME TAGS...
  local root="$1" name="$2"; shift 2
  local changes=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')
  while [ $# -gt 0 ] && [ "$1" != -- ]; do changes+=(--change "$1"); shift; done
  shift
  tar -C "$root" -cf "$WORK/$name.tar" .
  podman import "${changes[@]}" "$WORK/$name.tar" "localhost/podgrade-oracle-$name:latest" >/dev/null
  for tag in "$@"; do podman tag "localhost/podgrade-oracle-$name:latest" "$tag"; done
}

if ! podman image exists localhost/podgrade-oracle-busybox:latest; then
  busybox_root "$WORK/busybox-root"
  import "$WORK/busybox-root" busybox 'CMD ["sh"]' --
fi
for tag in busybox:latest busybox:1.36 busybox:1.36.1 busybox:1.37 busybox:1.35 busybox:stable; do
  podman tag localhost/podgrade-oracle-busybox:latest "docker.io/library/$tag"
done

if ! podman image exists localhost/podgrade-oracle-nginx:latest; then
  unpack nginx nginx-common
  root="$WORK/nginx-root"
  busybox_root "$root"
  mkdir -p "$root/usr/sbin" "$root/etc/nginx/conf.d" "$root/usr/share/nginx/html" "$root/var/log/nginx" "$root/var/lib/nginx" "$root/var/cache/nginx"
  cp "$WORK/unpacked/usr/sbin/nginx" "$root/usr/sbin/nginx"
  cp "$WORK/unpacked/etc/nginx/mime.types" "$root/etc/nginx/mime.types"
  with_libraries "$root" "$root/usr/sbin/nginx"
  # The official image's configuration: port 80, /usr/share/nginx/html, logs to the container's output.
  cat > "$root/etc/nginx/nginx.conf" <<'EOF'
user root;
worker_processes 1;
error_log /var/log/nginx/error.log notice;
pid /var/run/nginx.pid;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log /var/log/nginx/access.log;
  include /etc/nginx/conf.d/*.conf;
}
EOF
  cat > "$root/etc/nginx/conf.d/default.conf" <<'EOF'
server {
  listen 80;
  server_name localhost;
  location / { root /usr/share/nginx/html; index index.html index.htm; }
}
EOF
  echo '<h1>Welcome to nginx!</h1>' > "$root/usr/share/nginx/html/index.html"
  ln -sf /dev/stdout "$root/var/log/nginx/access.log"
  ln -sf /dev/stderr "$root/var/log/nginx/error.log"
  import "$root" nginx 'CMD ["nginx", "-g", "daemon off;"]' 'EXPOSE 80' -- 
fi
for tag in nginx:latest nginx:1.25 nginx:1.27 nginx:stable; do
  podman tag localhost/podgrade-oracle-nginx:latest "docker.io/library/$tag"
done

if ! podman image exists localhost/podgrade-oracle-redis:latest; then
  unpack redis-server redis-tools liblzf1 libjemalloc2
  root="$WORK/redis-root"
  busybox_root "$root"
  mkdir -p "$root/usr/bin" "$root/data" "$root/usr/lib/x86_64-linux-gnu"
  # The libraries the host does not have, from their packages.
  cp -L "$WORK"/unpacked/usr/lib/x86_64-linux-gnu/liblzf.so.1 "$WORK"/unpacked/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 \
    "$root/usr/lib/x86_64-linux-gnu/"
  cp -L "$WORK/unpacked/usr/bin/redis-server" "$root/usr/bin/redis-server"
  cp -L "$WORK/unpacked/usr/bin/redis-cli" "$root/usr/bin/redis-cli"
  with_libraries "$root" "$root/usr/bin/redis-server"
  with_libraries "$root" "$root/usr/bin/redis-cli"
  import "$root" redis 'WORKDIR /data' 'CMD ["redis-server"]' --
fi
for tag in redis:latest redis:7 redis:7-alpine redis:7.4-alpine; do
  podman tag localhost/podgrade-oracle-redis:latest "docker.io/library/$tag"
done

if ! podman image exists localhost/podgrade-oracle-node-exporter:latest; then
  unpack prometheus-node-exporter
  root="$WORK/node-exporter-root"
  busybox_root "$root"
  cp "$WORK/unpacked/usr/bin/prometheus-node-exporter" "$root/bin/node_exporter"
  with_libraries "$root" "$root/bin/node_exporter"
  import "$root" node-exporter 'ENTRYPOINT ["/bin/node_exporter"]' 'EXPOSE 9100' --
fi
for tag in prom/node-exporter:v1.8.2 prom/node-exporter:latest quay.io/prometheus/node-exporter:v1.8.2; do
  case "$tag" in quay.io/*) ref="$tag" ;; *) ref="docker.io/$tag" ;; esac
  podman tag localhost/podgrade-oracle-node-exporter:latest "$ref"
done
