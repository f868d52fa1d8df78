import PodGradeYAML
import PodGradeKubernetes

/// `data.flow`: what one container writes, another reads, through the same file of a shared volume.
struct DataFlowRule: Rule {
    let id = "data.flow"
    let readsWholeModel = true
    let doc = RuleDoc(
        title: LocalizedText(ru: "Данные проходят через общий volume", en: "Data flows through a shared volume"),
        explanation: LocalizedText(
            ru: "Один контейнер пишет файл в общий volume, другой читает его. Пути в контейнерах могут различаться: важно, что после mountPath (и subPath) они указывают на один и тот же файл volume. Запись ищется в командах (>, >>, tee, touch, cp), чтение — в cat, tail, head, grep, while read и каталогах, которые раздаёт сервер; $(VAR) и $VAR подставляются. Типичные ошибки: писатель и читатель в разных местах — другой volume, subPath или файл (flowDifferentPlaces); читатель ждёт файл, который никто не пишет (readsUnwrittenFile).",
            en: "One container writes a file into a shared volume, another reads it. The paths may differ between containers: what matters is that through mountPath (and subPath) they reach the same file of the volume. Writes are found in commands (>, >>, tee, touch, cp), reads in cat, tail, head, grep, while read and directories a server serves; $(VAR) and $VAR are expanded. Common mistakes: writer and reader in different places, another volume, subPath or file (flowDifferentPlaces); a reader waiting for a file nobody writes (readsUnwrittenFile)."),
        section: "Общие Volumes в много-контейнерных PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let writer: String
        let reader: String
        let file: String?
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: writer\n    image: busybox\n    command: [sh, -c, 'while true; do date >> /out/data.txt; sleep 5; done']\n    volumeMounts: [{name: shared, mountPath: /out}]\n  - name: reader\n    image: busybox\n    command: [sh, -c, 'tail -f /in/data.txt']\n    volumeMounts: [{name: shared, mountPath: /in}]\n  volumes:\n  - name: shared\n    emptyDir: {}\n",
                    params: "{writer: writer, reader: reader}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: writer\n    image: busybox\n    command: [sh, -c, 'while true; do date >> /tmp/data.txt; sleep 5; done']\n    volumeMounts: [{name: shared, mountPath: /out}]\n  - name: reader\n    image: busybox\n    command: [sh, -c, ↓'tail -f /in/data.txt']\n    volumeMounts: [{name: shared, mountPath: /in}]\n  volumes:\n  - name: shared\n    emptyDir: {}\n",
                    params: "{writer: writer, reader: reader}", key: "readsUnwrittenFile"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        let writer = try context.container(params.writer)
        let reader = try context.container(params.reader)
        guard let model = context.model else { return .notRun }
        let w = writer.displayName, r = reader.displayName
        func at(_ fact: FileFact?, _ c: Container, _ message: Message) -> Finding {
            if let fact { return context.finding(message, fact.source) }
            let node = c.command?.first ?? c.args?.first
            return node.map { context.finding(message, $0) } ?? context.finding(message, mark: c.nameMark, path: c.path)
        }
        let flows = model.flows(from: w, to: r)
        if let flow = flows.first {
            let ok = Message.dataFlowOK(writer: w, reader: r, volume: flow.volume,
                                        file: (flow.writer.place?.relative).map { $0.isEmpty ? "/" : $0 } ?? "/")
            // The file's name is the task's example: another one the reader reads too is a note.
            if let file = params.file, !flows.contains(where: { Paths.normalize($0.writer.path) == Paths.normalize(file) }) {
                return .passWithNotes(ok, [at(flow.writer, writer, .flowFileWrong(writer: w, expected: file, writes: [flow.writer.path]))])
            }
            return .pass(ok)
        }
        let writes = model.writes(of: w).filter { $0.kind == .write && !$0.isStdout }
        guard !writes.isEmpty else { return .fail([at(nil, writer, .noWrites(container: w))]) }
        let reads = model.reads(of: r).filter { !$0.isImplicit }
        guard let firstRead = reads.first else { return .fail([at(nil, reader, .noReads(container: r))]) }
        func place(_ f: FileFact) -> String {
            guard let p = f.place else { return f.path }
            return "\(f.path) (\(p.volume):/\(p.relative))"
        }
        let placedWrites = writes.filter { $0.place != nil }, placedReads = reads.filter { $0.place != nil }
        if !placedWrites.isEmpty, !placedReads.isEmpty {
            return .fail([at(placedReads[0], reader, .flowDifferentPlaces(writer: w, reader: r, writes: placedWrites.map(place), reads: placedReads.map(place)))])
        }
        return .fail([at(firstRead, reader, .readsUnwrittenFile(reader: r, reads: reads.map(place), writer: w, writes: writes.map(place)))])
    }
}

