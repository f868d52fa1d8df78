// In-process throughput of podgrade's layers, one thread, for `make bench`.
//
//   PodGradeBench [--corpus DIR]... [--unit DIR] [--pods N] [--rounds R]
//
// Loads the bundled solutions and known-wrong cases plus every manifest under
// each --corpus folder (or, with --unit DIR, only the manifests below
// DIR/<exercise>/, each graded as that exercise) into memory, repeats that set until it holds at least N
// pods, then times (monotonic clock, median of R rounds over the whole set):
//   grade     the whole pipeline per manifest: parse, model, every check of its exercise
//   parse     podgrade's YAML reader alone (events → node tree with limits)
//   libyaml   a bare yaml_parser_parse event loop over the same bytes
//   model     the typed model from already parsed YAML (ParsedFile)
//   schema    SchemaChecker over every object
//   validate  PodValidator over every workload
// and prints one JSON object on stdout. Not a test: no thresholds here.
import CYAML
import PodGradeYAML
import PodGradeKubernetes
import PodGradeCore
#if canImport(Glibc)
import Glibc
#endif

struct Sample {
    let slug: String
    let path: String
    let bytes: [UInt8]
}

func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func readFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    return bytes
}

/// Manifests below a folder, sorted, skipping dotfiles.
func manifests(under root: String) -> [String] {
    var found: [String] = []
    guard let dir = opendir(root) else { return [] }
    var entries: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name.hasPrefix(".") { continue }
        entries.append(name)
    }
    closedir(dir)
    for name in entries.sorted() {
        let path = root + "/" + name
        var st = stat()
        guard stat(path, &st) == 0 else { continue }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            found += manifests(under: path)
        } else if SourceSnapshot.isManifest(path) {
            found.append(path)
        }
    }
    return found
}

