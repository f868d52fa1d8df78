// `make oracle`: holds the Pod model to reality. Pods generated from a grammar of what
// learners write, and the lab's own cases whose images are built here, run with podman;
// what each did after a few seconds is compared with what the model predicted.
//
//   PodGradeOracle [--pods N] [--seed S] [--batch B] [--settle SECONDS] [--no-lab]
//                  [--limits FILE] [--strict] [--dump DIR]
//
// The last line is `oracle: N of M predictions agree (K Pods)`. With --strict, a
// disagreement that the limits file does not list fails the run (exit 1).
#if canImport(Glibc)
import Glibc
#endif
import PodGradeYAML
import PodGradeKubernetes
import PodGradeCore
import PodGradeRuntime

struct Options {
    var pods = 300
    var seed: UInt64 = 20_261_206
    var batch = 25
    var settle = 4.0
    var lab = true
    var limits: String?
    var strict = false
    var dump: String?

    init(_ args: [String]) throws(OracleError) {
        var k = 0
        func value() throws(OracleError) -> String {
            k += 1
            guard k < args.count else { throw OracleError("\(args[k - 1]) needs a value") }
            return args[k]
        }
        while k < args.count {
            switch args[k] {
            case "--pods": pods = Int(try value()) ?? pods
            case "--seed": seed = UInt64(try value()) ?? seed
            case "--batch": batch = max(1, Int(try value()) ?? batch)
            case "--settle": settle = Double(try value()) ?? settle
            case "--no-lab": lab = false
            case "--limits": limits = try value()
            case "--strict": strict = true
            case "--dump": dump = try value()
            default: throw OracleError("unknown option \(args[k]) (see the comment at the top of Sources/PodGradeOracle/main.swift)")
            }
            k += 1
        }
    }
}

struct OracleError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One Pod to run: where it comes from, its text and the model's predictions.
struct Case: Sendable {
    let id: String
    let text: String
    let root: Node
    let predictions: ModelPredictions
    /// Whether its processes print the oracle's markers.
    let markers: Bool
    /// What it uses that a runtime may not do as a cluster would (`subPath`, `varRef`).
    let tags: Set<String>
    /// A lab case: its exercise's probes, and whether it is a right answer (solution, right/).
    var probes: [ProbeSpec] = []
    var right = false
    var model: PodModel? = nil
}

struct Outcome: Sendable {
    let id: String
    let tags: Set<String>
    /// The probes' results of a lab case.
    var probes: [RunReport.Probe] = []
    let predictions: [Prediction]
    let error: String?
}

/// Whether podman has each image, asked once per image (the cases name a few images hundreds of times).
final class ImagesHere {
    private let runtime: Podman
    private var known: [String: Bool] = [:]

    init(_ runtime: Podman) { self.runtime = runtime }

    func has(_ reference: String) -> Bool {
        if let answer = known[reference] { return answer }
        let answer = runtime.hasImage(reference)
        known[reference] = answer
        return answer
    }
}

func cases(_ options: Options, runtime: Podman) -> [Case] {
    let images = ImagesHere(runtime)
    var out: [Case] = []
    var random = Grammar.Random(seed: options.seed)
    for k in 0..<options.pods {
        if let c = makeCase(id: "grammar-\(k)", text: Grammar.pod(k, &random), markers: true, images: images) { out.append(c) }
    }
    guard options.lab else { return out }
    let lab = Lab.bundled
    for (path, bytes) in Lab.bundledFiles.sorted(by: { $0.key < $1.key }) {
        let parts = path.split(separator: "/")
        guard parts.count == 3, ["right", "wrong", "solution"].contains(parts[1]), path.hasSuffix(".yaml") || path.hasSuffix(".json"),
              let exercise = lab.exercises.first(where: { $0.id == String(parts[0]) }) else { continue }
        let values = Variants.values(of: exercise.variables, seed: Variants.defaultSeed, exercise: exercise.id, student: nil)
        let text = Variants.render(String(decoding: bytes, as: UTF8.self), values: values)
        if var c = makeCase(id: path, text: text, markers: false, images: images) {
            c.probes = exercise.probes
            c.right = parts[1] != "wrong"
            out.append(c)
        }
    }
    return out
}

/// The families whose images `.ci/oracle-images.sh` builds here.
let builtFamilies: Set<String> = ["busybox", "nginx", "redis", "node-exporter"]

