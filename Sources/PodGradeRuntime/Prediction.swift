public import PodGradeCore

/// One thing the model says a running Pod will show, and what the runtime showed.
public struct Prediction: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A container keeps running, ends, or cannot start.
        case state
        /// A TCP port is listened on in the Pod's network namespace (or is not).
        case port
        /// A file is on a volume after the settle time (or is not).
        case file
        /// A reader's output holds the lines a writer wrote into the shared file (or does not).
        case flow
        /// A localhost connection is answered (or refused).
        case connect
    }

    public let kind: Kind
    /// What it is about: `web`, `8080`, `data/log.txt`, `writer→reader`, `probe→8080`.
    public let subject: String
    public let predicted: String
    public let observed: String

    public var agrees: Bool { predicted == observed }
}

/// What the model predicts of a Pod, read so that a runtime's observation can answer it.
public struct ModelPredictions: Sendable {
    /// Containers and what the model says of each: `running`, `ended`, `failedToStart`; none when it cannot tell.
    public let states: [String: ContainerObservation.State]
    /// Ports the model says something listens on (real listeners of containers that start and run).
    public let listening: Set<Int>
    /// Ports only declared (`containerPort`) with no process of the Pod listening there.
    public let declaredOnly: Set<Int>
    /// Ports whose state after the settle time the model cannot know (a one-client server with a client).
    public let unknownPorts: Set<Int>
    /// For each emptyDir volume: the files the model says are written there.
    public let files: [String: Set<String>]
    /// Writer → reader pairs whose data the model says reaches the reader's output.
    public let flows: Set<Pair>
    /// Loopback connections (client, port) and whether the model says they are answered.
    public let connections: [Pair: Bool]

    public struct Pair: Sendable, Hashable {
        public let from: String
        public let to: String
    }

    public init(_ model: PodModel) {
        var states: [String: ContainerObservation.State] = [:]
        let cannotStart = Set(model.missingPrograms.filter { m in
            (m.container.spec.command?.first ?? m.container.spec.args?.first).map { $0.mark == m.source.mark } ?? false
        }.map(\.container.name))
        // The second of two processes on one port fails to bind: which one depends on start order.
        let certainClashes = model.portClashes.filter(\.certain)
        let clashing = Set(certainClashes.flatMap { [$0.first.container, $0.second.container] })
        // An init container that never ends keeps the app containers from starting.
        let blocked = model.containers.contains(where: \.blocksPodStart)
        for c in model.containers where c.kind == .app {
            if blocked { states[c.name] = .waiting; continue }
            if cannotStart.contains(c.name) { states[c.name] = .failedToStart; continue }
            if clashing.contains(c.name) { continue }
            switch c.lifecycle {
            case .keepsRunning: states[c.name] = .running
            case .ends: states[c.name] = .ended
            case .unknown: break
            }
        }
        self.states = states
        let runs = Set(model.containers.filter { $0.kind != .initContainer && $0.lifecycle.keepsRunning && !cannotStart.contains($0.name) }.map(\.name))
        let starts = Set(model.containers.filter { !cannotStart.contains($0.name) }.map(\.name))

        // A server of one client is open only until a neighbour connects: when, the model cannot know.
        let clientPorts = Set(model.connections.filter(\.isLoopback).compactMap(\.port))
        var listening = Set<Int>(), declared = Set<Int>(), once = Set<Int>(), lasting = Set<Int>()
        for l in model.listeners {
            if l.via == .declared { declared.insert(l.port); continue }
            guard runs.contains(l.container), !blocked else { continue }
            listening.insert(l.port)
            if l.servesOnce { once.insert(l.port) } else { lasting.insert(l.port) }
        }
        // Two processes on one port: which binds it depends on the start order, and the loser may
        // end while the winner serves one client and goes: the port's state is not known.
        let contested = Set(certainClashes.map(\.port))
        let unknown = once.subtracting(lasting).intersection(clientPorts).union(contested)
        self.unknownPorts = unknown
        self.listening = listening.subtracting(unknown)
        self.declaredOnly = declared.subtracting(model.listeners.filter { $0.via != .declared }.map(\.port)).subtracting(unknown)

        var files: [String: Set<String>] = [:]
        for v in model.volumes where v.type == "emptyDir" { files[v.name] = [] }
        for f in model.files where f.kind != .read && !f.isSymbolic && !f.onReadOnlyMount && starts.contains(f.container) && f.via != "mkdir" {
            guard let place = f.place, files[place.volume] != nil else { continue }
            let relative = place.relative.hasPrefix("/") ? String(place.relative.dropFirst()) : place.relative
            if !relative.isEmpty { files[place.volume]?.insert(relative) }
        }
        self.files = files

        var flows = Set<Pair>()
        // Only a reader that prints what it reads shows the writer's lines in its output.
        let printers: Set<String> = ["tail", "cat", "head"]
        for flow in model.flows where starts.contains(flow.writer.container) && runs.contains(flow.reader.container)
            && !flow.writer.onReadOnlyMount && !flow.writer.isSymbolic && !flow.reader.isSymbolic
            && !flow.reader.isImplicit && printers.contains(flow.reader.via) {
            flows.insert(Pair(from: flow.writer.container, to: flow.reader.container))
        }
        self.flows = flows

        var connections: [Pair: Bool] = [:]
        for c in model.connections where c.isLoopback && c.via != "env" && c.via != "envoy" {
            guard let port = c.port, runs.contains(c.container), !blocked, !unknown.contains(port) else { continue }
            let answered = c.listeners.contains { $0.via != .declared && runs.contains($0.container) }
            // One prediction per client and port: answered if any of its connections there is.
            let pair = Pair(from: c.container, to: String(port))
            connections[pair] = (connections[pair] ?? false) || answered
        }
        self.connections = connections
    }

