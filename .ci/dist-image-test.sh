#!/usr/bin/env bash
# Part of `make dist-test` when podman runs (.ci/dist-test.sh): builds the batch
# image (.ci/dist-image.sh) and runs the Indexed Job's own pod template
# (deploy/kubernetes/grade-job.yaml) under `podman kube play` for indexes 0-3, as
# the Job controller would: JOB_COMPLETION_INDEX set, the roster ConfigMap given,
# the results claim a host folder. The roster: learners on a loopback git daemon
# (the host's network: the pods reach 127.0.0.1). The four shards merged with
# `podgrade report` must equal a lone `podgrade grade` run's gradebook.
# Everything it starts is removed (pods, image); its names start with podgrade-dist-.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
fail() { echo "image-test: $*" >&2; exit 1; }
export CONTAINERS_CONF="${CONTAINERS_CONF:-$REPO/.ci/containers.conf}"
IMAGE="localhost/podgrade-dist-test:$$"
T="$(mktemp -d "${TMPDIR:-/tmp}/podgrade-dist-image.XXXXXX")"
chmod 0755 "$T"
pids=()
cleanup() {
  for k in 0 1 2 3; do
    [ -f "$T/pod-$k.yaml" ] && podman kube play --down "$T/pod-$k.yaml" >/dev/null 2>&1 || true
  done
  # kube play keeps the ConfigMap's data as a volume named after it.
  podman volume rm -f podgrade-roster >/dev/null 2>&1 || true
  podman rmi -f "$IMAGE" >/dev/null 2>&1 || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT

echo "== make image (as $IMAGE)"
bash .ci/dist-image.sh "$IMAGE"
shopt -s nullglob
tars=(dist/podgrade-*-linux-*.tar.gz)
mkdir -p "$T/bin" && tar -xzf "${tars[0]}" -C "$T/bin" --strip-components=2 --wildcards '*/bin/podgrade'
PODGRADE="$T/bin/podgrade"

# Nine learners: the sample, the solutions, the sample with one exercise solved...,
# and one whose repository does not exist (an error row, exit status 1).
mkdir -p "$T/git"
learner() { # learner NAME [SLUG...]: the sample learner with the solutions of SLUGs
  local dir="$T/work/$1"; shift
  mkdir -p "$dir" && cp -r Tests/Fixtures/sample-learner/. "$dir/"
  for slug in "$@"; do mkdir -p "$dir/$slug" && cp "solutions/$slug/pod.yaml" "$dir/$slug/pod.yaml"; done
  git init -q "$dir" && git -C "$dir" add -A
  git -C "$dir" -c user.name=l -c user.email=l@localhost commit -qm lab --date=2026-01-01T00:00:00Z
  git clone -q --bare "$dir" "$T/git/$(basename "$dir").git"
}
learner ann
learner bob 06-shared-network
learner cat 02-yellow 03-sidecar-logging
learner dan 08-web-monitored 10-native-sidecar 11-fix-broken-pod
learner eve $(ls solutions)
learner fay 04-adapter 09-scaled-deployment
learner gus 06-shared-network 08-web-monitored
learner hal 12-elastic-sidecar
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"
git daemon --reuseaddr --export-all --base-path="$T/git" --listen=127.0.0.1 --port="$PORT" "$T/git" >"$T/daemon.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do git ls-remote "git://127.0.0.1:$PORT/ann.git" >/dev/null 2>&1 && break; sleep 0.1; done
{
  echo "student,repo"
  for n in ann bob cat dan eve fay gus hal; do echo "$n,git://127.0.0.1:$PORT/$n.git"; done
  echo "ivy,git://127.0.0.1:$PORT/nobody.git"
} >"$T/roster.csv"

# The roster ConfigMap, as `kubectl create configmap podgrade-roster --from-file=roster.csv` makes it.
python3 - "$T/roster.csv" >"$T/configmap.yaml" <<'PY'
import json, sys
print(json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "podgrade-roster"},
                  "data": {"roster.csv": open(sys.argv[1]).read()}}))
PY
mkdir -p "$T/results"
chown 65532:65532 "$T/results"

# The Job's pod template as the controller makes pod K of it: JOB_COMPLETION_INDEX
# in the environment (from the completion-index annotation), the image REPLACEd,
# the results claim bound to a host folder; nothing else changed.
for k in 0 1 2 3; do
  python3 - deploy/kubernetes/grade-job.yaml "$k" "$IMAGE" "$T/results" >"$T/pod-$k.yaml" <<'PY'
