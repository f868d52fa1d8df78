#!/usr/bin/env python3
"""`make bench` row: latency of `podgrade lsp` from didChange to publishDiagnostics.

  python3 bench/lsp_latency.py --bin .build/release/podgrade [--edits 200] [--check-runs 20]

Drives the server over pipes as an editor does (debounce 0, so the figure is the
grading and the protocol, not the wait an editor is given), on a copy of
Tests/Fixtures/sample-learner: 200 incremental edits of 03-sidecar-logging/pod.yaml
(a typo typed and removed in turn), then 200 of a 500-line manifest in its place;
beside `podgrade check` of the same copy, run in the same process. Prints one JSON object.
"""
import argparse, json, os, shutil, statistics, subprocess, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Server:
    def __init__(self, binary, root):
        self.p = subprocess.Popen([binary, "lsp", "--lang", "en", "--debounce", "0"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.root = root

    def send(self, message):
        body = json.dumps(message).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def recv(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise EOFError("server closed stdout")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        return json.loads(self.p.stdout.read(length))

    def wait_diagnostics(self, uri, version):
        while True:
            m = self.recv()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri \
                    and m["params"].get("version") == version:
                return m["params"]["diagnostics"]

    def close(self):
        self.send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"})
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.p.wait(timeout=10)


def percentile(values, q):
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # nearest rank
    return ordered[int(rank) - 1]


def measure(binary, root, relative, text, line, column, edits):
    server = Server(binary, root)
    server.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": {"rootUri": "file://" + root, "capabilities": {}}})
    server.recv()
    server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    uri = "file://" + root + "/" + relative
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
    first = server.wait_diagnostics(uri, 1)
    times = []
    codes = set()
    for i in range(edits):
        version = i + 2
        if i % 2 == 0:  # delete the character: a typo
            change = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 1}}, "text": ""}
        else:           # type it back
            change = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column}}, "text": "s"}
        start = time.perf_counter()
        server.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        diagnostics = server.wait_diagnostics(uri, version)
        times.append((time.perf_counter() - start) * 1000)
        codes.update(d.get("code") for d in diagnostics)
    server.close()
    return {"edits": edits, "median_ms": round(statistics.median(times), 3), "p99_ms": round(percentile(times, 99), 3),
            "max_ms": round(max(times), 3), "first_diagnostics": len(first), "codes_seen": sorted(c for c in codes if c)}


def big_manifest(base, lines):
    """The exercise's pod with helper containers appended until it has `lines` lines."""
    text = base.rstrip("\n").split("\n")
    volumes = text.index("  volumes:")
    head, tail = text[:volumes], text[volumes:]
    extra, n = [], 0
    while len(head) + len(extra) + len(tail) + 9 <= lines:
        n += 1
        extra += [f"  - name: helper-{n}", "    image: busybox:1.36", "    command: [\"sh\", \"-c\", \"tail -f /dev/null\"]",
                  "    env:", f"    - name: HELPER_{n}", f"      value: \"{n}\"", "    resources:",
                  "      limits: {cpu: 50m, memory: 32Mi}", "      requests: {cpu: 10m, memory: 16Mi}"]
    filler = [f"# line {i}" for i in range(lines - len(head) - len(extra) - len(tail))]
    return "\n".join(head + extra + tail + filler) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build/release/podgrade"))
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--check-runs", type=int, default=20)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="podgrade-lsp-bench-")
    try:
        repo = os.path.join(work, "learner")
        shutil.copytree(os.path.join(ROOT, "Tests/Fixtures/sample-learner"), repo)
        relative = "03-sidecar-logging/pod.yaml"
        base = open(os.path.join(repo, relative)).read()
        # Line 10 is "    volumeMounts:" of web-server; column 15 its final "s".
        sample = measure(args.bin, repo, relative, base, 10, 15, args.edits)
        big = big_manifest(base, 500)
        assert len(big.splitlines()) == 500, len(big.splitlines())
        large = measure(args.bin, repo, relative, big, 10, 15, args.edits)
        large["lines"] = 500
        checks = []
        for _ in range(3):
            subprocess.run([args.bin, "check", repo, "--color", "never"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(args.check_runs):
            start = time.perf_counter()
            subprocess.run([args.bin, "check", repo, "--color", "never"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            checks.append((time.perf_counter() - start) * 1000)
        print(json.dumps({"sample_learner": sample, "manifest_500_lines": large,
                          "check_median_ms": round(statistics.median(checks), 3), "check_runs": args.check_runs}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