    /// Each prediction beside what was observed. `markers` says whether the Pod's processes
    /// print the oracle's markers (`MARK-<writer>` lines, `CONNECT-OK-<port>` / `CONNECT-FAIL-<port>`),
    /// without which flows and connections cannot be observed.
    public func compare(_ seen: PodObservation, markers: Bool) -> [Prediction] {
        var out: [Prediction] = []
        for (name, state) in states.sorted(by: { $0.key < $1.key }) {
            out.append(Prediction(kind: .state, subject: name, predicted: state.rawValue, observed: seen.container(name)?.state.rawValue ?? "absent"))
        }
        for port in listening.union(declaredOnly).union(seen.listeningPorts).subtracting(unknownPorts).sorted() {
            out.append(Prediction(kind: .port, subject: String(port), predicted: listening.contains(port) ? "listening" : "closed",
                                  observed: seen.listeningPorts.contains(port) ? "listening" : "closed"))
        }
        for (volume, predicted) in files.sorted(by: { $0.key < $1.key }) {
            let present = Set(seen.volumeFiles[volume] ?? [])
            for file in predicted.union(present).sorted() {
                out.append(Prediction(kind: .file, subject: volume + ":" + file, predicted: predicted.contains(file) ? "present" : "absent",
                                      observed: present.contains(file) ? "present" : "absent"))
            }
        }
        guard markers else { return out }
        let names = seen.containers.map(\.name)
        for reader in seen.containers where reader.state == .running || reader.state == .ended {
            for writer in names where writer != reader.name {
                let pair = Pair(from: writer, to: reader.name)
                let received = reader.output.contains { $0.contains("MARK-" + writer) }
                // Only pairs the model names or the output shows are predictions worth counting.
                guard flows.contains(pair) || received else { continue }
                out.append(Prediction(kind: .flow, subject: writer + "→" + reader.name, predicted: flows.contains(pair) ? "received" : "nothing",
                                      observed: received ? "received" : "nothing"))
            }
        }
        for (pair, answered) in connections.sorted(by: { ($0.key.from, $0.key.to) < ($1.key.from, $1.key.to) }) {
            guard let client = seen.container(pair.from) else { continue }
            let last = client.output.last { $0.hasPrefix("CONNECT-OK-" + pair.to) || $0.hasPrefix("CONNECT-FAIL-" + pair.to) }
            guard let last else { continue }
            out.append(Prediction(kind: .connect, subject: pair.from + "→" + pair.to, predicted: answered ? "answered" : "refused",
                                  observed: last.hasPrefix("CONNECT-OK") ? "answered" : "refused"))
        }
        return out
    }
}
