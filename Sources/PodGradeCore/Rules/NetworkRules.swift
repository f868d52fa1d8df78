import PodGradeYAML
import PodGradeKubernetes

/// network.localhost: a container reaches another through localhost:PORT, declared by that other container.
struct LocalhostRule: Rule {
    let id = "network.localhost"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Обращение к соседу через localhost", en: "Reaching a neighbour on localhost"),
        explanation: LocalizedText(
            ru: "Контейнеры одного POD находятся в одном сетевом пространстве и обращаются друг к другу по localhost:ПОРТ — без Service и без IP-адресов. Порт должен быть объявлен (containerPort) тем контейнером, к которому обращаются. Адрес ищется в command, args и env (localhost:6379, http://localhost/, DB_HOST=localhost с DB_PORT=6379).",
            en: "The containers of one pod share a network namespace and reach each other at localhost:PORT, with no Service and no IP address. The port must be declared (containerPort) by the container being reached. The address is looked for in command, args and env (localhost:6379, http://localhost/, DB_HOST=localhost with DB_PORT=6379)."),
        section: "Общая сеть в много-контейнерных PODs")
    let params = [ParamSpec("from", .string, required: true), ParamSpec("to", .string), ParamSpec("port", .int)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{containerPort: 80}]\n  - name: probe\n    image: busybox\n    command: [sh, -c, 'while true; do wget -qO- http://localhost/; sleep 5; done']\n",
                    params: "{from: probe, to: web}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: app\n    image: busybox\n    env:\n    - {name: DB_HOST, value: localhost}\n    - {name: DB_PORT, value: \"6379\"}\n  - name: proxy\n    image: envoyproxy/envoy\n    ports: [{containerPort: 6379}]\n",
                    params: "{from: app, to: proxy, port: 6379}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{containerPort: 80}]\n  - name: probe\n    image: busybox\n    command: [sh, -c, 'wget -qO- http://localhost:8080/']\n",
                    params: "{from: probe}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .skip(.skippedNoWorkload) }
        let from = try context.container(params.string("from"))
        var target: Container?
        if let to = params.string("to") {
            target = try context.container(to)
        }
        let wantedPort = params.int("port")
        let references = LocalhostReferences.of(from).filter { wantedPort == nil || $0.port == wantedPort }
        guard !references.isEmpty else {
            let at = from.command?.first ?? from.args?.first
            return .fail([at.map { context.finding(.noLocalhostReference(container: from.displayName), $0) }
                          ?? context.finding(.noLocalhostReference(container: from.displayName), mark: from.nameMark, path: from.path)])
        }
        // The first reference that reaches a neighbour as asked wins.
        var failures: [Finding] = []
        for reference in references {
            let owners = PodQueries.declarers(of: reference.port, in: pod).filter { $0.displayName != from.displayName }
            if let target {
                if owners.contains(where: { $0.displayName == target.displayName }) {
                    return .pass(.localhostOK(from: from.displayName, port: reference.port, to: target.displayName))
                }
                if owners.isEmpty {
                    failures.append(context.finding(PodQueries.declares(from, reference.port)
                        ? .localhostOwnPort(container: from.displayName, port: reference.port)
                        : .localhostPortUndeclared(container: from.displayName, port: reference.port), reference.source))
                } else {
                    failures.append(context.finding(.localhostWrongTarget(container: from.displayName, port: reference.port,
                                                                          expected: target.displayName, owners: owners.map(\.displayName)), reference.source))
                }
            } else if let owner = owners.first {
                return .pass(.localhostOK(from: from.displayName, port: reference.port, to: owner.displayName))
            } else {
                failures.append(context.finding(PodQueries.declares(from, reference.port)
                    ? .localhostOwnPort(container: from.displayName, port: reference.port)
                    : .localhostPortUndeclared(container: from.displayName, port: reference.port), reference.source))
            }
        }
        return .fail(Array(failures.prefix(3)))
    }
}

/// data.flow: what one container writes, another reads, through the same file of a shared volume.
struct DataFlowRule: Rule {
    let id = "data.flow"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Данные проходят через общий volume", en: "Data flows through a shared volume"),
        explanation: LocalizedText(
            ru: "Один контейнер пишет файл в общий volume, другой читает его. Пути в контейнерах могут различаться: важно, что после mountPath (и subPath) они указывают на один и тот же файл volume. Запись ищется в командах (>, >>, tee, touch, cp), чтение — в cat, tail, head, grep и каталогах, которые раздаёт сервер.",
            en: "One container writes a file into a shared volume, another reads it. The paths may differ between containers: what matters is that through mountPath (and subPath) they reach the same file of the volume. Writes are found in commands (>, >>, tee, touch, cp), reads in cat, tail, head, grep and directories a server serves."),
        section: "Общие Volumes в много-контейнерных PODs")
    let params = [ParamSpec("writer", .string, required: true), ParamSpec("reader", .string, required: true), ParamSpec("file", .string)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: writer\n    image: busybox\n    command: [sh, -c, 'while true; do date >> /out/data.txt; sleep 5; done']\n    volumeMounts: [{name: shared, mountPath: /out}]\n  - name: reader\n    image: busybox\n    command: [sh, -c, 'tail -f /in/data.txt']\n    volumeMounts: [{name: shared, mountPath: /in}]\n  volumes:\n  - name: shared\n    emptyDir: {}\n",
                    params: "{writer: writer, reader: reader}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: writer\n    image: busybox\n    command: [sh, -c, 'while true; do date >> /tmp/data.txt; sleep 5; done']\n    volumeMounts: [{name: shared, mountPath: /out}]\n  - name: reader\n    image: busybox\n    command: [sh, -c, 'tail -f /in/data.txt']\n    volumeMounts: [{name: shared, mountPath: /in}]\n  volumes:\n  - name: shared\n    emptyDir: {}\n",
                    params: "{writer: writer, reader: reader}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        let writer = try context.container(params.string("writer"))
        let reader = try context.container(params.string("reader"))
        let allWrites = FileAccesses.of(writer).filter { $0.kind == .write }
        let anchor = { (c: Container) -> Finding in
            let at = c.command?.first ?? c.args?.first
            return at.map { context.finding(.noWrites(container: c.displayName), $0) }
                ?? context.finding(.noWrites(container: c.displayName), mark: c.nameMark, path: c.path)
        }
        guard !allWrites.isEmpty else { return .fail([anchor(writer)]) }
        if let file = params.string("file"), !allWrites.contains(where: { Paths.normalize($0.path) == Paths.normalize(file) }) {
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
                return .pass(.dataFlowOK(writer: writer.displayName, reader: reader.displayName, volume: written.volume,
                                         file: written.relative.isEmpty ? "/" : written.relative))
            }
        }
        let at = allReads.first?.source
        let message = Message.flowMismatch(writer: writer.displayName, reader: reader.displayName,
                                           writes: allWrites.map(\.path), reads: allReads.map(\.path))
        return .fail([at.map { context.finding(message, $0) } ?? context.finding(message, mark: reader.nameMark, path: reader.path)])
    }
}
