import PodGradeYAML
import PodGradeKubernetes

/// `data.flow`: what one container writes, another reads, through the same file of a shared volume.
struct DataFlowRule: Rule {
    let id = "data.flow"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Данные проходят через общий volume", en: "Data flows through a shared volume"),
        explanation: LocalizedText(
            ru: "Один контейнер пишет файл в общий volume, другой читает его. Пути в контейнерах могут различаться: важно, что после mountPath (и subPath) они указывают на один и тот же файл volume. Запись ищется в командах (>, >>, tee, touch, cp), чтение — в cat, tail, head, grep и каталогах, которые раздаёт сервер.",
            en: "One container writes a file into a shared volume, another reads it. The paths may differ between containers: what matters is that through mountPath (and subPath) they reach the same file of the volume. Writes are found in commands (>, >>, tee, touch, cp), reads in cat, tail, head, grep and directories a server serves."),
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
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: writer\n    image: busybox\n    command: [sh, -c, ↓'while true; do date >> /tmp/data.txt; sleep 5; done']\n    volumeMounts: [{name: shared, mountPath: /out}]\n  - name: reader\n    image: busybox\n    command: [sh, -c, 'tail -f /in/data.txt']\n    volumeMounts: [{name: shared, mountPath: /in}]\n  volumes:\n  - name: shared\n    emptyDir: {}\n",
                    params: "{writer: writer, reader: reader}", key: "writesOffVolume"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        let writer = try context.container(params.writer)
        let reader = try context.container(params.reader)
        let allWrites = FileAccesses.of(writer).filter { $0.kind == .write }
        let anchor = { (c: Container) -> Finding in
            let at = c.command?.first ?? c.args?.first
            return at.map { context.finding(Message.noWrites(container: c.displayName), $0) }
                ?? context.finding(Message.noWrites(container: c.displayName), mark: c.nameMark, path: c.path)
        }
        guard !allWrites.isEmpty else { return .fail([anchor(writer)]) }
        if let file = params.file, !allWrites.contains(where: { Paths.normalize($0.path) == Paths.normalize(file) }) {
            let at = allWrites.first?.source
            let message = Message.flowFileWrong(writer: writer.displayName, expected: file, writes: allWrites.map(\.path))
            return .fail([at.map { context.finding(message, $0) } ?? context.finding(message, mark: writer.nameMark, path: writer.path)])
        }
        let writes = FileAccesses.places(allWrites, in: writer)
        guard !writes.isEmpty else {
            let at = allWrites.first?.source
            let message = Message.writesOffVolume(container: writer.displayName, paths: allWrites.map(\.path))
            return .fail([at.map { context.finding(message, $0) } ?? context.finding(message, mark: writer.nameMark, path: writer.path)])
        }
        let allReads = FileAccesses.of(reader).filter { $0.kind == .read }
        guard !allReads.isEmpty else {
            let at = reader.command?.first ?? reader.args?.first
            let message = Message.noReads(container: reader.displayName)
            return .fail([at.map { context.finding(message, $0) } ?? context.finding(message, mark: reader.nameMark, path: reader.path)])
        }
        let reads = FileAccesses.places(allReads, in: reader)
        for (_, written) in writes {
            for (_, read) in reads where read.volume == written.volume && Paths.read(read.relative, covers: written.relative) {
                return .pass(Message.dataFlowOK(writer: writer.displayName, reader: reader.displayName, volume: written.volume,
                                         file: written.relative.isEmpty ? "/" : written.relative))
            }
        }
        let at = allReads.first?.source
        let message = Message.flowMismatch(writer: writer.displayName, reader: reader.displayName,
                                           writes: allWrites.map(\.path), reads: allReads.map(\.path))
        return .fail([at.map { context.finding(message, $0) } ?? context.finding(message, mark: reader.nameMark, path: reader.path)])
    }
}

