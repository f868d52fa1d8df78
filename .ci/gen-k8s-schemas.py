#!/usr/bin/env python3
"""Writes Sources/PodGradeKubernetes/Schema/GeneratedSchemas.swift from the
Kubernetes JSON schemas in .ci/k8s-schemas/ (see SOURCES.md there).

  python3 .ci/gen-k8s-schemas.py                 # regenerate the Swift table (`make schemas`)
  python3 .ci/gen-k8s-schemas.py --out FILE      # write it elsewhere (the staleness test)
  python3 .ci/gen-k8s-schemas.py --import DEFS   # refresh the input from kubernetes-validate's
                                                 # <version>-local-strict/_definitions.json

The input keeps only what the table needs: the object kinds a manifest may hold
and every definition they reach, without descriptions. The output is a compact
text table parsed once at run time (SchemaTable.swift), so the compiler does not
type-check thousands of literals.

Table lines (tab-separated):
  T <name> <required,...> <field>=<type> ...    one object type; its index is its order
  K <apiVersion> <kind> <type index>             a top-level kind; a kind's preferred
                                                 (newest stable) version comes first
Types: s string, i integer, b boolean, n number, q quantity, I int-or-string,
m map of strings, a anything, o object with any fields, #N object type N,
[X array of X, {X map of X.
"""
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INPUT = os.path.join(ROOT, ".ci", "k8s-schemas", "definitions.json")
OUTPUT = os.path.join(ROOT, "Sources", "PodGradeKubernetes", "Schema", "GeneratedSchemas.swift")

# Kinds that are not objects a manifest creates: API machinery and subresources.
NOT_MANIFEST_KINDS = {
    "APIGroup", "APIGroupList", "APIResourceList", "APIVersions", "DeleteOptions", "Status",
    "WatchEvent", "Binding", "Eviction", "Scale",
}

# What the OpenAPI document leaves optional but the API server requires on
# create (its validation rejects the object without them).
EXTRA_REQUIRED = {
    "io.k8s.api.core.v1.Container": ["image"],
    "io.k8s.api.apps.v1.Deployment": ["spec"],
    "io.k8s.api.apps.v1.ReplicaSet": ["spec"],
    "io.k8s.api.apps.v1.StatefulSet": ["spec"],
    "io.k8s.api.apps.v1.DaemonSet": ["spec"],
    "io.k8s.api.batch.v1.Job": ["spec"],
    "io.k8s.api.batch.v1.CronJob": ["spec"],
}

REF_PREFIXES = ("#/$defs/", "/api/_definitions.json#/$defs/")
NAME_PREFIX = "io.k8s."


def ref_name(ref):
    for prefix in REF_PREFIXES:
        if ref.startswith(prefix):
            return ref[len(prefix):]
    sys.exit(f"unexpected $ref {ref!r}")


def types_of(schema):
    t = schema.get("type")
    if t is None:
        return []
    return [x for x in (t if isinstance(t, list) else [t]) if x != "null"]


def is_manifest_kind(name, schema):
    gvks = schema.get("x-kubernetes-group-version-kind") or []
    if len(gvks) != 1:
        return False
    kind = gvks[0]["kind"]
    if kind in NOT_MANIFEST_KINDS:
        return False
    props = schema.get("properties") or {}
    if kind.endswith("List") and "items" in props:
        return False
    return "apiVersion" in props and "kind" in props


def refs_in(schema, out):
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "$ref" and isinstance(value, str):
                out.append(ref_name(value))
            else:
                refs_in(value, out)
    elif isinstance(schema, list):
        for value in schema:
            refs_in(value, out)


# Annotations of a schema node that do not change the table. Only a schema
# node's own keys are dropped: the names under `properties` are the object's
# fields, and a field may be called like a keyword (LimitRangeItem.default,
# JSONSchemaProps.format, .description, .x-kubernetes-list-type...).
DROPPED_ANNOTATIONS = ("description", "x-kubernetes-patch-strategy", "x-kubernetes-patch-merge-key",
                       "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type",
                       "x-kubernetes-unions", "format", "default")


def strip(schema):
    """The schema node without prose and annotations that do not change the table."""
    if isinstance(schema, dict):
        out = {}
        for key, value in schema.items():
            if key in DROPPED_ANNOTATIONS:
                continue
            if key == "properties" and isinstance(value, dict):
                out[key] = {name: strip(field) for name, field in value.items()}
            else:
                out[key] = strip(value)
        return out
    if isinstance(schema, list):
        return [strip(v) for v in schema]
    return schema


def field_names(defs):
    return {name: sorted((schema.get("properties") or {}).keys()) for name, schema in defs.items()}