/// A case when its Pod can run here: images built here only (and under a tag they have), no
/// hostPath, no native sidecar (podman 4.3 runs it as a plain init container).
func makeCase(id: String, text: String, markers: Bool, images: ImagesHere) -> Case? {
    let file = YAMLReader.read(text)
    guard file.error == nil, let document = file.documents.first,
          let workload = WorkloadDecoder.workloads(in: document).first, let pod = workload.pod else { return nil }
    // What Kubernetes would reject never runs: there is nothing to compare.
    let issues = SchemaChecker.check(document.root, path: "") + PodValidator.validate(workload)
    guard !issues.contains(where: { $0.severity == .error }) else { return nil }
    let model = PodModel(pod: pod)
    guard !model.containers.isEmpty, model.containers.allSatisfy({ builtFamilies.contains($0.family?.name ?? "") && $0.kind != .nativeSidecar }),
          !pod.volumes.contains(where: { $0.type != "emptyDir" }),
          pod.allContainers.allSatisfy({ c in c.image.map { $0.value.contains("@sha256:") || images.has($0.value) } ?? false })
    else { return nil }
    var tags = Set<String>()
    for c in pod.allContainers {
        if c.volumeMounts.contains(where: { $0.subPath != nil || $0.subPathExpr != nil }) { tags.insert("subPath") }
        let names = c.env.compactMap { $0.name?.value }
        let words = ((c.command ?? []) + (c.args ?? [])).map(\.value)
        if names.contains(where: { name in words.contains { $0.contains("$(" + name + ")") } }) { tags.insert("varRef") }
        if c.image?.value.contains("@sha256:") == true { tags.insert("digest") }
        // podman fills a new volume with what the image has at the mount path (copy-up).
        if ImageFamilies.family(of: c.image?.value)?.name == "nginx",
           c.volumeMounts.contains(where: { m in ["/usr/share/nginx/html", "/etc/nginx", "/var/log/nginx"].contains { (m.mountPath?.value ?? "").hasPrefix($0) } }) {
            tags.insert("copyUp")
        }
    }
    return Case(id: id, text: text, root: document.root, predictions: ModelPredictions(model), markers: markers, tags: tags, model: model)
}

/// Runs a batch of Pods at once: each is started, all settle together, each is observed,
/// and all are removed in one call (removing is podman's slowest step).
func run(_ batch: [(index: Int, case: Case)], runtime: Podman, settle: Double) -> [Outcome] {
    var running: [(Case, RunningPod)] = []
    var outcomes: [Outcome] = []
    for (index, c) in batch {
        let name = "podgrade-oracle-\(getpid())-\(index)"
        guard let playable = PlayableManifest(c.root, name: name, restartPolicy: "Never") else {
            outcomes.append(Outcome(id: c.id, tags: c.tags, predictions: [], error: "not a Pod"))
            continue
        }
        do {
            running.append((c, try runtime.start(playable.json, name: name, timeout: 30)))
        } catch {
            outcomes.append(Outcome(id: c.id, tags: c.tags, predictions: [], error: error.description))
        }
    }
    let t0 = Subprocess.now()
    usleep(UInt32(settle * 1_000_000))
    let t1 = Subprocess.now()
    for (c, pod) in running {
        let seen = runtime.observe(pod)
        var outcome = Outcome(id: c.id, tags: c.tags, predictions: c.predictions.compare(seen, markers: c.markers), error: nil)
        // Probes run where the runtime does as a cluster would (copy-up only adds a page nginx would lack).
        if let model = c.model, c.tags.subtracting(["copyUp"]).isEmpty {
            outcome.probes = c.probes.map { PodRunner.probe(runtime, pod, $0, seen: seen, model: model) }
        }
        outcomes.append(outcome)
    }
    let t2 = Subprocess.now()
    runtime.remove(running.map(\.1))
    if getenv("PODGRADE_ORACLE_TIMES") != nil { warn("batch: observe \(Int(t2 - t1)) s, remove \(Int(Subprocess.now() - t2)) s, settle from \(Int(t0))") }
    return outcomes
}