func warn(_ text: String) {
    let line = Array((text + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

var corpusDirs: [String] = []
var unitDir: String?
var targetPods = 20_000
var roundsArgument = 5
var onlyArgument: [String] = []
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    switch arg {
    case "--corpus": if let v = args.popFirst() { corpusDirs.append(v) }
    case "--unit": unitDir = args.popFirst()
    case "--pods": if let v = args.popFirst(), let n = Int(v) { targetPods = n }
    case "--rounds": if let v = args.popFirst(), let n = Int(v) { roundsArgument = max(1, n) }
    case "--only": if let v = args.popFirst() { onlyArgument = v.split(separator: ",").map(String.init) }
    default:
        warn("usage: PodGradeBench [--corpus DIR]... [--pods N] [--rounds R] [--unit DIR] [--only grade,parse,libyaml,model,schema,validate]")
        exit(2)
    }
}

let lab = Lab.bundled
var unit: [Sample] = []
for (path, bytes) in Lab.bundledSolutions.sorted(by: { $0.key < $1.key }) {
    let slug = String(path.split(separator: "/")[0])
    unit.append(Sample(slug: slug, path: path, bytes: bytes))
}
for exercise in lab.exercises {
    for wrong in exercise.wrongCases {
        unit.append(Sample(slug: exercise.id, path: exercise.id + "/" + wrong.file, bytes: wrong.content))
    }
}
let corpusExercise = lab.exercises.first?.id ?? "01-multi-container-pod"
for dir in corpusDirs {
    for path in manifests(under: dir) {
        guard let bytes = readFile(path) else { continue }
        // Graded as a submission of the first exercise: every check runs, most fail.
        unit.append(Sample(slug: corpusExercise, path: corpusExercise + "/" + String(path.split(separator: "/").last!), bytes: bytes))
    }
}
if let unitDir {
    // The same inputs for this build and a baseline build (bench/run.sh): <slug>/<file>.
    unit = []
    for path in manifests(under: unitDir) {
        let parts = path.dropFirst(unitDir.count).split(separator: "/")
        guard parts.count >= 2, let bytes = readFile(path) else { continue }
        unit.append(Sample(slug: String(parts[0]), path: parts.joined(separator: "/"), bytes: bytes))
    }
}

func podCount(_ samples: [Sample]) -> Int {
    samples.reduce(0) { $0 + ParsedFile(path: $1.path, yaml: YAMLReader.read($1.bytes)).workloads.count }
}
let unitPods = podCount(unit)
guard unitPods > 0 else { warn("no pods"); exit(1) }
let copies = (targetPods + unitPods - 1) / unitPods
var samples: [Sample] = []
for _ in 0..<copies { samples += unit }
let pods = unitPods * copies
let bytes = samples.reduce(0) { $0 + $1.bytes.count }
let documents = samples.count

let rounds = roundsArgument
let only = onlyArgument

/// Median seconds of `rounds` runs of `body` (one warm-up run first); skipped
/// (zero) when `--only` does not name it (for a profiler).
func measure(_ name: String, _ body: () -> Int) -> (seconds: Double, check: Int) {
    if !only.isEmpty && !only.contains(name) { return (0, 0) }
    var check = body()
    var times: [Double] = []
    for _ in 0..<rounds {
        let start = now()
        check = body()
        times.append(Double(now() - start) / 1e9)
    }
    times.sort()
    return (times[times.count / 2], check)
}

let grader = Grader(lab: lab)
let exercisesByID = Dictionary(lab.exercises.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

let grade = measure("grade") {
    var score = 0
    for sample in samples {
        let snapshot = SourceSnapshot(origin: SourceOrigin(path: "bench"), files: [SourceFile(path: sample.path, content: .bytes(sample.bytes))])
        let result = grader.grade(snapshot, only: [sample.slug])
        score &+= result.score &+ result.exercises.reduce(0) { $0 + $1.checks.count }
    }
    return score
}

let fixedSamples = samples

func parseAll() -> Int {
    var nodes = 0
    for sample in fixedSamples { nodes &+= YAMLReader.read(sample.bytes).documents.count }
    return nodes
}

func libyamlAll() -> Int {
    var events = 0
    for sample in fixedSamples {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { continue }
        sample.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                events += 1
                if done { break }
            }
        }
        yaml_parser_delete(&parser)
    }
    return events
}

/// podgrade's reader and the bare loop, alternated round by round so that a
/// noisy neighbour slows both alike; the ratio is the median of the rounds' ratios.
func measurePair() -> (parse: (seconds: Double, check: Int), bare: (seconds: Double, check: Int), ratio: Double) {
    if !only.isEmpty && !only.contains("parse") && !only.contains("libyaml") { return ((0, 0), (0, 0), 0) }
    var a = parseAll(), b = libyamlAll()
    var ta: [Double] = [], tb: [Double] = [], ratios: [Double] = []
    for _ in 0..<rounds {
        var start = now()
        a = parseAll()
        ta.append(Double(now() - start) / 1e9)
        start = now()
        b = libyamlAll()
        tb.append(Double(now() - start) / 1e9)
        ratios.append(tb.last! / ta.last!)
    }
    ta.sort(); tb.sort(); ratios.sort()
    return ((ta[rounds / 2], a), (tb[rounds / 2], b), ratios[rounds / 2])
}
let pair = measurePair()
let parse = pair.parse
let bare = pair.bare

let parsed = samples.map { YAMLReader.read($0.bytes) }
let model = measure("model") {
    var count = 0
    for (i, sample) in samples.enumerated() { count &+= ParsedFile(path: sample.path, yaml: parsed[i]).workloads.count }
    return count
}
let files = samples.indices.map { ParsedFile(path: samples[$0].path, yaml: parsed[$0]) }
let schema = measure("schema") {
    var count = 0
    for file in files { for object in file.objects { count &+= SchemaChecker.check(object.node, path: object.path).count } }
    return count
}
let validate = measure("validate") {
    var count = 0
    for file in files { for workload in file.workloads { count &+= PodValidator.validate(workload).count } }
    return count
}

func rate(_ n: Int, _ seconds: Double) -> Double { seconds > 0 ? Double(n) / seconds : 0 }
func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }
func fixed(_ x: Double, _ digits: Int = 1) -> String {
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let r = (x * p).rounded() / p
    return "\(r)"
}

let mb = Double(bytes) / 1_000_000
let json = """
{
  "unit_manifests": \(unit.count),
  "unit_pods": \(unitPods),
  "copies": \(copies),
  "manifests": \(documents),
  "pods": \(pods),
  "bytes": \(bytes),
  "rounds": \(rounds),
  "grade_seconds": \(fixed(grade.seconds, 4)),
  "grade_pods_per_second": \(fixed(rate(pods, grade.seconds), 0)),
  "parse_seconds": \(fixed(parse.seconds, 4)),
  "parse_mb_per_second": \(fixed(ratio(mb, parse.seconds), 2)),
  "parse_pods_per_second": \(fixed(rate(pods, parse.seconds), 0)),
  "libyaml_seconds": \(fixed(bare.seconds, 4)),
  "libyaml_mb_per_second": \(fixed(ratio(mb, bare.seconds), 2)),
  "libyaml_events": \(bare.check),
  "parse_vs_libyaml": \(fixed(pair.ratio, 3)),
  "model_pods_per_second": \(fixed(rate(pods, model.seconds), 0)),
  "schema_pods_per_second": \(fixed(rate(pods, schema.seconds), 0)),
  "validate_pods_per_second": \(fixed(rate(pods, validate.seconds), 0)),
  "checksum": \(grade.check &+ parse.check &+ model.check &+ schema.check &+ validate.check)
}
"""
print(json)