extension DataFlowRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .noWrites(container: "writer"),
            .noReads(container: "reader"),
            .readsUnwrittenFile(reader: "reader", reads: ["/shared/data.txt (shared-data:/data.txt)"], writer: "writer", writes: ["/tmp/data.txt"]),
            .flowDifferentPlaces(writer: "w", reader: "r", writes: ["/shared/data.txt (shared-data:/writer/data.txt)"], reads: ["/shared/data.txt (shared-data:/reader/data.txt)"]),
            .flowFileWrong(writer: "w", expected: "/shared/data.txt", writes: ["/shared/x"]),
            .dataFlowOK(writer: "w", reader: "r", volume: "shared", file: "data.txt"),
        ]
    }

    /// What `data.flow` says, in every language.
    enum Message: RuleMessage {
        case noWrites(container: String)
        case noReads(container: String)
        case readsUnwrittenFile(reader: String, reads: [String], writer: String, writes: [String])
        case flowDifferentPlaces(writer: String, reader: String, writes: [String], reads: [String])
        case flowFileWrong(writer: String, expected: String, writes: [String])
        case dataFlowOK(writer: String, reader: String, volume: String, file: String)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .noWrites(let container):
                return "Не видно, чтобы контейнер \(q(container)) записывал файл (>, >>, tee, touch, cp)."
            case .noReads(let container):
                return "Не видно, чтобы контейнер \(q(container)) читал файл (cat, tail, head, grep)."
            case .readsUnwrittenFile(let reader, let reads, let writer, let writes):
                return "\(q(reader)) читает \(reads.joined(separator: ", ")), но этот файл никто не пишет: \(q(writer)) пишет \(writes.joined(separator: ", ")). Писатель и читатель должны встретиться в одном файле общего volume."
            case .flowDifferentPlaces(let writer, let reader, let writes, let reads):
                return "\(q(writer)) пишет в \(writes.joined(separator: ", ")), а \(q(reader)) читает \(reads.joined(separator: ", ")): это разные места (volume, subPath или файл), данные не встречаются."
            case .flowFileWrong(let writer, let expected, let writes):
                return "\(q(writer)) должен писать \(expected), а пишет \(writes.joined(separator: ", "))."
            case .dataFlowOK(let writer, let reader, let volume, let file):
                return "\(q(reader)) читает то, что \(q(writer)) пишет в \(q(volume)) (\(file))."
            }
        }

        var english: String {
            let q = English.quote
            switch self {
            case .noWrites(let container):
                return "Container \(q(container)) writes no file that can be seen (>, >>, tee, touch, cp)."
            case .noReads(let container):
                return "Container \(q(container)) reads no file that can be seen (cat, tail, head, grep)."
            case .readsUnwrittenFile(let reader, let reads, let writer, let writes):
                return "\(q(reader)) reads \(reads.joined(separator: ", ")), which nobody writes: \(q(writer)) writes \(writes.joined(separator: ", ")). Writer and reader must meet in one file of a shared volume."
            case .flowDifferentPlaces(let writer, let reader, let writes, let reads):
                return "\(q(writer)) writes \(writes.joined(separator: ", ")) while \(q(reader)) reads \(reads.joined(separator: ", ")): different places (volume, subPath or file), so the data never meets."
            case .flowFileWrong(let writer, let expected, let writes):
                return "\(q(writer)) should write \(expected) but writes \(writes.joined(separator: ", "))."
            case .dataFlowOK(let writer, let reader, let volume, let file):
                return "\(q(reader)) reads what \(q(writer)) writes to \(q(volume)) (\(file))."
            }
        }
    }
}
