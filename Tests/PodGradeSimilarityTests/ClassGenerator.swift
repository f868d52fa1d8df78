/// A class built by the test itself: learners who each write their own
/// correct answers to three exercises of the bundled lab (names, images of
/// the same family, scripts, orders, styles and comments of their own), and
/// a few who copy one answer from a classmate and disguise it by renaming the
/// identifiers they chose, reordering keys and objects, and restyling
/// (indentation, flow or block, quotes, where the script sits).
struct RNG {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64: the same class on every machine and run.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ p: Double) -> Bool { Double(next() % 10_000) / 10_000 < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func shuffle<T>(_ items: [T]) -> [T] {
        var result = items
        guard result.count > 1 else { return result }
        for i in stride(from: result.count - 1, to: 0, by: -1) { result.swapAt(i, int(0...i)) }
        return result
    }
}

struct Answer {
    var tree: Y
    var style: WriterStyle
    /// Identifiers the learner chose (not fixed by the task): names, and paths starting with `/`.
    var free: [String]
    var fileName: String

    var text: String { YAMLWriter.write(tree, style) }
}

struct PlantedCopy: Hashable {
    let original: String
    let copier: String
    let exercise: String
}

struct GeneratedClass {
    /// student → path → text
    var learners: [(student: String, files: [String: String])]
    var planted: [PlantedCopy]
}

enum ClassGenerator {
    static let exercises = ["01-multi-container-pod", "03-sidecar-logging", "07-shared-volume"]

    static let words = ["alpha", "bravo", "cedar", "delta", "ember", "falcon", "garnet", "harbor", "indigo", "juniper", "kestrel",
                        "lumen", "maple", "nimbus", "onyx", "pepper", "quartz", "raven", "sierra", "tundra", "umber", "violet",
                        "willow", "xenon", "yarrow", "zephyr", "comet", "pixel", "orbit", "nova", "basil", "copper", "dune", "fjord"]

    static func id(_ rng: inout RNG) -> String { rng.pick(words) + "-" + String(rng.int(10...99)) }

