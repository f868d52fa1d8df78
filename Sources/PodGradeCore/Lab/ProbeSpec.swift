import PodGradeYAML

/// What `check --run` looks at in the running Pod for an exercise's lesson, declared in
/// `spec.yaml` beside the checks (`probes:`). A probe never changes the score: it is
/// evidence shown beside the static grade.
///
/// ```yaml
/// probes:
///   - id: reader-gets-lines
///     kind: received            # running | received | answers
///     params: {writer: writer, reader: reader}
///     text: {ru: "...", en: "..."}
/// ```
public struct ProbeSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Every named container still runs after the settle time, never restarted.
        case running
        /// The reader's output holds a line the writer wrote to the file they share.
        case received
        /// From a container, `http://localhost:PORT/PATH` answers (and holds `contains`, when given).
        case answers
    }

    public let id: String
    public let kind: Kind
    /// `running`: the containers.
    public let containers: [String]
    /// `received`: who writes and who reads.
    public let writer: String?
    public let reader: String?
    /// `answers`: where from, which port and path, and what the answer holds.
    public let from: String?
    public let port: Int?
    public let path: String
    public let contains: String?
    /// What the probe shows, in both languages.
    public let text: LocalizedText

    /// The probes of a spec, with a problem for each entry that cannot be one (and its line).
    static func load(_ node: Node?, problem: (String, Node?) -> Void) -> [ProbeSpec] {
        guard let node else { return [] }
        guard let items = node.sequence else { problem("probes must be a list", node); return [] }
        var probes: [ProbeSpec] = []
        var ids = Set<String>()
        for item in items {
            guard let id = item["id"]?.string else { problem("a probe needs an id", item); continue }
            if !ids.insert(id).inserted { problem("probe '\(id)' is declared twice", item) }
            guard let kindName = item["kind"]?.string, let kind = Kind(rawValue: kindName) else {
                problem("probe '\(id)': kind must be one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))", item["kind"] ?? item)
                continue
            }
            guard let text = ExerciseLoader.localized(item["text"]) else { problem("probe '\(id)': text needs ru and en", item["text"] ?? item); continue }
            let params = item["params"]
            let known: Set<String>
            switch kind {
            case .running: known = ["containers"]
            case .received: known = ["writer", "reader"]
            case .answers: known = ["from", "port", "path", "contains"]
            }
            for pair in params?.mapping ?? [] where !known.contains(pair.key) {
                problem("probe '\(id)': unknown parameter '\(pair.key)' (\(kind.rawValue) takes \(known.sorted().joined(separator: ", ")))", pair.keyNode)
            }
            let containers = params?["containers"]?.sequence?.compactMap(\.string) ?? []
            let writer = params?["writer"]?.string, reader = params?["reader"]?.string
            let from = params?["from"]?.string, port = params?["port"]?.int.map { Int($0) }
            switch kind {
            case .running where containers.isEmpty: problem("probe '\(id)': running needs containers", params ?? item); continue
            case .received where writer == nil || reader == nil: problem("probe '\(id)': received needs writer and reader", params ?? item); continue
            case .answers where from == nil || port.map({ !(1...65535).contains($0) }) ?? true:
                problem("probe '\(id)': answers needs from and a port from 1 to 65535", params ?? item); continue
            default: break
            }
            var path = params?["path"]?.string ?? "/"
            if !path.hasPrefix("/") { path = "/" + path }
            probes.append(ProbeSpec(id: id, kind: kind, containers: containers, writer: writer, reader: reader, from: from, port: port,
                                    path: path, contains: params?["contains"]?.string, text: text))
        }
        return probes
    }
}
