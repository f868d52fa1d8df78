import PodGradeYAML

/// The addresses in an inline Envoy configuration (YAML or JSON): every `socket_address`
/// under `listeners` or `admin` is a place Envoy listens on; every one under `clusters`
/// is a place it connects to.
enum EnvoyConfig {
    struct Address: Equatable {
        let host: String
        let port: Int?
        let isListener: Bool
    }

    /// Whether a text looks like an Envoy configuration at all (cheap test before parsing).
    static func mayBeConfig(_ text: String) -> Bool {
        Programs.asciiContains(text, "socket_address")
            && (Programs.asciiContains(text, "listeners") || Programs.asciiContains(text, "clusters") || Programs.asciiContains(text, "admin"))
    }

    static func addresses(in text: String) -> [Address] {
        guard mayBeConfig(text), text.utf8.count <= 200_000 else { return [] }
        let file = YAMLReader.read(text)
        var result: [Address] = []
        for document in file.documents {
            walk(document.root, role: nil, depth: 0, into: &result)
        }
        return result
    }

    private static func walk(_ node: Node, role: Bool?, depth: Int, into result: inout [Address]) {
        guard depth < 64, result.count < 1_000 else { return }
        if let pairs = node.mapping {
            for pair in pairs {
                var inner = role
                switch pair.key {
                case "listeners", "admin": inner = true
                case "clusters": inner = false
                default: break
                }
                if pair.key == "socket_address", let isListener = inner, pair.value.mapping != nil {
                    let host = pair.value["address"]?.scalar?.text ?? ""
                    let port = pair.value["port_value"]?.scalar.flatMap { Programs.port($0.text) }
                    result.append(Address(host: host, port: port, isListener: isListener))
                    continue
                }
                walk(pair.value, role: inner, depth: depth + 1, into: &result)
            }
        } else if let items = node.sequence {
            for item in items { walk(item, role: role, depth: depth + 1, into: &result) }
        }
    }
}