def import_definitions(path):
    with open(path, "rb") as f:
        raw = f.read()
    defs = json.loads(raw)["$defs"]
    roots = sorted(n for n, s in defs.items() if is_manifest_kind(n, s))
    keep, queue = set(), list(roots)
    while queue:
        name = queue.pop()
        if name in keep:
            continue
        keep.add(name)
        schema = defs[name]
        if name in roots and "status" in schema.get("properties", {}):
            schema["properties"]["status"] = {}  # the cluster's report: anything goes, never checked
        found = []
        refs_in(schema, found)
        queue += found
    subset = {n: strip(defs[n]) for n in sorted(keep)}
    if field_names(subset) != field_names({n: defs[n] for n in keep}):
        sys.exit("stripping annotations lost a field")  # a field named like an annotation
    version = re.search(r"v(\d+\.\d+\.\d+)", os.path.abspath(path))
    os.makedirs(os.path.dirname(INPUT), exist_ok=True)
    with open(INPUT, "w", encoding="utf-8") as f:
        json.dump({"kubernetes_version": version.group(1) if version else "",
                   "source_sha256": hashlib.sha256(raw).hexdigest(), "$defs": subset}, f, indent=0, sort_keys=True)
        f.write("\n")
    print(f"{INPUT}: {len(roots)} kinds, {len(subset)} definitions")


class Table:
    def __init__(self, defs):
        self.defs = defs
        self.index = {}
        self.order = []
        self.lines = []

    def object_index(self, name):
        if name not in self.index:
            self.index[name] = len(self.order)
            self.order.append(name)
        return self.index[name]

    def type_code(self, schema):
        if isinstance(schema.get("$ref"), str):
            return self.ref_code(ref_name(schema["$ref"]))
        if "oneOf" in schema:
            kinds = sorted(t for alt in schema["oneOf"] for t in types_of(alt))
            if kinds == ["integer", "string"]:
                return "I"
            if kinds == ["number", "string"]:
                return "q"
            return "a"
        ts = types_of(schema)
        if not ts:
            return "a"
        t = ts[0]
        if t == "string":
            return "s"
        if t == "integer":
            return "i"
        if t == "boolean":
            return "b"
        if t == "number":
            return "n"
        if t == "array":
            return "[" + self.type_code(schema.get("items") or {})
        if t == "object":
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict):
                inner = self.type_code(extra)
                return "m" if inner == "s" else "{" + inner
            return "o"
        sys.exit(f"unexpected schema {schema!r}")

    def ref_code(self, name):
        schema = self.defs[name]
        if "properties" in schema:
            return "#%d" % self.object_index(name)
        return self.type_code(schema)

    def render(self, roots):
        for _, _, name in roots:
            self.object_index(name)
        i = 0
        while i < len(self.order):  # objects found while rendering are appended
            name = self.order[i]
            schema = self.defs[name]
            props = schema.get("properties", {})
            fields = " ".join(f"{field}={self.type_code(props[field])}" for field in sorted(props))
            required = list(schema.get("required", []))
            for extra in EXTRA_REQUIRED.get(name, []):
                if extra not in required:
                    required.append(extra)
            short = name[len(NAME_PREFIX):] if name.startswith(NAME_PREFIX) else name
            self.lines.append(f"T\t{short}\t{','.join(required)}\t{fields}")
            i += 1
        for api_version, kind, name in roots:
            self.lines.append(f"K\t{api_version}\t{kind}\t{self.index[name]}")
        return self.lines


def version_rank(version):
    """v1 > v1beta2 > v1beta1 > v1alpha1; v2 > v1 (newest stable first)."""
    m = re.fullmatch(r"v(\d+)(?:(alpha|beta)(\d+))?", version)
    if not m:
        return (0, 0, 0)
    major, stage, minor = int(m.group(1)), m.group(2), int(m.group(3) or 0)
    return ({"alpha": 0, "beta": 1, None: 2}[stage], major, minor)


def generate():
    with open(INPUT, "rb") as f:
        raw = f.read()
    data = json.loads(raw)
    defs = data["$defs"]
    roots = []
    for name, schema in defs.items():
        if not is_manifest_kind(name, schema):
            continue
        gvk = schema["x-kubernetes-group-version-kind"][0]
        api_version = gvk["version"] if not gvk["group"] else gvk["group"] + "/" + gvk["version"]
        roots.append((gvk["kind"], version_rank(gvk["version"]), api_version, name))
    roots.sort(key=lambda r: (r[0], tuple(-x for x in r[1]), r[2]))
    table = Table(defs)
    lines = table.render([(api, kind, name) for kind, _, api, name in roots])
    body = "\n".join(lines)
    if "\"\"\"#" in body or "\\" in body:
        sys.exit("table text cannot be embedded")
    digest = hashlib.sha256(raw).hexdigest()
    return (
        "// Generated by .ci/gen-k8s-schemas.py from .ci/k8s-schemas/definitions.json\n"
        f"// (input sha256 {digest}). Do not edit: run `make schemas`.\n"
        "\n"
        "/// The Kubernetes API's object types and kinds as a text table (format in the generator).\n"
        "enum GeneratedSchemas {\n"
        f"    static let kubernetesVersion = \"{data.get('kubernetes_version', '')}\"\n"
        f"    static let table = #\"\"\"\n{body}\n\"\"\"#\n"
        "}\n"
    )


def main(argv):
    if len(argv) == 3 and argv[1] == "--import":
        import_definitions(argv[2])
        return
    out = OUTPUT
    if len(argv) == 3 and argv[1] == "--out":
        out = argv[2]
    elif len(argv) != 1:
        sys.exit(__doc__)
    text = generate()
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv)
