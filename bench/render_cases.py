#!/usr/bin/env python3
"""Copies the lab's answers with their `{{variable}}` placeholders filled in.

bench/run.sh grades and validates the lab's own right/ and wrong/ cases. Exercises with
per-learner variants (`variables:` in spec.yaml) keep those cases as templates; a template
is not a manifest until its placeholders are replaced, so each variable takes its first
choice, the default variant, as `podgrade` itself does for a learner without an id.

    render_cases.py EXERCISES_DIR OUT_DIR  ->  OUT_DIR/<slug>/{right,wrong}-<file>
"""
import os
import re
import sys


def default_values(spec_path):
    """Each variable's first choice, read from `variables:` (`name: {choose: [a, b]}` lines)."""
    values, inside = {}, False
    try:
        with open(spec_path, encoding="utf-8") as spec:
            for line in spec:
                if re.match(r"^variables:\s*$", line):
                    inside = True
                    continue
                if inside:
                    m = re.match(r"^\s+([A-Za-z_]\w*):\s*\{\s*choose:\s*\[\s*([^,\]]+)", line)
                    if m:
                        values[m.group(1)] = m.group(2).strip().strip("\"'")
                    elif line.strip() and not line[0].isspace():
                        inside = False
    except OSError:
        pass
    return values


def main(exercises, out):
    for slug in sorted(os.listdir(exercises)):
        folder = os.path.join(exercises, slug)
        if not os.path.isdir(folder):
            continue
        values = default_values(os.path.join(folder, "spec.yaml"))
        os.makedirs(os.path.join(out, slug), exist_ok=True)
        for kind in ("right", "wrong"):
            cases = os.path.join(folder, kind)
            if not os.path.isdir(cases):
                continue
            for name in sorted(os.listdir(cases)):
                if name == "cases.yaml":
                    continue
                with open(os.path.join(cases, name), "rb") as f:
                    data = f.read()
                for key, value in values.items():
                    data = data.replace(b"{{" + key.encode() + b"}}", value.encode())
                with open(os.path.join(out, slug, f"{kind}-{name}"), "wb") as f:
                    f.write(data)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: render_cases.py EXERCISES_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