import json, re, sys, yaml
path, k, image, results = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
job = next(d for d in yaml.safe_load_all(open(path)) if d and d.get("kind") == "Job")
assert job["spec"]["completionMode"] == "Indexed" and job["spec"]["completions"] == 4, "the Job is not Indexed with 4 completions"
template = job["spec"]["template"]
pod = {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": f"podgrade-dist-grade-{k}", "labels": dict(template["metadata"].get("labels", {})),
                    "annotations": {"batch.kubernetes.io/job-completion-index": k}},
       "spec": template["spec"]}
annotations = pod["metadata"]["annotations"]
for c in pod["spec"]["containers"]:
    assert c["image"].startswith("registry.invalid/replace-me/podgrade:"), c["image"]
    c["image"] = image
    c.pop("ports", None)  # podman kube play --network refuses ports without a bridge
    # What the kubelet does and podman 4.3 does not: the downward API's annotation
    # values into the environment, then $(VAR) in command and args from it.
    env = {}
    for e in c.get("env", []):
        ref = e.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath", "")
        m = re.fullmatch(r"metadata\.annotations\['([^']+)'\]", ref)
        if m:
            e.pop("valueFrom")
            e["value"] = annotations[m.group(1)]
        env[e["name"]] = e.get("value", "")
    assert env.get("JOB_COMPLETION_INDEX") == k, "the template does not take JOB_COMPLETION_INDEX from the completion index"
    expand = lambda text: re.sub(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)",
                                 lambda m: "$" if m.group(0) == "$$" else env.get(m.group(1), m.group(0)), text)
    for key in ("command", "args"):
        if key in c:
            c[key] = [expand(a) for a in c[key]]
for v in pod["spec"]["volumes"]:
    if "persistentVolumeClaim" in v:
        del v["persistentVolumeClaim"]
        v["hostPath"] = {"path": results, "type": "Directory"}
print(json.dumps(pod))
PY
done

echo "== podman kube play: the grade Job's pod template, indexes 0-3"
for k in 0 1 2 3; do
  podman kube play --network host --configmap "$T/configmap.yaml" "$T/pod-$k.yaml" >"$T/play-$k.log" 2>&1 ||
    { cat "$T/play-$k.log"; fail "podman kube play of index $k failed"; }
done
for k in 0 1 2 3; do
  code=$(timeout 300 podman wait "podgrade-dist-grade-$k-podgrade") || fail "index $k did not finish"
  podman logs "podgrade-dist-grade-$k-podgrade" >"$T/log-$k.txt" 2>&1 || true
  echo "index $k: exit $code, $(tail -n 1 "$T/log-$k.txt")"
  case "$code" in 0|1) ;; *) cat "$T/log-$k.txt"; fail "index $k exited $code" ;; esac
  [ -s "$T/results/shard-$k/gradebook.csv" ] || fail "index $k wrote no /results/shard-$k/gradebook.csv"
done
for k in 0 1 2 3; do podman kube play --down "$T/pod-$k.yaml" >/dev/null 2>&1 || fail "podman kube play --down of index $k failed"; done
for k in 0 1 2 3; do
  ! podman pod exists "podgrade-dist-grade-$k" 2>/dev/null || fail "pod podgrade-dist-grade-$k is still there after --down"
done

echo "== the four shards merged, against a lone run"
set +e
"$PODGRADE" grade "$T/roster.csv" --out "$T/lone" --jobs 2 --clone-timeout 60 --cache "$T/cache" --lang en >"$T/lone.log" 2>&1
lone=$?
"$PODGRADE" report "$T"/results/shard-{0,1,2,3} --csv "$T/merged.csv" --html "$T/merged.html" --lang en >"$T/report.log" 2>&1
merged=$?
set -e
[ "$lone" -eq 1 ] || { cat "$T/lone.log"; fail "the lone run exited $lone, expected 1 (ivy's repository does not exist)"; }
[ "$merged" -eq 1 ] || { cat "$T/report.log"; fail "podgrade report over the shards exited $merged, expected 1"; }
rows=$(($(wc -l <"$T/lone/gradebook.csv") - 1))
[ "$rows" -eq 9 ] || fail "the lone gradebook has $rows rows, expected 9"
if ! diff -u "$T/lone/gradebook.csv" "$T/merged.csv"; then
  fail "the merged shards' gradebook differs from the lone run's"
fi
echo "merged gradebook of the 4 shards = the lone run's ($rows learners, $(grep -c ',error,' "$T/lone/gradebook.csv") error row)"
echo "image-test: passed"