func main() -> Int32 {
    let options: Options
    do { options = try Options(Array(CommandLine.arguments.dropFirst())) } catch {
        warn("oracle: \(error.description)")
        return 2
    }
    let runtime = Podman()
    if let missing = runtime.unavailable() {
        warn("oracle: \(missing)")
        return 2
    }
    let all = cases(options, runtime: runtime)
    let started = Subprocess.now()
    var outcomes: [Outcome] = []
    let indexed = Array(all.enumerated()).map { (index: $0.offset, case: $0.element) }
    var k = 0
    while k < indexed.count {
        let batch = Array(indexed[k..<min(k + options.batch, indexed.count)])
        outcomes += run(batch, runtime: runtime, settle: options.settle)
        k += batch.count
        warn("oracle: \(k) of \(all.count) Pods run")
    }
    // Nothing is left behind: every Pod this run started (its names carry this process's id) is gone.
    let prefix = "podgrade-oracle-\(getpid())-"
    let left = Subprocess.run(["podman", "pod", "ls", "--format", "{{.Name}}"]).stdout.split(separator: "\n").filter { $0.hasPrefix(prefix) }
    if !left.isEmpty {
        warn("oracle: \(left.count) Pods were left behind")
        _ = Subprocess.run(["podman", "pod", "rm", "--force", "--time", "0"] + left.map(String.init))
    }
    let limits = KnownLimits(path: options.limits)

    var agree: [Prediction.Kind: Int] = [:], total: [Prediction.Kind: Int] = [:], limited: [Prediction.Kind: Int] = [:]
    var unexplained: [(String, Prediction)] = [], explained: [(String, Prediction, String)] = []
    var errors: [(String, String)] = []
    for outcome in outcomes {
        if let error = outcome.error { errors.append((outcome.id, error)) }
        for p in outcome.predictions {
            total[p.kind, default: 0] += 1
            if p.agrees { agree[p.kind, default: 0] += 1; continue }
            if let reason = limits.reason(outcome, p) {
                limited[p.kind, default: 0] += 1
                explained.append((outcome.id, p, reason))
            } else {
                unexplained.append((outcome.id, p))
            }
        }
    }
    if let dump = options.dump {
        for (k, c) in all.enumerated() { writeFile(dump + "/" + c.id.replacingAll("/", "__") + ".yaml", c.text + "# case \(k)\n") }
    }
    // A prediction the runtime cannot test (a known limit of it) is set aside, not counted.
    print(pad("prediction", 12) + lpad("agree", 8) + lpad("of", 8) + lpad("%", 8) + lpad("set aside", 11))
    for kind in Prediction.Kind.allCases {
        let a = agree[kind] ?? 0, t = (total[kind] ?? 0) - (limited[kind] ?? 0)
        let percent = t == 0 ? "-" : String(Double(Int(Double(a) / Double(t) * 1000)) / 10)
        print(pad(kind.rawValue, 12) + lpad(String(a), 8) + lpad(String(t), 8) + lpad(percent, 8) + lpad(String(limited[kind] ?? 0), 11))
    }
    for (id, error) in errors.prefix(10) { print("could not run \(id): \(error)") }
    for (id, p) in unexplained.prefix(40) {
        print("disagrees: \(id) \(p.kind.rawValue) \(p.subject): predicted \(p.predicted), observed \(p.observed)")
    }
    if unexplained.count > 40 { print("... and \(unexplained.count - 40) more disagreements") }
    for (id, p, reason) in explained.prefix(10) {
        print("known limit: \(id) \(p.kind.rawValue) \(p.subject): predicted \(p.predicted), observed \(p.observed) (\(reason))")
    }
    // The lab's probes (what `check --run` shows): every right answer's pass, each fails on some wrong case.
    let caseOf = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var probeFailures: [String] = []
    var rightProbes = 0, rightPassed = 0
    var failedOnWrong: [String: Set<String>] = [:], declared: [String: Set<String>] = [:]
    for outcome in outcomes {
        guard let c = caseOf[outcome.id], !outcome.probes.isEmpty else { continue }
        let slug = String(outcome.id.split(separator: "/").first ?? "")
        declared[slug, default: []].formUnion(c.probes.map(\.id))
        for probe in outcome.probes {
            if c.right {
                rightProbes += 1
                if probe.passed { rightPassed += 1 } else { probeFailures.append("probe \(probe.id) failed on the right answer \(outcome.id): \(probe.detail)") }
            } else if !probe.passed {
                if failedOnWrong[slug, default: []].insert(probe.id).inserted { print("probe \(probe.id) fails on \(outcome.id)") }
            }
        }
    }
    for (slug, ids) in declared.sorted(by: { $0.key < $1.key }) {
        for id in ids.subtracting(failedOnWrong[slug] ?? []).sorted() { probeFailures.append("probe \(id) of \(slug) fails on no wrong case") }
    }
    print("probes: \(rightPassed) of \(rightProbes) pass on the right answers; "
          + "\(declared.values.map(\.count).reduce(0, +) - probeFailures.filter { $0.contains("fails on no wrong case") }.count) of "
          + "\(declared.values.map(\.count).reduce(0, +)) fail on some wrong case (\(declared.keys.sorted().joined(separator: ", ")))")
    for line in probeFailures { print(line) }

    let agreeing = agree.values.reduce(0, +), count = total.values.reduce(0, +) - explained.count
    let seconds = Int(Subprocess.now() - started)
    print("oracle: \(outcomes.count) Pods in \(seconds) s; \(explained.count) predictions set aside as known limits of the runtime "
          + "(\(options.limits ?? "no limits file")), \(unexplained.count) disagreements")
    print("oracle: \(agreeing) of \(count) predictions agree (\(outcomes.count - errors.count) Pods)")
    if !left.isEmpty { return 1 }
    if options.strict && (!unexplained.isEmpty || !errors.isEmpty || !probeFailures.isEmpty) { return 1 }
    return 0
}

exit(main())