    static func makeClass(size: Int, copies: Int, seed: UInt64) -> GeneratedClass {
        var rng = RNG(seed: seed)
        var answers: [[String: Answer]] = []
        for _ in 0..<size {
            var mine: [String: Answer] = [:]
            for exercise in exercises where rng.chance(0.95) { mine[exercise] = answer(exercise, &rng) }
            answers.append(mine)
        }
        func name(_ i: Int) -> String {
            let digits = String(i + 1)
            return "s" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
        var planted: [PlantedCopy] = []
        var usedOriginals = Set<Int>()
        for c in 0..<min(copies, size / 2) {
            let copier = size - 1 - c
            let exercise = exercises[c % exercises.count]
            var original = rng.int(0...(size - copies - 1))
            while usedOriginals.contains(original) || answers[original][exercise] == nil { original = rng.int(0...(size - copies - 1)) }
            usedOriginals.insert(original)
            guard let source = answers[original][exercise] else { continue }
            answers[copier][exercise] = disguise(source, keepComments: c % 5 < 3, &rng)
            planted.append(PlantedCopy(original: name(original), copier: name(copier), exercise: exercise))
        }
        let learners = answers.enumerated().map { index, mine in
            (student: name(index), files: Dictionary(uniqueKeysWithValues: mine.map { ($0.key + "/" + $0.value.fileName, $0.value.text) }))
        }
        return GeneratedClass(learners: learners, planted: planted)
    }

    // MARK: - Styles

    static func style(_ rng: inout RNG) -> WriterStyle {
        var style = WriterStyle()
        style.indent = rng.chance(0.75) ? 2 : 4
        style.indentSequences = rng.chance(0.4)
        style.quote = rng.pick([.plain, .plain, .plain, .single, .double])
        style.flow = rng.chance(0.35)
        style.documentStart = rng.chance(0.3)
        style.blockScripts = rng.chance(0.3)
        return style
    }

    // MARK: - Answers

    static func answer(_ exercise: String, _ rng: inout RNG) -> Answer {
        var free: [String] = []
        let tree: Y
        switch exercise {
        case "01-multi-container-pod": tree = multiContainer(&rng, &free)
        case "03-sidecar-logging": tree = sidecarLogging(&rng, &free)
        default: tree = sharedVolume(&rng, &free)
        }
        let fileName = rng.pick(["pod.yaml", "pod.yaml", "pod.yml", "manifest.yaml", "solution.yaml"])
        return Answer(tree: tree, style: style(&rng), free: free, fileName: fileName)
    }

    static func comment(_ rng: inout RNG, _ topic: String) -> String? {
        guard rng.chance(0.45) else { return nil }
        let templates = ["{t}", "{t}: {w}", "{t} ({w} {n})", "my {t}", "{w}: {t}, see part {n}", "{t}, checked with kubectl {w}",
                         "note {n}: {t}", "{t} - {w} {w2}"]
        var text = rng.pick(templates)
        text = text.replacing("{t}", with: topic).replacing("{w}", with: rng.pick(words)).replacing("{w2}", with: rng.pick(words))
            .replacing("{n}", with: String(rng.int(1...99)))
        return text
    }

    static func metadata(_ name: String, _ rng: inout RNG, _ free: inout [String]) -> Y {
        var entries = [Y.Entry("name", .s(name))]
        if rng.chance(0.45) {
            var labels: [Y.Entry] = []
            let app = rng.pick([name, "web", id(&rng)])
            if app != name && app != "web" { free.append(app) }
            labels.append(Y.Entry("app", .s(app)))
            if rng.chance(0.5) { labels.append(Y.Entry("tier", .s(rng.pick(["frontend", "backend", "web", "logging", "demo"])))) }
            if rng.chance(0.3) { labels.append(Y.Entry("env", .s(rng.pick(["dev", "lab", "test", "study"])))) }
            if rng.chance(0.2) {
                let owner = id(&rng)
                free.append(owner)
                labels.append(Y.Entry("owner", .s(owner)))
            }
            entries.append(Y.Entry("labels", .map(labels), comment: comment(&rng, "labels for selectors")))
        }
        return .map(entries)
    }

    static func resources(_ rng: inout RNG) -> Y? {
        guard rng.chance(0.4) else { return nil }
        let cpu = ["50m", "100m", "125m", "200m", "250m", "300m", "500m"], memory = ["32Mi", "48Mi", "64Mi", "100Mi", "128Mi", "256Mi"]
        var entries = [Y.Entry("requests", .map([Y.Entry("cpu", .s(rng.pick(cpu))), Y.Entry("memory", .s(rng.pick(memory)))]))]
        if rng.chance(0.6) {
            entries.append(Y.Entry("limits", .map([Y.Entry("cpu", .s(rng.pick(["500m", "1", "750m", "600m"]))),
                                                   Y.Entry("memory", .s(rng.pick(["256Mi", "512Mi", "300Mi"])))])))
        }
        return .map(entries)
    }

    /// A health probe on nginx, as some learners add.
    static func probe(_ rng: inout RNG) -> Y.Entry? {
        guard rng.chance(0.3) else { return nil }
        var entries = [Y.Entry("httpGet", .map([Y.Entry("path", .s(rng.pick(["/", "/index.html", "/healthz", "/ping"]))), Y.Entry("port", .raw("80"))]))]
        if rng.chance(0.7) { entries.append(Y.Entry("initialDelaySeconds", .raw(String(rng.int(1...15))))) }
        if rng.chance(0.7) { entries.append(Y.Entry("periodSeconds", .raw(String(rng.int(3...30))))) }
        return Y.Entry(rng.pick(["livenessProbe", "readinessProbe"]), .map(entries))
    }

    /// A container's entries in the learner's habitual order.
    static func container(_ entries: [Y.Entry], order: Int, _ rng: inout RNG) -> Y {
        let standard = ["name", "image", "imagePullPolicy", "command", "args", "env", "ports", "volumeMounts", "resources"]
        let alternative = ["name", "image", "ports", "volumeMounts", "command", "args", "env", "resources", "imagePullPolicy"]
        switch order {
        case 0: return .map(entries.sorted { (standard.firstIndex(of: $0.key) ?? 99) < (standard.firstIndex(of: $1.key) ?? 99) })
        case 1: return .map(entries.sorted { (alternative.firstIndex(of: $0.key) ?? 99) < (alternative.firstIndex(of: $1.key) ?? 99) })
        default:
            let name = entries.filter { $0.key == "name" }
            return .map(name + rng.shuffle(entries.filter { $0.key != "name" }))
        }
    }

    static func habitualOrder(_ rng: inout RNG) -> Int { rng.pick([0, 0, 0, 1, 2]) }

    /// `command`/`args` entries for a script, in one of the forms learners use.
    static func commandEntries(_ script: String, _ rng: inout RNG) -> [Y.Entry] {
        let shell = rng.pick(["sh", "sh", "/bin/sh", "/bin/ash"])
        let multiLine = script.replacing("; do ", with: "\ndo ").replacing("; ", with: "\n")
        switch rng.int(0...3) {
        case 0: return [Y.Entry("command", .seq([.s(shell), .s("-c"), .s(script)]))]
        case 1: return [Y.Entry("command", .seq([.s(shell), .s("-c")])), Y.Entry("args", .seq([.s(script)]))]
        case 2: return [Y.Entry("command", .seq([.s(shell), .s("-c")])), Y.Entry("args", .seq([.s(multiLine)]))]
        default: return [Y.Entry("command", .seq([.s(shell)])), Y.Entry("args", .seq([.s("-c"), .s(script)]))]
        }
    }

    static func env(_ rng: inout RNG, _ free: inout [String]) -> (name: String, entry: Y.Entry)? {
        guard rng.chance(0.3) else { return nil }
        let name = rng.pick(words).uppercased() + "_" + rng.pick(["MSG", "TEXT", "NAME", "LABEL"])
        free.append(name)
        return (name, Y.Entry("env", .seq([.map([Y.Entry("name", .s(name)), Y.Entry("value", .s(rng.pick(words) + " " + String(rng.int(1...999))))])])))
    }

    static func sharedVolume(_ rng: inout RNG, _ free: inout [String]) -> Y {
        let order = habitualOrder(&rng)
        let n = rng.int(1...30)
        let word = rng.pick(words) + String(rng.int(1...99))
        let variable = env(&rng, &free)
        var writerScript = rng.pick([
            "while true; do date >> /shared/data.txt; sleep \(n); done",
            "while true; do echo \"$(date) \(word)\" >> /shared/data.txt; sleep \(n); done",
            "while :; do date '+%H:%M:%S' >> /shared/data.txt; sleep \(n); done",
            "i=0; while true; do i=$((i+1)); echo \"\(word) $i\" >> /shared/data.txt; sleep \(n); done",
            "while true; do echo \(word) $(hostname) >> /shared/data.txt; sleep \(n); done",
            "until false; do date -u >> /shared/data.txt; sleep \(n); done",
        ])
        if let variable { writerScript = "while true; do echo \"$\(variable.name) $(date)\" >> /shared/data.txt; sleep \(n); done" }
        let m = rng.int(1...20)
        let readerScript = rng.pick([
            "tail -f /shared/data.txt",
            "touch /shared/data.txt; tail -f /shared/data.txt",
            "until [ -f /shared/data.txt ]; do sleep \(m); done; tail -f /shared/data.txt",
            "while true; do cat /shared/data.txt; sleep \(m); done",
            "tail -F /shared/data.txt",
            "sleep \(m); tail -f /shared/data.txt",
            "while true; do tail -n \(m) /shared/data.txt; sleep \(m); done",
        ])
        let image = ["busybox", "busybox:1.36", "busybox:1.36.1", "busybox:latest", "busybox:stable", "busybox:1.35", "docker.io/library/busybox:1.36"]
        let sameImage = rng.chance(0.7)
        let writerImage = rng.pick(image)
        var writer: [Y.Entry] = [Y.Entry("name", .s("writer")), Y.Entry("image", .s(writerImage))]
        writer += commandEntries(writerScript, &rng)
        if let variable { writer.append(variable.entry) }
        writer.append(Y.Entry("volumeMounts", .seq([.map([Y.Entry("name", .s("shared-data")), Y.Entry("mountPath", .s("/shared"))])])))
        if let r = resources(&rng) { writer.append(Y.Entry("resources", r)) }
        if rng.chance(0.2) { writer.append(Y.Entry("imagePullPolicy", .s(rng.pick(["IfNotPresent", "Always"])))) }
        var readerMount = [Y.Entry("name", .s("shared-data")), Y.Entry("mountPath", .s("/shared"))]
        if rng.chance(0.3) { readerMount.append(Y.Entry("readOnly", .raw("true"))) }
        var reader: [Y.Entry] = [Y.Entry("name", .s("reader")), Y.Entry("image", .s(sameImage ? writerImage : rng.pick(image)))]
        reader += commandEntries(readerScript, &rng)
        reader.append(Y.Entry("volumeMounts", .seq([.map(readerMount)])))
        if let r = resources(&rng) { reader.append(Y.Entry("resources", r)) }
        var writerNode = container(writer, order: order, &rng), readerNode = container(reader, order: order, &rng)
        attachComment(&writerNode, comment(&rng, "writer appends the date"))
        attachComment(&readerNode, comment(&rng, "reader follows the file"))
        let containers: [Y] = rng.chance(0.8) ? [writerNode, readerNode] : [readerNode, writerNode]
        var spec: [Y.Entry] = [Y.Entry("containers", .seq(containers))]
        spec.append(Y.Entry("volumes", .seq(volumes("shared-data", &rng)), comment: comment(&rng, "emptyDir lives as long as the pod")))
        if rng.chance(0.2) { spec.append(Y.Entry("restartPolicy", .s(rng.pick(["Always", "OnFailure"])))) }
        if rng.chance(0.15) { spec.append(Y.Entry("terminationGracePeriodSeconds", .raw(String(rng.int(1...60))))) }
        return pod("shared-volume-example", spec: spec, &rng, &free)
    }

    static func volumes(_ name: String, _ rng: inout RNG) -> [Y] {
        let emptyDir: Y = rng.pick([.map([]), .map([]), .map([]), .map([Y.Entry("medium", .s("Memory"))]),
                                    .map([Y.Entry("sizeLimit", .s(rng.pick(["10Mi", "50Mi", "64Mi", "100Mi", "1Gi"])))])])
        return [.map([Y.Entry("name", .s(name)), Y.Entry("emptyDir", emptyDir)])]
    }

    static func pod(_ name: String, spec: [Y.Entry], _ rng: inout RNG, _ free: inout [String]) -> Y {
        var top = [Y.Entry("apiVersion", .s("v1")), Y.Entry("kind", .s("Pod")), Y.Entry("metadata", metadata(name, &rng, &free)),
                   Y.Entry("spec", .map(spec))]
        if rng.chance(0.15) { top = [top[1], top[0], top[2], top[3]] }
        if let note = comment(&rng, "exercise \(rng.int(1...12))") { top[0].comment = note }
        return .map(top)
    }

    static func attachComment(_ node: inout Y, _ text: String?) {
        guard let text, case .map(var entries) = node, !entries.isEmpty else { return }
        entries[0].comment = text
        node = .map(entries)
    }

    static func multiContainer(_ rng: inout RNG, _ free: inout [String]) -> Y {
        let order = habitualOrder(&rng)
        let nginx = ["nginx", "nginx:1.25", "nginx:1.25-alpine", "nginx:1.27", "nginx:stable", "nginx:latest", "nginx:1.24", "docker.io/library/nginx:1.25"]
        let cadvisor = ["gcr.io/cadvisor/cadvisor", "gcr.io/cadvisor/cadvisor:v0.47.2", "gcr.io/cadvisor/cadvisor:v0.49.1",
                        "gcr.io/cadvisor/cadvisor:latest", "gcr.io/cadvisor/cadvisor:v0.45.0"]
        func port(_ number: Int, _ names: [String]) -> Y {
            var entries = [Y.Entry("containerPort", .raw(String(number)))]
            if rng.chance(0.35) { entries.append(Y.Entry("name", .s(rng.pick(names)))) }
            if rng.chance(0.2) { entries.append(Y.Entry("protocol", .s("TCP"))) }
            return .map(entries)
        }
        var web: [Y.Entry] = [Y.Entry("name", .s("web-server")), Y.Entry("image", .s(rng.pick(nginx))),
                              Y.Entry("ports", .seq([port(80, ["http", "web", "www", "nginx-http"])]))]
        var webMounts: [Y] = [.map([Y.Entry("name", .s("shared-storage")), Y.Entry("mountPath", .s("/var/www/html"))])]
        var extraVolume: Y?
        if rng.chance(0.25) {
            let name = id(&rng)
            let path = rng.pick(["/cache", "/tmp/cache", "/var/cache/nginx", "/scratch", "/data/" + rng.pick(words)])
            free += [name, path]
            webMounts.append(.map([Y.Entry("name", .s(name)), Y.Entry("mountPath", .s(path))]))
            extraVolume = .map([Y.Entry("name", .s(name)), Y.Entry("emptyDir", .map([]))])
        }
        web.append(Y.Entry("volumeMounts", .seq(webMounts)))
        if let r = resources(&rng) { web.append(Y.Entry("resources", r)) }
        if let p = probe(&rng) { web.append(p) }
        if rng.chance(0.2) { web.append(Y.Entry("imagePullPolicy", .s(rng.pick(["IfNotPresent", "Always"])))) }
        var helper: [Y.Entry] = [Y.Entry("name", .s("cadvisor")), Y.Entry("image", .s(rng.pick(cadvisor))),
                                 Y.Entry("ports", .seq([port(8080, ["metrics", "http-metrics", "cadvisor", "stats"])]))]
        if rng.chance(0.3) {
            let flags = ["--housekeeping_interval=\(rng.int(5...30))s", "--docker_only=true", "--store_container_labels=false",
                         "--max_housekeeping_interval=\(rng.int(30...90))s", "--disable_metrics=percpu,sched"]
            helper.append(Y.Entry("args", .seq(Array(rng.shuffle(flags).prefix(rng.int(1...3))).map { .s($0) })))
        }
        helper.append(Y.Entry("volumeMounts", .seq([.map([Y.Entry("name", .s("shared-storage")), Y.Entry("mountPath", .s("/var/log"))])])))
        if let r = resources(&rng) { helper.append(Y.Entry("resources", r)) }
        var webNode = container(web, order: order, &rng), helperNode = container(helper, order: order, &rng)
        attachComment(&webNode, comment(&rng, "main container: the web server"))
        attachComment(&helperNode, comment(&rng, "cadvisor exports metrics on 8080"))
        let containers: [Y] = rng.chance(0.85) ? [webNode, helperNode] : [helperNode, webNode]
        var volumeList = volumes("shared-storage", &rng)
        if let extraVolume { volumeList.append(extraVolume) }
        var spec: [Y.Entry] = [Y.Entry("containers", .seq(containers)), Y.Entry("volumes", .seq(volumeList))]
        if rng.chance(0.2) { spec.append(Y.Entry("restartPolicy", .s("Always"))) }
        return pod("multi-container-pod", spec: spec, &rng, &free)
    }

    static func sidecarLogging(_ rng: inout RNG, _ free: inout [String]) -> Y {
        let order = habitualOrder(&rng)
        let nginx = ["nginx", "nginx:1.25", "nginx:1.25-alpine", "nginx:1.27", "nginx:stable", "nginx:latest", "nginx:1.26"]
        let fluentd = ["fluentd", "fluentd:v1.16-1", "fluentd:v1.17-1", "fluentd:v1.16-debian-1", "fluentd:latest", "docker.io/fluentd:v1.16-1"]
        let mountPath = rng.chance(0.5) ? rng.pick(["/fluentd/log", "/logs", "/var/log/app", "/mnt/logs", "/data/logs", "/var/log/collector",
                                                   "/input/nginx", "/srv/logs"])
                                       : rng.pick(["/var/log/", "/mnt/", "/fluentd/"]) + rng.pick(words) + String(rng.int(1...9))
        free.append(mountPath)
        var web: [Y.Entry] = [Y.Entry("name", .s("web-server")), Y.Entry("image", .s(rng.pick(nginx))),
                              Y.Entry("ports", .seq([.map([Y.Entry("containerPort", .raw("80"))])])),
                              Y.Entry("volumeMounts", .seq([.map([Y.Entry("name", .s("logs")), Y.Entry("mountPath", .s("/var/log/nginx"))])]))]
        if let r = resources(&rng) { web.append(Y.Entry("resources", r)) }
        if let p = probe(&rng) { web.append(p) }
        var collector: [Y.Entry] = [Y.Entry("name", .s("log-collector")), Y.Entry("image", .s(rng.pick(fluentd))),
                                    Y.Entry("volumeMounts", .seq([.map([Y.Entry("name", .s("logs")), Y.Entry("mountPath", .s(mountPath)),
                                                                        Y.Entry("readOnly", .raw("true"))])]))]
        if rng.chance(0.4) {
            let script = rng.pick(["tail -F \(mountPath)/access.log", "tail -n+1 -F \(mountPath)/access.log \(mountPath)/error.log",
                                   "tail -f \(mountPath)/access.log", "while true; do cat \(mountPath)/access.log; sleep \(rng.int(2...30)); done"])
            collector += commandEntries(script, &rng)
        }
        if rng.chance(0.25) {
            collector.append(Y.Entry("env", .seq([.map([Y.Entry("name", .s("FLUENTD_ARGS")), Y.Entry("value", .s(rng.pick(["-q", "-v", "--no-supervisor"])))])])))
        }
        if let r = resources(&rng) { collector.append(Y.Entry("resources", r)) }
        var webNode = container(web, order: order, &rng), collectorNode = container(collector, order: order, &rng)
        attachComment(&webNode, comment(&rng, "nginx writes access.log and error.log"))
        attachComment(&collectorNode, comment(&rng, "sidecar reads the logs read-only"))
        let containers: [Y] = rng.chance(0.85) ? [webNode, collectorNode] : [collectorNode, webNode]
        let spec: [Y.Entry] = [Y.Entry("containers", .seq(containers)), Y.Entry("volumes", .seq(volumes("logs", &rng)))]
        return pod("web-server-with-sidecar", spec: spec, &rng, &free)
    }

    // MARK: - Copies

    /// The same answer disguised: chosen identifiers renamed, every mapping's
    /// keys and every list of objects reordered, the script moved between
    /// command and args, and a different style; comments kept or dropped.
    static func disguise(_ answer: Answer, keepComments: Bool, _ rng: inout RNG) -> Answer {
        var renames: [(String, String)] = []
        for name in answer.free.sorted(by: { $0.count > $1.count }) {
            if name.hasPrefix("/") {
                renames.append((name, rng.pick(["/var/log/", "/mnt/", "/opt/", "/srv/"]) + "copy" + String(rng.int(10...99))))
            } else if name == name.uppercased() {
                renames.append((name, "MY_" + String(rng.int(100...999))))
            } else {
                renames.append((name, "renamed-" + String(rng.int(100...999))))
            }
        }
        func rename(_ text: String) -> String {
            var result = text
            for (from, to) in renames { result = result.replacing(from, with: to) }
            return result
        }
        func transform(_ node: Y) -> Y {
            switch node {
            case .s(let text): return .s(rename(text))
            case .raw: return node
            case .seq(let items):
                let children = items.map(transform)
                return .seq(children.allSatisfy { $0.entries != nil } ? rng.shuffle(children) : children)
            case .map(let entries):
                var changed = entries.map { Y.Entry($0.key, transform($0.value), comment: keepComments ? $0.comment.map(rename) : nil) }
                changed = moveScript(changed, &rng)
                return .map(rng.shuffle(changed))
            }
        }
        var style = style(&rng)
        style.indent = answer.style.indent == 2 ? 4 : 2
        style.flow = !answer.style.flow
        style.quote = answer.style.quote == .plain ? rng.pick([.single, .double]) : .plain
        style.blockScripts = !answer.style.blockScripts
        style.comments = keepComments
        return Answer(tree: transform(answer.tree), style: style, free: answer.free.map(rename), fileName: rng.pick(["pod.yaml", "answer.yaml", "my-pod.yml"]))
    }

    /// `command: [sh, -c, S]` becomes `command: [sh, -c]` + `args: [S]` and back.
    static func moveScript(_ entries: [Y.Entry], _ rng: inout RNG) -> [Y.Entry] {
        guard let commandIndex = entries.firstIndex(where: { $0.key == "command" }), case .seq(let command) = entries[commandIndex].value else {
            return entries
        }
        var result = entries
        if let argsIndex = entries.firstIndex(where: { $0.key == "args" }), case .seq(let args) = entries[argsIndex].value {
            result[commandIndex].value = .seq(command + args)
            result.remove(at: argsIndex)
        } else if command.count == 3 {
            result[commandIndex].value = .seq(Array(command.prefix(2)))
            result.append(Y.Entry("args", .seq([command[2]])))
        }
        return result
    }
}