extension DataFlowRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .noWrites(container: "writer"),
            .noReads(container: "reader"),
            .writesOffVolume(container: "writer", paths: ["/tmp/x"]),
            .flowMismatch(writer: "w", reader: "r", writes: ["/a/x"], reads: ["/b/y"]),
            .flowFileWrong(writer: "w", expected: "/shared/data.txt", writes: ["/shared/x"]),
            .dataFlowOK(writer: "w", reader: "r", volume: "shared", file: "data.txt"),
        ]
    }

    /// What `data.flow` says, in every language.
    enum Message: RuleMessage {
        case noWrites(container: String)
        case noReads(container: String)
        case writesOffVolume(container: String, paths: [String])
        case flowMismatch(writer: String, reader: String, writes: [String], reads: [String])
        case flowFileWrong(writer: String, expected: String, writes: [String])
        case dataFlowOK(writer: String, reader: String, volume: String, file: String)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .noWrites(let container):
                return "Не видно, чтобы контейнер \(q(container)) записывал файл (>, >>, tee, touch, cp)."
            case .noReads(let container):
                return "Не видно, чтобы контейнер \(q(container)) читал файл (cat, tail, head, grep)."
            case .writesOffVolume(let container, let paths):
                return "Контейнер \(q(container)) пишет в \(paths.joined(separator: ", ")), но это не общий volume: соседний контейнер этого не увидит."
            case .flowMismatch(let writer, let reader, let writes, let reads):
                return "\(q(writer)) пишет в \(writes.joined(separator: ", ")), а \(q(reader)) читает \(reads.joined(separator: ", ")): это разные файлы."
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
            case .writesOffVolume(let container, let paths):
                return "Container \(q(container)) writes to \(paths.joined(separator: ", ")), which is not on a shared volume: its neighbour cannot see it."
            case .flowMismatch(let writer, let reader, let writes, let reads):
                return "\(q(writer)) writes \(writes.joined(separator: ", ")) while \(q(reader)) reads \(reads.joined(separator: ", ")): different files."
            case .flowFileWrong(let writer, let expected, let writes):
                return "\(q(writer)) should write \(expected) but writes \(writes.joined(separator: ", "))."
            case .dataFlowOK(let writer, let reader, let volume, let file):
                return "\(q(reader)) reads what \(q(writer)) writes to \(q(volume)) (\(file))."
            }
        }
    }
}

// A result file's `key` and `args`: see MessageArguments.
extension DataFlowRule.Message {
    init(from decoder: any Decoder) throws {
        let args = try MessageArguments(decoder)
        switch args.key {
        case "noWrites": self = .noWrites(container: try args.value("container"))
        case "noReads": self = .noReads(container: try args.value("container"))
        case "writesOffVolume": self = .writesOffVolume(container: try args.value("container"), paths: try args.value("paths"))
        case "flowMismatch": self = .flowMismatch(writer: try args.value("writer"), reader: try args.value("reader"), writes: try args.value("writes"), reads: try args.value("reads"))
        case "flowFileWrong": self = .flowFileWrong(writer: try args.value("writer"), expected: try args.value("expected"), writes: try args.value("writes"))
        case "dataFlowOK": self = .dataFlowOK(writer: try args.value("writer"), reader: try args.value("reader"), volume: try args.value("volume"), file: try args.value("file"))
        default: throw MessageCoding.Unexpected()
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .noWrites(let container):
            var args = MessageArguments.Writer(encoder, "noWrites")
            try args.write(container, "container")
        case .noReads(let container):
            var args = MessageArguments.Writer(encoder, "noReads")
            try args.write(container, "container")
        case .writesOffVolume(let container, let paths):
            var args = MessageArguments.Writer(encoder, "writesOffVolume")
            try args.write(container, "container")
            try args.write(paths, "paths")
        case .flowMismatch(let writer, let reader, let writes, let reads):
            var args = MessageArguments.Writer(encoder, "flowMismatch")
            try args.write(writer, "writer")
            try args.write(reader, "reader")
            try args.write(writes, "writes")
            try args.write(reads, "reads")
        case .flowFileWrong(let writer, let expected, let writes):
            var args = MessageArguments.Writer(encoder, "flowFileWrong")
            try args.write(writer, "writer")
            try args.write(expected, "expected")
            try args.write(writes, "writes")
        case .dataFlowOK(let writer, let reader, let volume, let file):
            var args = MessageArguments.Writer(encoder, "dataFlowOK")
            try args.write(writer, "writer")
            try args.write(reader, "reader")
            try args.write(volume, "volume")
            try args.write(file, "file")
        }
    }
}
